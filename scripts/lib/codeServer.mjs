// code-server (the real VS Code workbench served to a browser, with the real Node extension host):
// launches that are isolated from the developer's own editor setup and never outlive the caller. The
// install into `.cache/code-server/` is in codeServerInstall.mjs.
//
//   node scripts/lib/codeServer.mjs install    installs (or checks) the cached copy; used by .ci/run
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_SERVER_VERSION, ensureCodeServer, isolatedEnv, repoRoot, requireCodeServer } from './codeServerInstall.mjs';
import { freePort, onExit, pollUntil, spawnGroup, tail } from './processes.mjs';

export { CODE_SERVER_VERSION, codeServerDir, ensureCodeServer, installedCodeServer, requireCodeServer } from './codeServerInstall.mjs';

const START_TIMEOUT_MS = 60_000;
/**
 * Starts code-server on 127.0.0.1 with a fresh user-data and extensions folder.
 * @param {object} options
 * @param {string} [options.root] repository root (for the cached install)
 * @param {Record<string, unknown>} [options.userSettings] merged over the defaults in settings.json
 * @param {string[]} [options.vsixFiles] extensions installed before the start
 * @param {boolean} [options.workspaceTrust] keep workspace trust on (restricted mode tests)
 * @param {boolean} [options.isolateAws] hide the developer's AWS config, credentials and variables (default true)
 * @param {Record<string, string>} [options.env] extra environment for code-server and its extension host
 * @param {number} [options.port] default: a free port
 * @param {(text: string) => void} [options.onOutput] sees code-server's stdout and stderr
 */
export async function startCodeServer({
  root = repoRoot,
  userSettings = {},
  vsixFiles = [],
  workspaceTrust = false,
  isolateAws = true,
  env: extraEnv = {},
  port,
  onOutput,
} = {}) {
  const entry = requireCodeServer(root);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-cs-'));
  const removeBase = () => fs.rmSync(base, { recursive: true, force: true });
  const unregister = onExit(removeBase);
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  const env = isolatedEnv(base, { isolateAws, extra: extraEnv });
  let server;
  try {
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    const settings = {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'update.mode': 'none',
      'security.workspace.trust.enabled': workspaceTrust,
      // The demo and test workspaces sit inside this repository: no "open the parent repo?" prompt.
      'git.openRepositoryInParentFolders': 'never',
      ...userSettings,
    };
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    const dirArgs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
    for (const vsix of vsixFiles) {
      try {
        execFileSync(process.execPath, [entry, ...dirArgs, '--install-extension', vsix], { env, stdio: 'pipe', timeout: 120_000 });
      } catch (err) {
        throw new Error(`code-server could not install ${path.basename(vsix)}: ${String(err.stderr || err.stdout || err.message).trim()}`);
      }
    }
    for (let attempt = 1; ; attempt++) {
      const chosenPort = port ?? (await freePort());
      const args = [
        entry,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${chosenPort}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        '--session-socket', path.join(base, 'session.sock'),
        ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
        ...dirArgs,
      ];
      server = spawnGroup(process.execPath, args, { label: 'code-server', cwd: base, env, onOutput });
      const url = `http://127.0.0.1:${chosenPort}`;
      let exited = false;
      void server.exited.then(() => (exited = true));
      const healthy = await pollUntil(
        async () => {
          if (exited) return true;
          try {
            const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
            return res.ok;
          } catch {
            return false;
          }
        },
        { timeoutMs: START_TIMEOUT_MS, intervalMs: 150 },
      );
      if (healthy && !exited) {
        return makeHandle({ server, url, port: chosenPort, base, userDataDir, extensionsDir, removeBase, unregister });
      }
      await server.stop();
      const why = exited ? 'exited during startup' : `did not answer /healthz within ${START_TIMEOUT_MS / 1000} s`;
      if (exited && port === undefined && attempt < 3 && /EADDRINUSE/.test(server.output())) continue;
      throw new Error(`code-server ${why}. Its output:\n${tail(server.output())}`);
    }
  } catch (err) {
    await server?.stop();
    removeBase();
    unregister();
    throw err;
  }
}

function makeHandle({ server, url, port, base, userDataDir, extensionsDir, removeBase, unregister }) {
  const authority = `127.0.0.1:${port}`;
  return {
    url,
    port,
    pid: server.pgid,
    userDataDir,
    extensionsDir,
    /** Resolves when the code-server process exits, by itself or by stop(). */
    exited: server.exited,
    /** code-server's stdout and stderr so far (the tail). */
    output: () => server.output(),
    /** `vscode-remote://` URI of a path on this machine, as the workbench URL payload wants it. */
    remoteUri: (fsPath) => `vscode-remote://${authority}${pathToFileURL(fsPath).pathname}`,
    /** Workbench URL opening `folder`, with extra `payload` entries ([name, value] pairs). */
    workbenchUrl: ({ folder, payload = [] } = {}) => {
      // Slashes stay readable in a printed URL; everything else is encoded.
      const encode = (value) => encodeURIComponent(value).replace(/%2F/gi, '/');
      const query = [];
      if (folder) query.push(`folder=${encode(folder)}`);
      if (payload.length) query.push(`payload=${encode(JSON.stringify(payload))}`);
      return `${url}/${query.length ? `?${query.join('&')}` : ''}`;
    },
    /** Stops code-server and everything it started, and removes its temp folders. */
    stop: async () => {
      await server.stop();
      removeBase();
      unregister();
    },
    tempDir: base,
  };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const command = process.argv[2];
  if (command !== 'install') {
    console.error('Usage: node scripts/lib/codeServer.mjs install');
    process.exit(2);
  }
  try {
    const entry = await ensureCodeServer();
    console.log(`code-server ${CODE_SERVER_VERSION} is ready: ${path.relative(process.cwd(), entry)}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
