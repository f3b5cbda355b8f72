// Integration layer: the mocha suite in out/test/integration runs inside the real extension host
// of code-server. code-server refuses --extensionDevelopmentPath on its command line, but its
// workbench URL takes extensionDevelopmentPath / extensionTestsPath in the `payload` parameter;
// the workbench then reports the suite's output through window.codeAutomationLog and its exit
// code through window.codeAutomationExit. The suite ends with `N passed, N failed` (read here).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, requireChromium } from '../lib/browser.mjs';
import { ensureCodeServer, startCodeServer } from '../lib/codeServer.mjs';
import { onExit, tail } from '../lib/processes.mjs';

const SUITE_TIMEOUT_MS = Number(process.env.MLMON_INTEGRATION_TIMEOUT_MS) || 5 * 60_000;
const RESULT_LINE = /^(\d+) passed, (\d+) failed\s*$/gm;

/** Copies demo-workspace/ (when present) to a temp folder the suite may change freely. */
function makeWorkspace(root) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-it-workspace-'));
  const demo = path.join(root, 'demo-workspace');
  if (fs.existsSync(demo)) fs.cpSync(demo, dir, { recursive: true });
  return dir;
}

/** Text of one codeAutomationLog call: the workbench passes the console arguments as an array. */
function logText(args) {
  return format(...(Array.isArray(args) ? args : [args]));
}

/** The workbench's own start-up chatter, shown only when the suite does not report a result. */
const WORKBENCH_NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^Creation of workbench contribution '.*' took \d+ms/,
  /ENOTFOUND open-vsx\.org/,
];

/**
 * Runs the suite once in a fresh code-server + Chromium.
 * Resolves { passed, failed } parsed from the suite's closing line, with a failure added for a
 * timeout, a crash or an exit code that contradicts the counts.
 */
export async function runLayer({ root, write = (text) => process.stdout.write(text) }) {
  const suiteEntry = path.join(root, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(suiteEntry)) throw new Error(`${path.relative(root, suiteEntry)} is missing: compile the tests first (tsc -p .).`);
  const main = path.join(root, JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).main ?? 'dist/extension.js');
  if (!fs.existsSync(main)) throw new Error(`${path.relative(root, main)} is missing: build first (node esbuild.mjs).`);
  requireChromium();
  await ensureCodeServer({ root });

  const started = Date.now();
  const workspace = makeWorkspace(root);
  const unregister = onExit(() => fs.rmSync(workspace, { recursive: true, force: true }));
  let server;
  let browser;
  try {
    server = await startCodeServer({ root });
    browser = await launchBrowser();
    const { page } = browser;

    let output = '';
    let workbenchLog = '';
    let settle;
    const finished = new Promise((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = logText(args);
      if (WORKBENCH_NOISE.some((re) => re.test(text))) {
        workbenchLog += `[${type}] ${text}\n`;
        return;
      }
      output += `${text}\n`;
      write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => settle({ code: Number(code) }));
    page.on('crash', () => settle({ crash: 'the browser page crashed' }));
    page.on('close', () => settle({ crash: 'the browser page closed' }));
    void server.exited.then(() => settle({ crash: 'code-server exited' }));

    const url = server.workbenchUrl({
      folder: workspace,
      payload: [
        ['extensionDevelopmentPath', server.remoteUri(root)],
        ['extensionTestsPath', server.remoteUri(suiteEntry.replace(/\.js$/, ''))],
        ['skipWelcome', 'true'],
      ],
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ timeout: true }), SUITE_TIMEOUT_MS);
    });
    const outcome = await Promise.race([finished, timedOut]);
    clearTimeout(timer);

    const last = [...output.matchAll(RESULT_LINE)].at(-1);
    const counts = last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
    const fail = (problem) => {
      console.error(`integration: ${problem}; counted as a failure.`);
      if (workbenchLog) console.error(`Workbench log:\n${tail(workbenchLog, 40)}`);
      console.error(`code-server output:\n${tail(server.output(), 40)}`);
      return { passed: counts?.passed ?? 0, failed: (counts?.failed ?? 0) + 1 };
    };
    if (outcome.timeout) return fail(`the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s`);
    if (outcome.crash) return fail(`${outcome.crash} before the suite finished`);
    if (!counts) return fail(`the suite exited with code ${outcome.code} without printing its 'N passed, N failed' line (did it load? see above)`);
    if (outcome.code !== 0 && counts.failed === 0) return fail(`the suite reported no failures but exited with code ${outcome.code}`);
    console.log(`integration: suite finished in ${Math.round((Date.now() - started) / 1000)} s`);
    return counts;
  } finally {
    await browser?.close();
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    unregister();
  }
}
