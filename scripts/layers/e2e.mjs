// E2E layer: mocha in Node over the compiled UI tests in out/test/e2e. Each test block drives a
// real code-server workbench in headless Chromium (test/e2e/harness.ts) with the extension
// installed from a .vsix packaged here once, the way a user would install it.
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireChromium } from '../lib/browser.mjs';
import { ensureCodeServer } from '../lib/codeServer.mjs';
import { onExit } from '../lib/processes.mjs';
import { packageVsix } from '../lib/vsix.mjs';

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

export async function runLayer({ root }) {
  const files = findTests(path.join(root, 'out', 'test', 'e2e')).sort();
  if (!files.length) throw new Error('no compiled e2e tests in out/test/e2e: compile the tests first (tsc -p .).');
  requireChromium();
  await ensureCodeServer({ root });

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-e2e-'));
  const removeWork = () => fs.rmSync(work, { recursive: true, force: true });
  const unregister = onExit(removeWork);
  const saved = { vsix: process.env.MLMON_E2E_VSIX };
  try {
    const started = Date.now();
    process.env.MLMON_E2E_VSIX = await packageVsix({ root, outFile: path.join(work, 'ml-platform-monitor.vsix') });
    console.log(`e2e: packaged the extension in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const grep = process.env.MLMON_TEST_GREP;
    const mocha = new Mocha({ timeout: 120_000, reporter: 'spec', ...(grep ? { grep } : {}) });
    for (const file of files) mocha.addFile(file);
    await mocha.loadFilesAsync();
    return await new Promise((resolve) => {
      const runner = mocha.run(() => resolve({ passed: runner.stats.passes, failed: runner.stats.failures }));
    });
  } finally {
    if (saved.vsix === undefined) delete process.env.MLMON_E2E_VSIX;
    else process.env.MLMON_E2E_VSIX = saved.vsix;
    removeWork();
    unregister();
  }
}
