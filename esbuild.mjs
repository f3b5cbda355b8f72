// Bundles the extension host entry, its lazily loaded chunks, the CLI and the webviews.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Modules the extension loads on demand: bundled on their own, required at run time. */
const chunks = {
  'src/providers/aws/awsProvider.ts': 'aws',
  'src/providers/azure/azureProvider.ts': 'azure',
  'src/providers/gcp/gcpProvider.ts': 'gcp',
  'src/sandbox/server.ts': 'sandbox',
  // Config analysis for the editor's diagnostics; the CLI and its workers import it statically.
  'src/core/configs/analyzer.ts': 'configs',
};
const chunkByPath = new Map(Object.entries(chunks).map(([src, name]) => [path.join(root, src), name]));

/** Keeps chunk modules out of dist/extension.js: `import('../providers/aws/awsProvider')` becomes `require('./chunks/aws.js')`. */
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const base = path.resolve(args.resolveDir, args.path);
      const name = chunkByPath.get(base + '.ts') ?? chunkByPath.get(base);
      return name ? { path: `./chunks/${name}.js`, external: true } : undefined;
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  keepNames: true,
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
  // jsonc-parser's UMD build (its `main`) requires its own files at run time, which a bundle cannot;
  // its ES module build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

const configs = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [lazyChunks],
  },
  {
    ...common,
    entryPoints: Object.fromEntries(Object.entries(chunks).map(([src, name]) => [name, src])),
    outdir: 'dist/chunks',
    external: ['vscode'],
  },
  {
    ...common,
    // The worker threads of `mlmon check PATHS...` load only the config analysis (src/cli/checkConfigsPool.ts).
    entryPoints: { cli: 'src/cli/main.ts', checkConfigsWorker: 'src/cli/checkConfigsWorker.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    // Nothing here reads a function's name, and keeping names wraps every function in a call (3 % of a
    // config-only run). The cloud SDK chunks the CLI loads keep theirs.
    keepNames: false,
    // The same chunks as the extension: `mlmon check PATHS` and `--help` start without parsing the SDKs.
    plugins: [lazyChunks],
  },
  {
    // Panel front ends for the browser. Always minified: their size is a budget (bench/panel).
    // Codicons' stylesheet and font are copied here too, since node_modules is not packaged.
    entryPoints: { metrics: 'webview/metrics/main.ts', fleet: 'webview/fleet/main.ts', codicon: 'node_modules/@vscode/codicons/dist/codicon.css' },
    outdir: 'dist/webview',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    sourcemap: !production,
    tsconfig: 'webview/tsconfig.json',
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
    logLevel: 'warning',
    legalComments: 'none',
    metafile: true,
  },
];

/** Tree-sitter runtime and grammars for Python and shell configs: the bundles find them next to themselves (src/core/configs/treeSitter.ts). */
const wasmFiles = ['tree-sitter.wasm', 'tree-sitter-python.wasm', 'tree-sitter-bash.wasm'];
function copyWasm() {
  const from = path.join(root, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  for (const file of wasmFiles) fs.copyFileSync(path.join(from, file), path.join(root, 'dist', file));
}
copyWasm();

if (watch) {
  for (const config of configs) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  const sizes = results.flatMap((r) =>
    Object.entries(r.metafile.outputs)
      .filter(([file]) => file.endsWith('.js'))
      .map(([file, info]) => `${path.relative(root, file)} ${(info.bytes / 1024).toFixed(0)} KB`),
  );
  console.log(`esbuild: ${sizes.join(', ')}`);
}
