// What the analyzer reads for an editor document, and where its ranges land back in the editor. A
// text document is analysed as is. A notebook is analysed whole (its cells share one namespace, so a
// variable set in one cell resolves in another): its cells are written out as the .ipynb JSON the
// analyzer reads, and each range comes back to the cell document it belongs to (`SourceRange.cell`).
import * as vscode from 'vscode';
import type { ConfigDocument } from '../../core/configs/analyzer';
import type { ConfigSyntax, SourceRange } from '../../core/configs/types';

export interface EditorLocation {
  uri: vscode.Uri;
  range: vscode.Range;
}

export interface AnalysisTarget {
  /** The document's or notebook's URI: the analyzer's cache key and this target's identity. */
  key: string;
  input: ConfigDocument;
  /** Changes on every edit. */
  version: number;
  /** False once the document changed or closed after this target was read: its results are stale. */
  current(): boolean;
  /** Where a range of the analysed text is in the editor; undefined for a cell that is gone. */
  locate(range: SourceRange): EditorLocation | undefined;
  /** The documents this target's diagnostics go to (a notebook's cells). */
  uris(): vscode.Uri[];
  /** Notebook cells when the target is a notebook. */
  notebook?: vscode.NotebookDocument;
}

/** Schemes of documents a person edits; diff views, output and git show are left alone. */
const EDITABLE = new Set(['file', 'untitled', 'vscode-remote', 'vscode-notebook-cell']);

export function isAnalysable(uri: vscode.Uri): boolean {
  return EDITABLE.has(uri.scheme);
}

export function toRange(span: { startLine: number; startCharacter: number; endLine: number; endCharacter: number }): vscode.Range {
  return new vscode.Range(span.startLine, span.startCharacter, span.endLine, span.endCharacter);
}

export function textTarget(doc: vscode.TextDocument): AnalysisTarget {
  const version = doc.version;
  return {
    key: doc.uri.toString(),
    input: { fileName: doc.uri.scheme === 'untitled' ? `${doc.uri.path}` : doc.fileName, text: doc.getText(), languageId: doc.languageId, key: doc.uri.toString() },
    version: doc.version,
    current: () => !doc.isClosed && doc.version === version,
    locate: (range) => ({ uri: doc.uri, range: toRange(range) }),
    uris: () => [doc.uri],
  };
}

/** The notebook a cell document belongs to. */
export function notebookOfCell(doc: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (doc.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === doc));
}

/** The cells as the .ipynb JSON the analyzer parses: indices match `notebook.cellAt(index)`. */
export function notebookJson(nb: vscode.NotebookDocument): string {
  const cells = nb.getCells().map((cell) => {
    const code = cell.kind === vscode.NotebookCellKind.Code;
    return { cell_type: code ? 'code' : 'markdown', metadata: {}, source: cell.document.getText(), ...(code ? { outputs: [], execution_count: null } : {}) };
  });
  const language = nb.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code)?.document.languageId ?? 'python';
  return JSON.stringify({ cells, metadata: { kernelspec: { language, name: language } }, nbformat: 4, nbformat_minor: 5 });
}

function notebookVersion(nb: vscode.NotebookDocument): number {
  return nb.version * 1_000_003 + nb.getCells().reduce((n, c) => n + c.document.version, 0);
}

export function notebookTarget(nb: vscode.NotebookDocument): AnalysisTarget {
  const version = notebookVersion(nb);
  const fileName = nb.uri.path.toLowerCase().endsWith('.ipynb') ? nb.uri.fsPath : `${nb.uri.path}.ipynb`;
  return {
    key: nb.uri.toString(),
    input: { fileName, text: notebookJson(nb), key: nb.uri.toString() },
    version,
    current: () => !nb.isClosed && notebookVersion(nb) === version,
    notebook: nb,
    locate(range) {
      // Cells added or removed since the analysis have shifted: such ranges are dropped, not misplaced.
      if (!range.cell || range.cell.index >= nb.cellCount) return undefined;
      return { uri: nb.cellAt(range.cell.index).document.uri, range: toRange(range.cell) };
    },
    uris: () => nb.getCells().map((c) => c.document.uri),
  };
}

/** The line comment that starts a directive in this syntax. */
export function commentPrefix(syntax: ConfigSyntax | undefined): string {
  return syntax === 'json' ? '//' : '#';
}
