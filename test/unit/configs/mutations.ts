// Text mutations for the config property tests: truncate, insert a piece that matters to the grammar,
// delete a run. Each suite brings its own pieces.
import fc from 'fast-check';

export type Edit = { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number };

export function editOf(pieces: fc.Arbitrary<string>, maxDelete: number): fc.Arbitrary<Edit> {
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: pieces }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: maxDelete }) }),
  );
}

export function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length ? e.at % (out.length + 1) : 0;
    if (e.kind === 'truncate') out = out.slice(0, at);
    else if (e.kind === 'insert') out = out.slice(0, at) + e.text + out.slice(at);
    else out = out.slice(0, at) + out.slice(at + e.length);
  }
  return out;
}
