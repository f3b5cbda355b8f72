// Python scripts, shell scripts and notebooks, through the tree-sitter grammars. A file that mentions
// none of the keyword arguments or commands the locators look for cannot declare anything, so it is not
// parsed at all: most Python files in a repository are not deployment code.
import type { Node, Parser } from '@vscode/tree-sitter-wasm';
import type { Located } from './analyzeData';
import { findDirectives } from './directives';
import { locateGcloud } from './gcloud';
import type { VirtualText } from './notebook';
import { parseNotebook, pythonText, shellText, toNotebookRanges } from './notebook';
import { locatePythonCalls } from './python';
import { collectModuleVars } from './pyValues';
import type { Grammars } from './treeSitter';
import { withTree } from './treeSitter';
import { LineIndex } from './text';
import type { ConfigDeclaration, ConfigDirective } from './types';

/** Keyword arguments and method names every Python locator needs at least one of. */
const PYTHON_TRIGGERS = [
  'instance_type', 'instance_count', 'machine_type', 'replica_count', 'worker_pool_specs', 'ProductionVariants',
  'ResourceConfig', 'accelerator_type', 'accelerator_count', 'serverless_inference_config', 'endpoint_name',
  'async_inference_config', 'deployed_model_display_name', 'traffic_percentage',
];

export function mayDeclarePython(text: string): boolean {
  return PYTHON_TRIGGERS.some((t) => text.includes(t));
}

export function mayDeclareShell(text: string): boolean {
  return text.includes('gcloud');
}

const commentAt = (root: Node) => (offset: number) => {
  const node = root.descendantForIndex(offset);
  return node?.type === 'comment' ? { start: node.startIndex, end: node.endIndex } : undefined;
};

function runPython(parser: Parser, text: string, lines: LineIndex, format: 'python' | 'notebook'): { declarations: ConfigDeclaration[]; directives: ConfigDirective[] } {
  return (
    withTree(parser, text, (tree) => ({
      declarations: locatePythonCalls(tree.rootNode, { lines, vars: collectModuleVars(tree.rootNode), format }),
      directives: findDirectives(text, lines, commentAt(tree.rootNode)),
    })) ?? { declarations: [], directives: [] }
  );
}

function runShell(parser: Parser, text: string, lines: LineIndex, format: 'shell' | 'notebook'): { declarations: ConfigDeclaration[]; directives: ConfigDirective[] } {
  return (
    withTree(parser, text, (tree) => ({
      declarations: locateGcloud(tree.rootNode, lines, format),
      directives: findDirectives(text, lines, commentAt(tree.rootNode)),
    })) ?? { declarations: [], directives: [] }
  );
}

export function locatePython(text: string, lines: LineIndex, grammars: Grammars): Located {
  return { format: 'python', ...runPython(grammars.python, text, lines, 'python') };
}

export function locateShell(text: string, lines: LineIndex, grammars: Grammars): Located {
  return { format: 'shell', ...runShell(grammars.bash, text, lines, 'shell') };
}

/** Notebooks need the grammars only when a cell may declare something; `grammars` may then be loaded lazily. */
export function notebookNeedsGrammars(text: string): boolean {
  return mayDeclarePython(text) || mayDeclareShell(text);
}

export function locateNotebook(text: string, lines: LineIndex, grammars: Grammars | undefined): Located {
  const nb = parseNotebook(text);
  const error = nb.error ? { error: nb.error } : {};
  if (!grammars || !nb.language.startsWith('python')) return { format: 'notebook', declarations: [], directives: [], ...error };
  const parts: { virtual: VirtualText; found: { declarations: ConfigDeclaration[]; directives: ConfigDirective[] } }[] = [];
  const py = pythonText(nb.cells);
  if (mayDeclarePython(py.text)) parts.push({ virtual: py, found: runPython(grammars.python, py.text, new LineIndex(py.text), 'notebook') });
  const sh = shellText(nb.cells);
  if (mayDeclareShell(sh.text)) parts.push({ virtual: sh, found: runShell(grammars.bash, sh.text, new LineIndex(sh.text), 'notebook') });
  const declarations: ConfigDeclaration[] = [];
  const directives: ConfigDirective[] = [];
  for (const { virtual, found } of parts) {
    for (const d of toNotebookRanges(found.declarations, virtual, lines)) {
      declarations.push(d.range.cell ? { ...d, cellIndex: d.range.cell.index } : d);
    }
    directives.push(...toNotebookRanges(found.directives, virtual, lines));
  }
  return { format: 'notebook', declarations, directives, ...error };
}
