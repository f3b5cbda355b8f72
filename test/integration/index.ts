// The integration suite's entry point: the extension host loads it as `extensionTestsPath` and
// calls run(), under code-server (scripts/layers/integration.mjs, what CI runs) and desktop VS Code
// (scripts/testElectron.mjs). Runs every *.test.js next to it with mocha and always ends with the
// line `N passed, N failed`, which the layer reads.
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

function describeError(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

export async function run(): Promise<void> {
  const grep = process.env.MLMON_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  const files = findTests(__dirname).sort();

  // Loaded one by one, as mocha's loadFiles does, so a file that fails to load (a syntax error,
  // a module that throws) counts as one failure instead of hiding every other test.
  let loadFailures = 0;
  for (const file of files) {
    try {
      mocha.suite.emit('pre-require', globalThis, file, mocha);
      mocha.suite.emit('require', await import(file), file, mocha);
      mocha.suite.emit('post-require', globalThis, file, mocha);
    } catch (err) {
      loadFailures += 1;
      console.error(`Could not load ${path.relative(__dirname, file)}: ${describeError(err)}`);
    }
  }
  if (files.length === 0) console.error(`No *.test.js files found in ${__dirname}`);

  const { passed, failed } = await new Promise<{ passed: number; failed: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
  });
  const totalFailed = failed + loadFailures;
  console.log(`${passed} passed, ${totalFailed} failed`);
  if (totalFailed > 0) throw new Error(`${totalFailed} integration test(s) failed`);
}
