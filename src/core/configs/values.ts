// Turns a located node into a ConfigValue: a literal, a reference (resolved to a literal in the same
// file when one exists, else unresolved with the reason), or missing. Every locator goes through here so
// the three states mean the same thing in every format.
import type { DocNode } from './docTree';
import type { LineIndex } from './text';
import type { ConfigValue, SourceRange } from './types';

/** What a format knows about an expression its data model cannot evaluate (a CloudFormation intrinsic). */
export interface Resolution {
  reference: string;
  value?: string | number;
  resolvedFrom?: { description: string; start: number; end: number };
  note?: string;
}

export type Resolver = (node: DocNode) => Resolution | undefined;

const MAX_REFERENCE_CHARS = 80;

export function literalValue<T extends string | number>(value: T, lines: LineIndex, start: number, end: number): ConfigValue<T> {
  return { source: 'literal', value, range: lines.range(start, end) };
}

export function missingValue<T extends string | number>(range: SourceRange, note?: string, platformDefault?: T): ConfigValue<T> {
  return { source: 'missing', range, ...(platformDefault === undefined ? {} : { value: platformDefault }), ...(note ? { note } : {}) };
}

export function referenceValue<T extends string | number>(
  lines: LineIndex,
  start: number,
  end: number,
  resolution: Resolution,
  coerce: (v: string | number) => T | undefined,
): ConfigValue<T> {
  const value = resolution.value === undefined ? undefined : coerce(resolution.value);
  const out: ConfigValue<T> = { source: 'reference', range: lines.range(start, end), reference: shorten(resolution.reference) };
  if (value !== undefined && resolution.resolvedFrom) {
    out.value = value;
    out.resolvedFrom = {
      description: resolution.resolvedFrom.description,
      range: lines.range(resolution.resolvedFrom.start, resolution.resolvedFrom.end),
    };
  }
  const note =
    value === undefined && resolution.value !== undefined ? `resolves to '${resolution.value}', which is not valid here` : resolution.note;
  if (note) out.note = note;
  else if (out.value === undefined) out.note = 'unresolved: the value is not known until deployment';
  return out;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REFERENCE_CHARS ? `${flat.slice(0, MAX_REFERENCE_CHARS - 1)}…` : flat;
}

export const asString = (v: string | number): string => String(v);

/** Counts written as numbers or numeric strings (CloudFormation accepts both). */
export const asCount = (v: string | number): number | undefined => {
  const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** Reads `node` as a value of the wanted type; `container` is the range a missing value points at. */
export function valueOf<T extends string | number>(
  node: DocNode | undefined,
  container: SourceRange,
  lines: LineIndex,
  coerce: (v: string | number) => T | undefined,
  resolver?: Resolver,
): ConfigValue<T> {
  if (!node) return missingValue<T>(container);
  if (node.kind === 'scalar' && !node.tag) {
    if (node.value === null || node.value === '') return missingValue<T>(lines.range(node.start, node.end), 'empty');
    const raw = typeof node.value === 'boolean' ? String(node.value) : node.value;
    const value = coerce(raw);
    if (value !== undefined) return literalValue(value, lines, node.valueStart, node.valueEnd);
    return { source: 'literal', range: lines.range(node.valueStart, node.valueEnd), note: `'${raw}' is not a valid value here` };
  }
  if (node.kind === 'ref') {
    const r = node.resolved;
    return referenceValue(lines, node.start, node.end, {
      reference: node.text,
      ...(r ? { value: r.value, resolvedFrom: { description: r.description, start: r.start, end: r.end } } : {}),
      ...(node.note ? { note: node.note } : {}),
    }, coerce);
  }
  const resolution = resolver?.(node) ?? {
    reference: lines.text.slice(node.start, node.end),
    note: node.kind === 'scalar' ? `unresolved: the ${node.tag ?? ''} tag is not evaluated` : 'unresolved: a list or mapping where one value belongs',
  };
  return referenceValue(lines, node.start, node.end, resolution, coerce);
}

export const stringValue = (node: DocNode | undefined, container: SourceRange, lines: LineIndex, resolver?: Resolver): ConfigValue<string> =>
  valueOf(node, container, lines, asString, resolver);

export const countValue = (node: DocNode | undefined, container: SourceRange, lines: LineIndex, resolver?: Resolver): ConfigValue<number> =>
  valueOf(node, container, lines, asCount, resolver);

/** `valueOf` for optional fields: undefined instead of a missing value. */
export function optionalValue<T extends string | number>(
  node: DocNode | undefined,
  container: SourceRange,
  lines: LineIndex,
  coerce: (v: string | number) => T | undefined,
  resolver?: Resolver,
): ConfigValue<T> | undefined {
  return node ? valueOf(node, container, lines, coerce, resolver) : undefined;
}
