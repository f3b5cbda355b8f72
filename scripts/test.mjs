// `npm test`: builds once, runs every test layer, and ends with the line `N passed, N failed`.
// Layers: unit (Node: core, providers against the sandbox, CLI), integration (mocha inside the real
// extension host in code-server), e2e (Playwright in code-server with Chromium).
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const allLayers = ['unit', 'integration', 'e2e'];
const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const layers = requested.length ? requested : allLayers;
for (const layer of layers) {
  if (!allLayers.includes(layer)) {
    console.error(`Unknown test layer '${layer}'. Choose from: ${allLayers.join(', ')}.`);
    process.exit(2);
  }
}

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
}

run(process.execPath, ['esbuild.mjs']);
run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.']);

let passed = 0;
let failed = 0;
for (const layer of layers) {
  console.log(`\n=== ${layer} tests ===`);
  const { runLayer } = await import(`./layers/${layer}.mjs`);
  try {
    const result = await runLayer({ root });
    console.log(`${layer}: ${result.passed} passed, ${result.failed} failed`);
    passed += result.passed;
    failed += result.failed;
  } catch (err) {
    console.error(`${layer}: the layer could not run: ${err instanceof Error ? err.message : err}`);
    failed += 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
// A layer that leaves a handle open (a socket, a timer in a library) must not keep CI waiting.
process.exit(failed > 0 || passed === 0 ? 1 : 0);
