// Entry point: file text and name in, declarations with source ranges out. One analyzer per consumer
// (the extension's diagnostics, the CLI) holds a small cache per document, so analysing the same text
// again is free and an edited CloudFormation template is re-parsed one resource at a time. Nothing here
// throws for any input: binary, huge, truncated or malformed files give a skip reason or one problem.
import type { Located } from './analyzeData';
import { locateHcl, locateJson, locateYaml } from './analyzeData';
import { locateNotebook, locatePython, locateShell, mayDeclarePython, mayDeclareShell, notebookNeedsGrammars } from './analyzeCode';
import type { CfnYamlState } from './cfnIncremental';
import { detectSyntax } from './detect';
import { attachDirectives } from './directives';
import type { Grammars } from './treeSitter';
import { loadGrammars } from './treeSitter';
import { LineIndex, looksBinary } from './text';
import type { ConfigAnalysis, ConfigFormat, ConfigProblem, ConfigSyntax, SkipReason, SourceRange } from './types';

export interface ConfigDocument {
  fileName: string;
  text: string;
  /** The editor's language id, used when the file name does not say. */
  languageId?: string;
  /** Identity for the cache (a URI); defaults to the file name. */
  key?: string;
}

export interface ConfigAnalyzerOptions {
  /** Directory holding tree-sitter.wasm and the Python and bash grammars (see treeSitter.ts). */
  wasmDir?: string;
  /**
   * Larger files are skipped (`tooLarge`). Default 2 million characters, twice CloudFormation's own
   * template limit; notebooks get ten times as much, since cell outputs (images) make them large.
   */
  maxChars?: number;
  /** Documents remembered for re-analysis. Default 100. */
  cacheSize?: number;
}

export interface ConfigAnalyzer {
  analyze(doc: ConfigDocument): Promise<ConfigAnalysis>;
  /** Drops a document's cache entry (closed in the editor). */
  forget(key: string): void;
  /** Loads the grammars now instead of on the first Python or shell file; resolves with the load time. */
  warmUp(): Promise<number>;
}

interface CacheEntry {
  text: string;
  fileName: string;
  languageId?: string;
  analysis: ConfigAnalysis;
  cfnState?: CfnYamlState;
}

const formatNames: Record<ConfigFormat, string> = {
  cloudformation: 'CloudFormation template',
  terraform: 'Terraform file',
  python: 'Python file',
  notebook: 'notebook',
  azureml: 'Azure ML YAML file',
  vertexSpec: 'Vertex AI spec',
  shell: 'shell script',
};

