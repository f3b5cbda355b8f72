import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { findWasmDir, loadGrammars, WASM_FILES } from '../../../src/core/configs/treeSitter';
import { repoRoot } from './helpers';

function copyWasm(to: string): void {
  const from = findWasmDir()!;
  for (const f of WASM_FILES) fs.copyFileSync(path.join(from, f), path.join(to, f));
}

describe('configs: tree-sitter grammars at run time', function () {
  this.timeout(60_000);
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-wasm-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('finds the grammars in the installed package when run from out/', async () => {
    const dir = findWasmDir();
    assert.ok(dir && dir.split(path.sep).join('/').endsWith('@vscode/tree-sitter-wasm/wasm'), dir);
    const grammars = await loadGrammars();
    assert.ok(grammars.python && grammars.bash && grammars.loadMs >= 0);
  });

  it('loads from an explicit wasmDir holding copies of the three files', async () => {
    copyWasm(tmp);
    assert.equal(findWasmDir(tmp), tmp);
    const grammars = await loadGrammars({ wasmDir: tmp });
    assert.equal(grammars.wasmDir, tmp);
    const tree = grammars.python.parse('x = 1\n');
    assert.equal(tree?.rootNode.type, 'module');
    tree?.delete();
  });

  it('works from a bundle with the .wasm files copied next to it (the dist/ layout), and skips code files without them', async () => {
    const entry = path.join(tmp, 'entry.ts');
    const analyzerPath = path.join(repoRoot, 'src', 'core', 'configs', 'analyzer').split(path.sep).join('/');
    fs.writeFileSync(
      entry,
      [
        `import { createConfigAnalyzer } from '${analyzerPath}';`,
        'const analyzer = createConfigAnalyzer({ wasmDir: __dirname });',
        'const files = [',
        "  { fileName: 'deploy.sh', text: 'gcloud ai endpoints deploy-model 1 --machine-type=n1-standard-4 --min-replica-count=2\\n' },",
        "  { fileName: 'd.yml', text: 'name: b\\nendpoint_name: e\\ninstance_type: Standard_D4s_v5\\ninstance_count: 2\\n' },",
        '];',
        'Promise.all(files.map((f) => analyzer.analyze(f))).then((all) =>',
        '  console.log(JSON.stringify(all.map((a) => ({ skipped: a.skipped ?? null, types: a.declarations.map((d) => d.instanceType.value) })))),',
        ');',
      ].join('\n'),
    );
    const dist = path.join(tmp, 'dist');
    fs.mkdirSync(dist);
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: path.join(dist, 'bundle.js'),
      logLevel: 'silent',
      nodePaths: [path.join(repoRoot, 'node_modules')],
      // jsonc-parser's UMD build requires its parts at run time, which a bundle cannot serve: take its ES build.
      mainFields: ['module', 'main'],
    });
    // Run where no node_modules can be found, so only files next to the bundle can serve.
    const run = () => JSON.parse(execFileSync(process.execPath, [path.join(dist, 'bundle.js')], { cwd: tmp, env: { PATH: process.env.PATH ?? '' } }).toString());
    assert.deepEqual(run(), [
      { skipped: 'parserUnavailable', types: [] },
      { skipped: null, types: ['Standard_D4s_v5'] },
    ]);
    copyWasm(dist);
    assert.deepEqual(run(), [
      { skipped: null, types: ['n1-standard-4'] },
      { skipped: null, types: ['Standard_D4s_v5'] },
    ]);
  });
});
