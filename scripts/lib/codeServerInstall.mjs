// The one-time install of code-server (the real VS Code workbench served to a browser) into the
// git-ignored cache `.cache/code-server/`: checked against the version and Node ABI it needs, guarded by
// a lock so parallel runs install once, with ripgrep's archive seeded since its download fails offline.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onExit, pollUntil, spawnGroup, tail } from './processes.mjs';

/** VS Code 1.100.3: the last code-server whose engines allow Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_CACHE_DIR = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };
const INSTALL_TIMEOUT_MS = 20 * 60_000;

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function codeServerDir(root = repoRoot) {
  return path.join(root, '.cache', 'code-server');
}

function layout(root) {
  const dir = codeServerDir(root);
  const pkg = path.join(dir, 'node_modules', 'code-server');
  return {
    dir,
    pkg,
    vscode: path.join(pkg, 'lib', 'vscode'),
    entry: path.join(pkg, 'out', 'node', 'entry.js'),
    marker: path.join(dir, 'installed.json'),
    log: path.join(dir, 'install.log'),
    lock: `${dir}.lock`,
  };
}

/** What the cached install must match: a different Node ABI needs the native modules rebuilt. */
function expectedMarker() {
  return { version: CODE_SERVER_VERSION, modules: process.versions.modules, platform: process.platform, arch: process.arch };
}

/** The code-server entry script when the cached install is complete and current, else undefined. */
export function installedCodeServer(root = repoRoot) {
  const l = layout(root);
  try {
    const marker = JSON.parse(fs.readFileSync(l.marker, 'utf8'));
    const expected = expectedMarker();
    const current = Object.keys(expected).every((k) => marker[k] === expected[k]);
    return current && fs.existsSync(l.entry) ? l.entry : undefined;
  } catch {
    return undefined;
  }
}

/** The entry script, or an error that says how to install code-server. */
export function requireCodeServer(root = repoRoot) {
  const entry = installedCodeServer(root);
  if (!entry) throw new Error('code-server is not installed: run `node scripts/lib/codeServer.mjs install` (or .ci/run on a fresh machine).');
  return entry;
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, command)));
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function which(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

/** Everything the install needs that npm cannot fetch, checked up front so the error says what to do. */
function installProblems() {
  const problems = [];
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) problems.push(`code-server ${CODE_SERVER_VERSION} needs Node 20 (this is Node ${process.versions.node}).`);
  if (process.platform === 'linux') {
    if (!which('rg')) problems.push('ripgrep is missing (its npm package would download it): apt-get install ripgrep');
    if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !onPath('krb5-config')) {
      problems.push("Kerberos headers are missing (code-server's kerberos module builds from source): apt-get install libkrb5-dev");
    }
  }
  for (const tool of ['make', 'g++', 'python3', 'tar']) {
    if (!onPath(tool)) problems.push(`${tool} is missing (native modules build from source): apt-get install build-essential python3`);
  }
  return [...new Set(problems)];
}

/**
 * @vscode/ripgrep's postinstall looks in $TMPDIR/vscode-ripgrep-cache-<version>/ for its archive
 * before downloading one: pack the system's rg there so the install works offline.
 */