export function createConfigAnalyzer(options: ConfigAnalyzerOptions = {}): ConfigAnalyzer {
  const maxChars = options.maxChars ?? 2_000_000;
  const cacheSize = Math.max(1, options.cacheSize ?? 100);
  const cache = new Map<string, CacheEntry>();
  let grammars: Promise<Grammars> | undefined;
  const grammarsOnce = (): Promise<Grammars> => {
    grammars ??= loadGrammars({ wasmDir: options.wasmDir });
    // A failed load is retried on the next file that needs it.
    grammars.catch(() => (grammars = undefined));
    return grammars;
  };

  const remember = (key: string, entry: CacheEntry): void => {
    cache.delete(key);
    cache.set(key, entry);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
  };

  async function analyze(doc: ConfigDocument): Promise<ConfigAnalysis> {
    const key = doc.key ?? doc.fileName;
    const text = typeof doc.text === 'string' ? doc.text : '';
    const skip = (skipped: SkipReason, syntax?: ConfigSyntax): ConfigAnalysis => ({
      fileName: doc.fileName,
      ...(syntax ? { syntax } : {}),
      declarations: [],
      directives: [],
      problems: [],
      skipped,
    });
    const notebook = doc.fileName.toLowerCase().endsWith('.ipynb');
    if (text.length > (notebook ? maxChars * 10 : maxChars)) return skip('tooLarge');
    if (looksBinary(text)) return skip('binary');
    const cached = cache.get(key);
    if (cached && cached.text === text && cached.fileName === doc.fileName && cached.languageId === doc.languageId) {
      remember(key, cached);
      return cached.analysis;
    }
    const syntax = detectSyntax(doc.fileName, text, doc.languageId);
    if (!syntax) return skip('notConfig');
    // `yaml` skips a byte order mark itself (a space would indent the whole document); the other parsers
    // want none, and a space in its place keeps every offset where the editor has it.
    const source = text.charCodeAt(0) === 0xfeff && syntax !== 'yaml' ? ` ${text.slice(1)}` : text;
    const lines = new LineIndex(source);
    let located: Located;
    try {
      located = await locate(syntax, source, lines, cached?.cfnState);
    } catch (err) {
      if (err instanceof GrammarError) return skip('parserUnavailable', syntax);
      // A locator bug must not take the editor's diagnostics down; report it as the file's one problem.
      located = { declarations: [], directives: [], error: { message: `internal error: ${err instanceof Error ? err.message : String(err)}`, start: 0, end: 0 } };
    }
    const analysis = toAnalysis(doc.fileName, syntax, located, lines);
    remember(key, { text, fileName: doc.fileName, languageId: doc.languageId, analysis, ...(located.cfnState ? { cfnState: located.cfnState } : {}) });
    return analysis;
  }

  async function locate(syntax: ConfigSyntax, text: string, lines: LineIndex, cfnState: CfnYamlState | undefined): Promise<Located> {
    switch (syntax) {
      case 'yaml':
        return locateYaml(text, lines, cfnState);
      case 'json':
        return locateJson(text, lines);
      case 'hcl':
        return locateHcl(text, lines);
      case 'python':
        return mayDeclarePython(text) ? locatePython(text, lines, await needGrammars()) : { format: 'python', declarations: [], directives: [] };
      case 'shell':
        return mayDeclareShell(text) ? locateShell(text, lines, await needGrammars()) : { format: 'shell', declarations: [], directives: [] };
      case 'ipynb':
        return locateNotebook(text, lines, notebookNeedsGrammars(text) ? await needGrammars() : undefined);
    }
  }

  async function needGrammars(): Promise<Grammars> {
    try {
      return await grammarsOnce();
    } catch (err) {
      throw new GrammarError(err instanceof Error ? err.message : String(err));
    }
  }

  return {
    analyze,
    forget: (key) => void cache.delete(key),
    warmUp: async () => (await grammarsOnce()).loadMs,
  };
}

class GrammarError extends Error {}

function toAnalysis(fileName: string, syntax: ConfigSyntax, located: Located, lines: LineIndex): ConfigAnalysis {
  attachDirectives(located.declarations, located.directives);
  const problems: ConfigProblem[] = [];
  // A parse error only matters in a file recognised as a config; other broken YAML is someone else's.
  if (located.error && located.format) {
    const { message, start, end } = located.error;
    const len = lines.text.length;
    const range = Math.min(end, len) > Math.min(start, len) ? lines.range(start, end) : lineAround(lines, Math.min(start, len));
    problems.push({
      ruleId: 'config.parse',
      message: `Cannot parse this ${formatNames[located.format]} at line ${range.startLine + 1}: ${message}. Declarations after this point may be missing.`,
      range,
    });
  }
  return {
    fileName,
    syntax,
    ...(located.format ? { format: located.format } : { skipped: 'notConfig' as const }),
    declarations: located.declarations,
    directives: located.directives,
    problems,
    ...(located.incremental ? { incremental: true } : {}),
  };
}

// Errors at the end of a truncated file have no width; underline the line they are on so they show.
function lineAround(lines: LineIndex, offset: number): SourceRange {
  const { line } = lines.position(offset);
  const lineStart = lines.lineStart(line);
  const eol = lines.text.indexOf('\n', lineStart);
  const lineEnd = eol === -1 ? lines.text.length : eol;
  const text = lines.text.slice(lineStart, lineEnd);
  const first = lineStart + (text.length - text.trimStart().length);
  return first < lineEnd ? lines.range(first, lineEnd) : lines.range(offset, offset);
}
