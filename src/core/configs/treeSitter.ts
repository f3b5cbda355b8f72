// Tree-sitter grammars for Python and bash, from @vscode/tree-sitter-wasm (the builds VS Code itself
// ships, runtime included). Loading the .wasm files takes tens of milliseconds, so it happens once per
// process and directory; parsing after that is synchronous.
//
// Where the .wasm files are: `wasmDir` when given (the extension and CLI bundles in dist/ copy
// tree-sitter.wasm, tree-sitter-python.wasm and tree-sitter-bash.wasm next to themselves and pass their
// directory), else the installed package (tests running from out/), else the directory of this module.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';
import type { Language, Parser, Tree } from '@vscode/tree-sitter-wasm';

export const WASM_FILES = ['tree-sitter.wasm', 'tree-sitter-python.wasm', 'tree-sitter-bash.wasm'] as const;

export interface Grammars {
  python: Parser;
  bash: Parser;
  /** Where the .wasm files were loaded from. */
  wasmDir: string;
  /** Time the first load of this directory took (runtime init plus grammars). */
  loadMs: number;
}

type TreeSitterModule = typeof TreeSitter;

// The wasm runtime is process-wide (Parser.init configures one Emscripten module), so its initialisation
// and the grammars loaded from each directory are shared by every analyzer in the process.
let runtime: { module: TreeSitterModule; dir: string; ready: Promise<void> } | undefined;
const loaded = new Map<string, Promise<Grammars>>();

/** Candidate directories, most specific first. */
export function wasmDirCandidates(wasmDir?: string): string[] {
  const out: string[] = [];
  if (wasmDir) out.push(wasmDir);
  try {
    out.push(path.dirname(require.resolve('@vscode/tree-sitter-wasm')));
  } catch {
    // Not installed next to this module: a bundle, which carries the files itself.
  }
  out.push(__dirname, path.join(__dirname, 'wasm'));
  return out;
}

export function findWasmDir(wasmDir?: string): string | undefined {
  return wasmDirCandidates(wasmDir).find((dir) => WASM_FILES.every((f) => fs.existsSync(path.join(dir, f))));
}

export function loadGrammars(options: { wasmDir?: string } = {}): Promise<Grammars> {
  const dir = findWasmDir(options.wasmDir);
  if (!dir) {
    const tried = wasmDirCandidates(options.wasmDir).join(', ');
    return Promise.reject(new Error(`Tree-sitter grammars not found (${WASM_FILES.join(', ')}); looked in ${tried}. Pass wasmDir.`));
  }
  let entry = loaded.get(dir);
  if (!entry) {
    entry = load(dir);
    loaded.set(dir, entry);
    // A failed load may succeed later (files copied meanwhile); do not cache the failure.
    entry.catch(() => loaded.delete(dir));
  }
  return entry;
}

async function load(dir: string): Promise<Grammars> {
  const started = performance.now();
  if (!runtime) {
    // Loaded lazily: the JS runtime is only needed once a Python or shell file is analysed.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require('@vscode/tree-sitter-wasm') as TreeSitterModule;
    runtime = { module, dir, ready: module.Parser.init({ locateFile: (file: string) => path.join(dir, file) }) };
  }
  const { module, ready } = runtime;
  await ready;
  const language = async (file: string): Promise<Language> => module.Language.load(await fs.promises.readFile(path.join(dir, file)));
  const [pythonLanguage, bashLanguage] = await Promise.all([language('tree-sitter-python.wasm'), language('tree-sitter-bash.wasm')]);
  const python = new module.Parser().setLanguage(pythonLanguage);
  const bash = new module.Parser().setLanguage(bashLanguage);
  return { python, bash, wasmDir: dir, loadMs: performance.now() - started };
}

/** Parses, runs `use` on the tree and frees it (trees live in wasm memory, not on the JS heap). */
export function withTree<T>(parser: Parser, text: string, use: (tree: Tree) => T): T | undefined {
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
