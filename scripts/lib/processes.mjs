// Child processes that each run in a process group of their own and are always stopped as a
// group: on stop(), on normal exit, on Ctrl-C / SIGTERM / SIGHUP, and on uncaught errors.
// Also the small waiting helpers every launcher needs (free port, polling with a deadline).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';

/** Process groups started here and not yet stopped: pgid -> label. */
const liveGroups = new Map();
/** Synchronous cleanups (temp folders) run on exit, after the groups are killed. */
const exitCleanups = new Set();
/** Async shutdowns (close the browser, stop servers politely) run first on a signal. */
const shutdownHandlers = new Set();
let trapsInstalled = false;
let shuttingDown = false;

function installTraps() {
  if (trapsInstalled) return;
  trapsInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups.keys()) killGroup(pgid, 'SIGKILL');
    liveGroups.clear();
    for (const cleanup of exitCleanups) {
      try {
        cleanup();
      } catch {
        // Best effort: the process is exiting anyway.
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      const code = 128 + (os.constants.signals[signal] ?? 1);
      // A second Ctrl-C while shutting down means "now".
      if (shuttingDown) process.exit(code);
      shuttingDown = true;
      console.error(`\nReceived ${signal}: stopping${liveGroups.size ? ` ${[...new Set(liveGroups.values())].join(', ')}` : ''}.`);
      if (shutdownHandlers.size === 0) process.exit(code);
      const all = Promise.allSettled([...shutdownHandlers].map((handler) => handler()));
      withTimeout(all, 15000, 'shutdown timed out')
        .catch(() => undefined)
        .finally(() => process.exit(code));
    });
  }
}

/** Runs `handler` (async) when this process is told to stop by a signal, before it exits. */
export function onShutdown(handler) {
  installTraps();
  shutdownHandlers.add(handler);
  return () => shutdownHandlers.delete(handler);
}

/** Registers a synchronous cleanup that runs when this process exits, however it exits. */
export function onExit(cleanup) {
  installTraps();
  exitCleanups.add(cleanup);
  return () => exitCleanups.delete(cleanup);
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (err) {
    if (err.code === 'ESRCH') return false;
    throw err;
  }
}

/** True while any process of the group is alive (zombies waiting for a reaper don't count). */
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
  } catch (err) {
    return err.code !== 'ESRCH';
  }
  if (!fs.existsSync('/proc/self/stat')) return true;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after "(comm)": state ppid pgrp ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

/**
 * Starts `command` in a new session (so a new process group, pgid = pid) and keeps the tail of
 * its output for error messages. `onOutput(text)` sees every chunk of stdout and stderr.
 */
export function spawnGroup(command, args, { label = command, cwd, env, onOutput, keepOutputChars = 20000 } = {}) {
  installTraps();
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk) => {
    const text = chunk.toString();
    output = (output + text).slice(-keepOutputChars);
    onOutput?.(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => {
    child.on('error', (err) => {
      output += `\n${err.message}`;
      resolve({ code: null, signal: null, error: err });
    });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const pgid = child.pid;
  if (pgid !== undefined) liveGroups.set(pgid, label);

  let stopping;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when no member is left. */
  function stop(graceMs = 5000) {
    stopping ??= (async () => {
      if (pgid === undefined) return;
      killGroup(pgid, 'SIGTERM');
      const gone = await pollUntil(() => !groupAlive(pgid), { timeoutMs: graceMs, intervalMs: 100 });
      if (!gone) {
        killGroup(pgid, 'SIGKILL');
        await pollUntil(() => !groupAlive(pgid), { timeoutMs: 3000, intervalMs: 100 });
      }
      liveGroups.delete(pgid);
    })();
    return stopping;
  }

  return { child, pgid, label, exited, stop, output: () => output };
}

/** Polls `probe` until it returns a truthy value (returned) or the time is up (returns undefined). */
export async function pollUntil(probe, { timeoutMs, intervalMs = 200 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Rejects with `message` when `promise` has not settled after `ms`. */
export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The last `lines` lines of `text`, indented, for error messages. */
export function tail(text, lines = 25) {
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');
}
