// `npm run bench`: builds, then runs every benchmark in bench/ and prints its figures.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: root, stdio: 'inherit' });

// TypeScript benchmarks run from out/bench; the ones that drive code-server are plain ES modules.
const compiled = fs.readdirSync(path.join(root, 'out', 'bench')).filter((f) => f.endsWith('.js')).map((f) => path.join(root, 'out', 'bench', f));
const modules = fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.mjs')).map((f) => path.join(root, 'bench', f));
const benches = [...compiled, ...modules].filter((file) => !only.length || only.includes(path.basename(file).replace(/\.m?js$/, '')));
for (const file of benches) {
  console.log(`\n=== bench/${path.basename(file).replace(/\.m?js$/, '')} ===`);
  execFileSync(process.execPath, [file], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, AWS_CONFIG_FILE: path.join(root, '.cache', 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(root, '.cache', 'none') },
  });
}
