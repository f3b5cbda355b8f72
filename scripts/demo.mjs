// `npm run demo`: the extension on demo-workspace/, fed by the sandbox clouds, with no cloud
// account. Builds, starts `mlmon sandbox` on a free port, then opens desktop VS Code when `code`
// is on PATH, otherwise code-server on 127.0.0.1 (installed into .cache/ on first use) and prints
// the URL. Ctrl-C stops everything.
//
//   npm run demo [-- --port 8080] [-- --no-open]
//     --port N    port for code-server (default: a free one)
//     --no-open   open nothing: use code-server even when `code` is available, print its URL,
//                 and don't launch a browser
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, startCodeServer } from './lib/codeServer.mjs';
import { onExit, onShutdown, spawnGroup, tail, withTimeout } from './lib/processes.mjs';
import { packageVsix } from './lib/vsix.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = path.join(root, 'demo-workspace');
const SANDBOX_LINE = /sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/;
const SANDBOX_LOG = path.join(root, '.cache', 'demo', 'sandbox.log');

function usage(message) {
  if (message) console.error(message);
  console.error('Usage: npm run demo [-- --port <port>] [-- --no-open]');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { port: undefined, open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-open') options.open = false;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg.includes('=') ? arg.slice('--port='.length) : argv[++i];
      const port = Number(value);
      if (!Number.isInteger(port) || port < 1 || port > 65535) usage(`--port needs a port number (1-65535), got '${value ?? ''}'.`);
      options.port = port;
    } else if (arg === '--help' || arg === '-h') usage();
    else usage(`Unknown option '${arg}'.`);
  }
  return options;
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Starts `node dist/cli.js sandbox --port 0` and resolves its URL from the line it prints. */
async function startSandbox() {
  const cli = path.join(root, 'dist', 'cli.js');
  // Its request log goes to a file: the terminal keeps the URL and the Ctrl-C hint in view.
  fs.mkdirSync(path.dirname(SANDBOX_LOG), { recursive: true });
  const log = fs.createWriteStream(SANDBOX_LOG);
  const sandbox = spawnGroup(process.execPath, [cli, 'sandbox', '--port', '0'], {
    label: 'sandbox',
    cwd: root,
    onOutput: (text) => log.write(text),
  });
  void sandbox.exited.then(() => log.end());
  const ready = new Promise((resolve, reject) => {
    const check = () => {
      const match = sandbox.output().match(SANDBOX_LINE);
      if (match) resolve(match[1]);
    };
    sandbox.child.stdout.on('data', check);
    void sandbox.exited.then(({ code, signal }) => reject(new Error(`the sandbox exited (${signal ?? `code ${code}`}) before it was listening.`)));
  });
  let url;
  try {
    url = await withTimeout(ready, 30_000, "the sandbox did not print 'sandbox listening on http://127.0.0.1:<port>' within 30 s.");
  } catch (err) {
    await sandbox.stop();
    throw new Error(`${err.message} Its output:\n${tail(sandbox.output())}`);
  }
  return { url, process: sandbox };
}

/** Desktop VS Code with a user-data folder of its own, so the demo's settings stay out of yours. */
async function openDesktop(sandboxUrl) {
  const userDataDir = path.join(root, '.cache', 'demo', 'vscode-user-data');
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  let settings = {};
  try {
    settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  } catch {
    // First run, or a file with comments VS Code allows: start again from the demo's settings.
  }
  Object.assign(settings, {
    'mlMonitor.sandbox.url': sandboxUrl,
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'git.openRepositoryInParentFolders': 'never',
  });
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const env = { ...process.env };
  // Inside a VS Code terminal `code` would hand the request to that window instead.
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  console.log(`Opening VS Code on demo-workspace/ (extension from ${root}, sandbox at ${sandboxUrl}).`);
  console.log('Close the VS Code window or press Ctrl-C here to stop the sandbox.');
  const code = spawn('code', ['--user-data-dir', userDataDir, '--new-window', '--wait', `--extensionDevelopmentPath=${root}`, workspace], {
    env,
    stdio: 'inherit',
  });
  return new Promise((resolve) => {
    code.on('error', (err) => resolve({ error: err }));
    code.on('exit', (exitCode) => resolve({ code: exitCode }));
  });
}

function openInBrowser(url) {
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
  const hasDisplay = process.platform === 'darwin' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  if (!hasDisplay || !onPath(opener)) return false;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return true;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(workspace)) throw new Error(`${path.relative(process.cwd(), workspace)} is missing.`);
  const useDesktop = options.open && onPath('code');
  if (!useDesktop && options.port !== undefined && !(await portFree(options.port))) {
    throw new Error(`port ${options.port} on 127.0.0.1 is in use: choose another with --port, or leave it out for a free one.`);
  }

  console.log('Building...');
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });

  const stops = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  onShutdown(stopAll);

  const sandbox = await startSandbox();
  stops.push(() => sandbox.process.stop());
  console.log(`Sandbox clouds: ${sandbox.url} (log: ${path.relative(process.cwd(), SANDBOX_LOG)})`);

  if (useDesktop) {
    const result = await openDesktop(sandbox.url);
    await stopAll();
    if (result.error) throw new Error(`could not start 'code': ${result.error.message}. Try npm run demo -- --no-open (code-server).`);
    return;
  }

  await ensureCodeServer({ root });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-demo-'));
  const removeWork = () => fs.rmSync(work, { recursive: true, force: true });
  onExit(removeWork);
  stops.push(async () => removeWork());
  const vsix = await packageVsix({ root, outFile: path.join(work, 'ml-platform-monitor.vsix') });
  const server = await startCodeServer({
    root,
    port: options.port,
    vsixFiles: [vsix],
    userSettings: { 'mlMonitor.sandbox.url': sandbox.url },
    // The demo is your own editor session: "Connect AWS" may use your real profiles.
    isolateAws: false,
  });
  stops.push(() => server.stop());
  const url = server.workbenchUrl({ folder: workspace });
  console.log(`\nML Monitor demo (code-server) is running. Open:\n\n  ${url}\n`);
  if (options.open && openInBrowser(url)) console.log('(opened in your browser)');
  console.log('Press Ctrl-C to stop the sandbox and code-server.');

  const ended = await Promise.race([
    sandbox.process.exited.then(() => `the sandbox stopped unexpectedly:\n${tail(sandbox.process.output())}`),
    server.exited.then(() => `code-server stopped unexpectedly:\n${tail(server.output())}`),
  ]);
  // Ctrl-C: the signal handler is stopping everything and exits when done.
  if (stopping) return new Promise(() => undefined);
  await stopAll();
  throw new Error(ended);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`demo: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  },
);
