// YAML (with CloudFormation's short-form intrinsic tags) to DocNodes. The tags are registered as
// identity tags so the nodes keep their source ranges and the tag name: the CloudFormation locator reads
// `!Ref X` as a tagged scalar instead of a resolved string, and no "Unresolved tag" warnings appear.
import type * as Yaml from 'yaml';
import type { CollectionTag, ScalarTag } from 'yaml';
import type { DocEntry, DocNode } from './docTree';
import { parseYamlEvents } from './yamlEvents';
import { tagStart } from './yamlScalars';

// Loaded on the first file the event path declines: most runs of `mlmon check` never start the composer.
let yamlModule: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml') as typeof Yaml);
}

const cfnFunctions = [
  'Ref', 'Sub', 'GetAtt', 'FindInMap', 'Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or',
  'Base64', 'Cidr', 'GetAZs', 'ImportValue', 'Transform', 'Condition', 'ToJsonString', 'Length',
];

const cfnTags: (ScalarTag | CollectionTag)[] = cfnFunctions.flatMap((name): (ScalarTag | CollectionTag)[] => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq', resolve: (value) => value },
  { tag: `!${name}`, collection: 'map', resolve: (value) => value },
]);

export interface YamlParse {
  /** One root per YAML document (`---`); undefined for an empty document. */
  roots: (DocNode | undefined)[];
  /** The first error, offsets absolute. */
  error?: { message: string; start: number; end: number };
}

/**
 * Parses `text` (or `text.slice(base)` when given `slice`, so one CloudFormation resource can be parsed
 * again alone) and converts the result to DocNodes with absolute offsets. Clean files go through js-yaml's
 * events (yamlEvents.ts); files with errors, and what that path declines, go through yaml's composer,
 * which reports the errors.
 */
export function parseYaml(text: string, base = 0, slice?: string): YamlParse {
  const source = slice ?? text;
  const roots = parseYamlEvents(text, base, source, isMultiDocument(source));
  return roots ? { roots } : parseYamlComposed(text, base, slice);
}

// The multi-document path costs about twice as much on small files; take it only when a marker is there.
export function isMultiDocument(source: string): boolean {
  return source.startsWith('---') || source.includes('\n---');
}

/** parseYaml through yaml's composer and Document, which reports the errors. */
export function parseYamlComposed(text: string, base = 0, slice?: string): YamlParse {
  const source = slice ?? text;
  const options = {
    // Without a `!` there is no tag to resolve, and a schema without custom tags is cheaper to build and search.
    customTags: source.includes('!') ? cfnTags : [],
    // Duplicate keys cost a scan per key on large maps, and CloudFormation reports them itself.
    uniqueKeys: false,
    prettyErrors: false,
    strict: false,
  };
  const { parseAllDocuments, parseDocument } = yaml();
  const docs = isMultiDocument(source) ? parseAllDocuments(source, options) : [parseDocument(source, options)];
  const list = Array.isArray(docs) ? docs : [];
  const roots = list.map((d) => convert(d.contents, text, base));
  const first = list.flatMap((d) => d.errors)[0];
  const error = first
    ? { message: first.message.split('\n')[0], start: base + first.pos[0], end: base + Math.max(first.pos[0], first.pos[1]) }
    : undefined;
  return { roots, error };
}

function convert(node: unknown, text: string, base: number): DocNode | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  const n = node as { range?: [number, number, number]; tag?: string };
  if (!n.range) return undefined;
  const valueStart = base + n.range[0];
  const end = base + n.range[1];
  const tag = n.tag && n.tag.startsWith('!') && !n.tag.startsWith('!!') ? n.tag : undefined;
  const start = tag ? tagStart(text, valueStart, tag) : valueStart;
  if (isScalar(node)) {
    const value = node.value;
    const quote = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : undefined;
    const plain = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : String(value);
    // A truncated file can end inside the quotes; then the value is what was written so far.
    const closed = quote !== undefined && end - 1 > valueStart && text[end - 1] === quote;
    const inner = { start: quote ? valueStart + 1 : valueStart, end: closed ? end - 1 : end };
    return {
      kind: 'scalar',
      value: quote && !closed ? text.slice(inner.start, inner.end) : plain,
      start,
      end,
      tag,
      valueStart: inner.start,
      valueEnd: inner.end,
    };
  }
  if (isMap(node)) {
    const entries: DocEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const keyStart = base + pair.key.range[0];
      const keyEnd = base + pair.key.range[1];
      const value = convert(pair.value, text, base);
      entries.push({ key: String(pair.key.value), keyStart, keyEnd, value, start: keyStart, end: value ? value.end : keyEnd });
    }
    return { kind: 'map', entries, start, end: blockEnd(text, valueStart, end, entries), tag };
  }
  if (isSeq(node)) {
    const items = node.items.map((i) => convert(i, text, base)).filter((i): i is DocNode => i !== undefined);
    return { kind: 'seq', items, start, end: blockEnd(text, valueStart, end, items), tag };
  }
  if (isAlias(node)) {
    return { kind: 'ref', text: `*${node.source}`, start, end, note: 'a YAML alias is not followed' };
  }
  return undefined;
}

// A block collection's range runs on over trailing blank lines and comments; a squiggle on a declaration
// should stop at its last value. Flow collections end at their bracket.
function blockEnd(text: string, start: number, end: number, children: { end: number }[]): number {
  if (text[start] === '{' || text[start] === '[' || !children.length) return end;
  return children[children.length - 1].end;
}
