// Offsets to line/character, and bytes to text. Every locator works in offsets (what the parsers give);
// this turns them into the line/character pairs editors and SARIF want, by binary search over line starts
// computed once per text.
import type { SourceRange, TextSpan } from './types';

export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // indexOf is native and far faster than a per-character loop on large templates.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  position(offset: number): { line: number; character: number } {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: at - this.starts[lo] };
  }

  span(start: number, end: number): TextSpan {
    const s = Math.max(0, Math.min(start, this.text.length));
    const e = Math.max(s, Math.min(end, this.text.length));
    const a = this.position(s);
    const b = this.position(e);
    return { start: s, end: e, startLine: a.line, startCharacter: a.character, endLine: b.line, endCharacter: b.character };
  }

  range(start: number, end: number): SourceRange {
    return this.span(start, end);
  }
}

/** The text of a range: what a test or a message quotes. */
export function textOf(text: string, range: { start: number; end: number }): string {
  return text.slice(range.start, range.end);
}

/** True when the text holds NUL characters, which no config format allows: a binary file. */
export function looksBinary(text: string): boolean {
  return text.indexOf('\u0000') !== -1;
}

export type DecodedFile = { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: boolean } | { binary: true };

/**
 * Bytes from disk to text for the CLI and for files not open in the editor: honours UTF-8 and UTF-16
 * byte order marks, recognises BOM-less UTF-16 by its NUL pattern, and calls anything else with NUL bytes
 * binary. The BOM is dropped so offsets match what an editor shows.
 */
export function decodeConfigBytes(bytes: Uint8Array): DecodedFile {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return finish(new TextDecoder('utf-8').decode(bytes.subarray(3)), 'utf-8', true);
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return finish(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le', true);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return finish(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be', true);
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return finish(new TextDecoder(utf16).decode(bytes), utf16, false);
  if (bytes.indexOf(0) !== -1) return { binary: true };
  return finish(new TextDecoder('utf-8').decode(bytes), 'utf-8', false);
}

function finish(text: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bom: boolean): DecodedFile {
  return looksBinary(text) ? { binary: true } : { text, encoding, bom };
}

// ASCII text saved as UTF-16 without a BOM has a NUL in every other byte; real binaries do not keep
// that pattern over the first few hundred bytes.
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero === pairs && evenZero === 0) return 'utf-16le';
  if (evenZero === pairs && oddZero === 0) return 'utf-16be';
  return undefined;
}

/** Rebuilds every range inside a value (declarations nest them in values, fixes and directives). */
export function mapRanges<T>(value: T, f: (range: SourceRange) => SourceRange): T {
  if (Array.isArray(value)) return value.map((v) => mapRanges(v, f)) as T;
  if (!value || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  if (typeof obj.start === 'number' && typeof obj.end === 'number' && typeof obj.startLine === 'number') return f(obj as unknown as SourceRange) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = mapRanges(v, f);
  return out as T;
}
