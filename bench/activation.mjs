// Benchmark: extension activation in a real VS Code (code-server) and the size of what it loads.
// activate() times itself and logs whether any cloud SDK was loaded; this reads that log line.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../scripts/lib/browser.mjs';
import { ensureCodeServer, startCodeServer } from '../scripts/lib/codeServer.mjs';
import { packageVsix } from '../scripts/lib/vsix.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function findFiles(dir, name) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? findFiles(full, name) : e.name === name ? [full] : [];
  });
}

async function readActivation(userDataDir, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const file of findFiles(path.join(userDataDir, 'logs'), 'ML Monitor.log')) {
      const m = fs.readFileSync(file, 'utf8').match(/activated in ([\d.]+) ms \(provider SDKs loaded: (\w+)\)/);
      if (m) return { ms: Number(m[1]), sdkLoaded: m[2] };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the extension never logged its activation');
}

const kb = (file) => (fs.statSync(path.join(root, file)).size / 1024).toFixed(0);
console.log(`bundle: dist/extension.js ${kb('dist/extension.js')} KB (budget 1024 KB), lazily loaded chunks: ${fs
  .readdirSync(path.join(root, 'dist', 'chunks'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => `${f} ${kb(`dist/chunks/${f}`)} KB`)
  .join(', ')}`);

await ensureCodeServer({ root });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-bench-'));
const vsix = await packageVsix({ root, outFile: path.join(work, 'ml-platform-monitor.vsix') });
const samples = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const server = await startCodeServer({ root, vsixFiles: [vsix] });
    const browser = await launchBrowser();
    try {
      await browser.page.goto(server.workbenchUrl({ folder: path.join(root, 'demo-workspace') }));
      await browser.page.locator('.action-label[aria-label^="ML Monitor"]').first().click({ timeout: 60_000 });
      samples.push(await readActivation(server.userDataDir));
    } finally {
      await browser.close();
      await server.stop();
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
console.log(`activate(): median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms over ${RUNS} runs (${sorted.map((v) => v.toFixed(1)).join(', ')}; budget 50 ms); provider SDKs loaded at activation: ${samples.every((s) => s.sdkLoaded === 'no') ? 'none' : 'YES'}`);
