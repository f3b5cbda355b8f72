// `npm run bench`: builds, then runs every benchmark in bench/ and prints its figures.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: root, stdio: 'inherit' });

const benches = fs
  .readdirSync(path.join(root, 'out', 'bench'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => f.replace(/\.js$/, ''))
  .filter((name) => !only.length || only.includes(name));
for (const name of benches) {
  console.log(`\n=== bench/${name} ===`);
  execFileSync(process.execPath, [path.join(root, 'out', 'bench', `${name}.js`)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, AWS_CONFIG_FILE: path.join(root, '.cache', 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(root, '.cache', 'none') },
  });
}