function seedRipgrep() {
  const target = RIPGREP_TARGETS[process.arch];
  const rg = which('rg');
  if (process.platform !== 'linux' || !target || !rg) return;
  const cacheDir = path.join(os.tmpdir(), RIPGREP_CACHE_DIR);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-rg-'));
  try {
    fs.copyFileSync(fs.realpathSync(rg), path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    fs.mkdirSync(cacheDir, { recursive: true });
    const archive = path.join(cacheDir, `ripgrep-v13.0.0-10-${target}.tar.gz`);
    execFileSync('tar', ['-czf', `${archive}.tmp`, '-C', staging, 'rg']);
    fs.renameSync(`${archive}.tmp`, archive);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Native modules code-server loads at run time; npm may skip their builds without failing. */
function verifyInstall(l) {
  const checks = [
    [path.join(l.pkg, 'package.json'), 'argon2'],
    [path.join(l.vscode, 'package.json'), 'kerberos'],
    [path.join(l.vscode, 'package.json'), 'node-pty'],
    [path.join(l.vscode, 'package.json'), '@vscode/spdlog'],
  ];
  const broken = [];
  for (const [from, name] of checks) {
    const script = `require(require('node:module').createRequire(${JSON.stringify(from)}).resolve(${JSON.stringify(name)}))`;
    try {
      execFileSync(process.execPath, ['-e', script], { stdio: 'pipe', timeout: 30_000 });
    } catch (err) {
      const detail = String(err.stderr ?? err.message).split('\n').find((line) => /Error|Cannot/.test(line)) ?? 'failed to load';
      broken.push(`${name}: ${detail.trim()}`);
    }
  }
  const ptyBinary = path.join(path.dirname(createRequire(path.join(l.vscode, 'package.json')).resolve('node-pty/package.json')), 'build', 'Release', 'pty.node');
  if (!fs.existsSync(ptyBinary)) broken.push('node-pty: build/Release/pty.node was not built');
  if (!isExecutable(path.join(l.vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'))) broken.push('@vscode/ripgrep: bin/rg is missing');
  if (broken.length) {
    throw new Error(
      `code-server installed but some native modules are not usable:\n  ${broken.join('\n  ')}\n` +
        `Their install scripts may have been blocked or failed: see ${l.log}`,
    );
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-cs-check-'));
  let version;
  try {
    version = execFileSync(process.execPath, [l.entry, '--version'], { encoding: 'utf8', timeout: 30_000, env: isolatedEnv(scratch) });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (!version.split('\n').some((line) => line.startsWith(`${CODE_SERVER_VERSION} `))) {
    throw new Error(`code-server --version printed '${version.trim()}', expected ${CODE_SERVER_VERSION}`);
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** A cross-process lock so the demo and a test run never install into the same folder at once. */
async function withInstallLock(l, log, fn) {
  fs.mkdirSync(path.dirname(l.lock), { recursive: true });
  let announced = false;
  const acquired = await pollUntil(
    () => {
      try {
        fs.writeFileSync(l.lock, String(process.pid), { flag: 'wx' });
        return true;
      } catch (err) {
        if (err.code !== 'EEXIST') throw err;
        const holder = Number(fs.readFileSync(l.lock, 'utf8'));
        if (!holder || !pidAlive(holder)) {
          fs.rmSync(l.lock, { force: true });
          return false;
        }
        if (!announced) log(`Waiting for another process (pid ${holder}) that is installing code-server...`);
        announced = true;
        return false;
      }
    },
    { timeoutMs: INSTALL_TIMEOUT_MS, intervalMs: 1000 },
  );
  if (!acquired) throw new Error(`Timed out waiting for the code-server install lock ${l.lock}`);
  const release = onExit(() => fs.rmSync(l.lock, { force: true }));
  try {
    return await fn();
  } finally {
    release();
    fs.rmSync(l.lock, { force: true });
  }
}

/**
 * Installs code-server into `.cache/code-server/` unless a complete install for this Node is
 * there already (then it returns at once). Returns the path of its entry script.
 */
export async function ensureCodeServer({ root = repoRoot, log = (line) => console.log(line) } = {}) {
  const cached = installedCodeServer(root);
  if (cached) return cached;
  const l = layout(root);
  return withInstallLock(l, log, async () => {
    const already = installedCodeServer(root);
    if (already) return already;
    const problems = installProblems();
    if (problems.length) {
      throw new Error(`code-server is not installed and cannot be installed here:\n  ${problems.join('\n  ')}\n(.ci/run installs all of these on a fresh Debian machine.)`);
    }
    log(`Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), l.dir) || '.'} (one time, about 1-3 minutes)...`);
    const started = Date.now();
    fs.rmSync(l.marker, { force: true });
    fs.rmSync(path.join(l.dir, 'node_modules'), { recursive: true, force: true });
    fs.rmSync(path.join(l.dir, 'package-lock.json'), { force: true });
    fs.mkdirSync(l.dir, { recursive: true });
    fs.writeFileSync(
      path.join(l.dir, 'package.json'),
      JSON.stringify(
        {
          name: 'mlmon-code-server-cache',
          private: true,
          description: 'code-server for the ML Platform Monitor tests and demo (scripts/lib/codeServer.mjs)',
          allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
        },
        null,
        2,
      ) + '\n',
    );
    seedRipgrep();

    const env = { ...process.env };
    // Under `npm test` the parent npm exports its run-script context (loglevel=silent from
    // --silent, allow-scripts, the project's prefix); none of it belongs to this install.
    for (const key of Object.keys(env)) {
      if (/^(npm_(lifecycle|package)_|npm_command$|INIT_CWD$|npm_config_(loglevel|silent|allow_scripts|local_prefix|prefix|global_prefix|global)$)/.test(key)) delete env[key];
    }
    env.npm_config_yes = 'true';
    // code-server's postinstall runs a second `npm install` in lib/vscode whose packages (kerberos,
    // node-pty, spdlog, ...) this folder's allowScripts cannot cover: keep npm 11's install-script
    // policy at "run with a notice" even where a user config makes it strict. verifyInstall checks.
    env.npm_config_strict_allow_scripts = 'false';
    // node-gyp downloads Node headers unless told where they are; use the local ones when present.
    const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
    if (!process.env.npm_config_nodedir && fs.existsSync(path.join(nodePrefix, 'include', 'node', 'node_api.h'))) {
      env.npm_config_nodedir = nodePrefix;
    }
    for (const key of Object.keys(env)) if (key.startsWith('VSCODE_')) delete env[key];
    const logStream = fs.createWriteStream(l.log);
    const npm = spawnGroup('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--unsafe-perm', '--foreground-scripts', '--no-audit', '--no-fund'], {
      label: 'npm install code-server',
      cwd: l.dir,
      env,
      onOutput: (text) => logStream.write(text),
    });
    const heartbeat = setInterval(() => log(`  still installing code-server (${Math.round((Date.now() - started) / 1000)} s)...`), 30_000);
    const timer = setTimeout(() => void npm.stop(), INSTALL_TIMEOUT_MS);
    const result = await npm.exited;
    clearInterval(heartbeat);
    clearTimeout(timer);
    await npm.stop();
    await new Promise((resolve) => logStream.end(resolve));
    if (result.code !== 0) {
      const why = result.signal ? `was stopped (${result.signal}${Date.now() - started >= INSTALL_TIMEOUT_MS ? ', timed out' : ''})` : `exited with code ${result.code}`;
      throw new Error(`npm install code-server@${CODE_SERVER_VERSION} ${why}. Last lines of ${l.log}:\n${tail(npm.output())}`);
    }
    verifyInstall(l);
    fs.writeFileSync(l.marker, JSON.stringify({ ...expectedMarker(), installedAt: new Date().toISOString() }, null, 2) + '\n');
    log(`Installed code-server ${CODE_SERVER_VERSION} in ${Math.round((Date.now() - started) / 1000)} s.`);
    return l.entry;
  });
}

/**
 * The environment code-server runs in: its own config and data folders, no inherited VS Code
 * session variables, and (unless `isolateAws` is false) no way to read the developer's AWS setup.
 */
export function isolatedEnv(base, { isolateAws = true, extra = {} } = {}) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE' || key === 'PASSWORD' || key === 'HASHED_PASSWORD') delete env[key];
  }
  env.XDG_CONFIG_HOME = path.join(base, 'config');
  env.XDG_DATA_HOME = path.join(base, 'data');
  if (isolateAws) {
    for (const key of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SSO_SESSION']) delete env[key];
    env.AWS_CONFIG_FILE = path.join(base, 'no-aws-config');
    env.AWS_SHARED_CREDENTIALS_FILE = path.join(base, 'no-aws-credentials');
  }
  return { ...env, ...extra };
}
