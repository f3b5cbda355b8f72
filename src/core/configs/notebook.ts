// Jupyter notebooks: the code cells, decoded from the JSON strings they are stored in, are joined into
// one Python text (cells share one namespace, so a variable set in cell 2 resolves in cell 5) with magic
// lines blanked; `!gcloud ...` lines and `%%bash` cells go to the shell locator. Every range is mapped
// back twice: to the notebook file (through the JSON string escapes) and to the cell's own text, which
// is what the editor shows as a separate document per cell.
import type { DocNode } from './docTree';
import { childOf, itemsOf, stringOf } from './docTree';
import { parseJson } from './jsonTree';
import { LineIndex, mapRanges } from './text';
import type { SourceRange } from './types';

export interface NotebookCell {
  index: number;
  text: string;
  lines: LineIndex;
  /** File offset of each character of `text`, plus one past the end. */
  fileOffsets: number[];
}

interface Segment {
  vStart: number;
  vEnd: number;
  cell: NotebookCell;
  cellStart: number;
}

/** Code cells joined into one text, and the way back to cells and file. */
export interface VirtualText {
  text: string;
  segments: Segment[];
}

export interface NotebookParse {
  cells: NotebookCell[];
  language: string;
  error?: { message: string; start: number; end: number };
}

export function parseNotebook(text: string): NotebookParse {
  const parsed = parseJson(text);
  const root = parsed.root;
  const metadata = childOf(root, 'metadata');
  const language = (stringOf(childOf(childOf(metadata, 'kernelspec'), 'language')) ?? stringOf(childOf(childOf(metadata, 'language_info'), 'name')) ?? 'python').toLowerCase();
  const cells: NotebookCell[] = [];
  itemsOf(childOf(root, 'cells')).forEach((cell, index) => {
    if (stringOf(childOf(cell, 'cell_type')) !== 'code') return;
    const source = childOf(cell, 'source');
    const parts = source?.kind === 'seq' ? source.items : source ? [source] : [];
    let cellText = '';
    const fileOffsets: number[] = [];
    let endOffset = source ? source.start : 0;
    for (const part of parts) {
      if (part.kind !== 'scalar' || typeof part.value !== 'string') continue;
      decodeInto(text, part, fileOffsets);
      cellText += part.value;
      endOffset = part.valueEnd;
    }
    // The decoded length can differ from the offsets when the JSON is malformed; keep them in step.
    fileOffsets.length = Math.min(fileOffsets.length, cellText.length);
    while (fileOffsets.length < cellText.length) fileOffsets.push(endOffset);
    fileOffsets.push(endOffset);
    cells.push({ index, text: cellText, lines: new LineIndex(cellText), fileOffsets });
  });
  return { cells, language, ...(parsed.error ? { error: parsed.error } : {}) };
}

// One file offset per decoded UTF-16 unit: an escape (`\n`, `\"`, `\u00e9`) is one unit written as several.
function decodeInto(text: string, part: DocNode & { kind: 'scalar' }, out: number[]): void {
  for (let i = part.valueStart; i < part.valueEnd; i++) {
    out.push(i);
    if (text[i] === '\\') i += text[i + 1] === 'u' ? 5 : 1;
  }
}

const MAGIC = /^\s*[%!]/;
const SHELL_CELL = /^%%(bash|sh|script (ba)?sh)\b/;
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture']);

/** The Python of every code cell, magics blanked to spaces so offsets stay put. */
export function pythonText(cells: NotebookCell[]): VirtualText {
  let text = '';
  const segments: Segment[] = [];
  for (const cell of cells) {
    // Cell magics other than timing and capture make the whole cell something other than Python.
    const cellMagic = /^\s*%%(\S+)/.exec(cell.text)?.[1];
    const python = cellMagic === undefined || PYTHON_CELL_MAGICS.has(cellMagic);
    const body = cell.text
      .split('\n')
      .map((line) => (!python || MAGIC.test(line) ? ' '.repeat(line.length) : line))
      .join('\n');
    segments.push({ vStart: text.length, vEnd: text.length + body.length, cell, cellStart: 0 });
    text += `${body}\n`;
  }
  return { text, segments };
}

/** Shell commands of `%%bash` cells and `!` lines (with their `\` continuations). */
export function shellText(cells: NotebookCell[]): VirtualText {
  let text = '';
  const segments: Segment[] = [];
  const add = (cell: NotebookCell, start: number, end: number): void => {
    segments.push({ vStart: text.length, vEnd: text.length + end - start, cell, cellStart: start });
    text += `${cell.text.slice(start, end)}\n`;
  };
  for (const cell of cells) {
    if (SHELL_CELL.test(cell.text)) {
      const firstEol = cell.text.indexOf('\n');
      if (firstEol !== -1) add(cell, firstEol + 1, cell.text.length);
      continue;
    }
    for (let line = 0; line < cell.lines.lineCount; line++) {
      const start = cell.lines.lineStart(line);
      const bang = cell.text.indexOf('!', start);
      if (bang === -1 || cell.text.slice(start, bang).trim() !== '' || bang >= lineEnd(cell, line)) continue;
      let last = line;
      while (last + 1 < cell.lines.lineCount && cell.text.slice(start, lineEnd(cell, last)).trimEnd().endsWith('\\')) last++;
      add(cell, bang + 1, lineEnd(cell, last));
      line = last;
    }
  }
  return { text, segments };
}

function lineEnd(cell: NotebookCell, line: number): number {
  return line + 1 < cell.lines.lineCount ? cell.lines.lineStart(line + 1) - 1 : cell.text.length;
}

/** Maps every range in `value` from the virtual text to the notebook file, with the cell span attached. */
export function toNotebookRanges<T>(value: T, virtual: VirtualText, fileLines: LineIndex): T {
  return mapRanges(value, (r) => mapRange(r, virtual, fileLines));
}

export function cellOf(offset: number, virtual: VirtualText): Segment | undefined {
  return virtual.segments.find((s) => offset >= s.vStart && offset <= s.vEnd);
}

function mapRange(r: SourceRange, virtual: VirtualText, fileLines: LineIndex): SourceRange {
  const seg = cellOf(r.start, virtual) ?? virtual.segments[virtual.segments.length - 1];
  if (!seg) return fileLines.range(0, 0);
  // A range never leaves its cell, even if a call runs past the end of one.
  const local = (v: number): number => seg.cellStart + Math.max(0, Math.min(v - seg.vStart, seg.vEnd - seg.vStart));
  const startLocal = local(r.start);
  const endLocal = Math.max(startLocal, local(r.end));
  const offsets = seg.cell.fileOffsets;
  const fileStart = offsets[startLocal] ?? 0;
  const fileEnd = endLocal > startLocal ? (offsets[endLocal - 1] ?? fileStart) + escapedLength(fileLines.text, offsets[endLocal - 1] ?? fileStart) : fileStart;
  return { ...fileLines.range(fileStart, fileEnd), cell: { index: seg.cell.index, ...seg.cell.lines.span(startLocal, endLocal) } };
}

function escapedLength(text: string, at: number): number {
  return text[at] === '\\' ? (text[at + 1] === 'u' ? 6 : 2) : 1;
}
