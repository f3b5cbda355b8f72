// Unit layer: mocha in plain Node over the compiled tests in out/test/unit.
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

export async function runLayer({ root }) {
  // Keep the developer's own AWS files out of every test.
  process.env.AWS_CONFIG_FILE = path.join(root, '.cache', 'no-aws-config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(root, '.cache', 'no-aws-credentials');
  const grep = process.env.MLMON_TEST_GREP;
  const mocha = new Mocha({ timeout: 20000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of findTests(path.join(root, 'out', 'test', 'unit')).sort()) mocha.addFile(file);
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats.passes, failed: runner.stats.failures }));
  });
}
