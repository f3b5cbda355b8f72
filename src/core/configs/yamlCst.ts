// YAML straight from yaml's CST to DocNodes, without the composer and the Document it builds (over a quarter
// of the parse time of small files). Only input the composer accepts without an error is converted: every
// check it makes on the constructs handled here is made here too, and anything else declines (explicit `?`
// keys, keys that are not flow scalars or carry properties, `<<`, pairs inside flow sequences, directives,
// `...`, tabs in the white space between block tokens, tags other than local ones, tags on empty nodes,
// deep nesting), so that the caller composes as before and errors keep their messages and offsets. Values
// resolve as in the YAML 1.2 core schema; a local tag (`!Ref`) keeps the value a string, as the identity
// tags of the composed path do.
import { CST, Parser } from 'yaml';
import type { DocEntry, DocMap, DocNode, DocScalar, DocSeq } from './docTree';

type Item = CST.CollectionItem;

interface Props {
  /** The indicator looked for: `-`, `:`, `?` or `---`. */
  found?: CST.SourceToken;
  anchor?: CST.SourceToken;
  tag?: CST.SourceToken;
  comma?: CST.SourceToken;
  hasNewline: boolean;
  newlineAfterProp?: CST.SourceToken;
}

const declined = new Error('declined');
// Far below where the composer runs out of stack (several hundred levels) and far above any config.
const maxDepth = 100;

function decline(): never {
  throw declined;
}

/** DocNodes of each document, offsets absolute; undefined when the composed path must decide. */
export function parseYamlCst(text: string, base: number, source: string, multi: boolean): (DocNode | undefined)[] | undefined {
  const convert = new Converter(text, base);
  const roots: (DocNode | undefined)[] = [];
  try {
    for (const token of new Parser().parse(source)) {
      if (token.type === 'document') roots.push(convert.document(token));
      else if (token.type !== 'byte-order-mark' && token.type !== 'space' && token.type !== 'comment' && token.type !== 'newline') return undefined;
    }
  } catch (error) {
    if (error === declined) return undefined;
    throw error;
  }
  if (multi) return roots;
  // One document is all the single-document parse accepts; with none, it still yields an empty one.
  return roots.length > 1 ? undefined : roots.length ? roots : [undefined];
}

class Converter {
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {}

  document(doc: CST.Document): DocNode {
    const props = scanProps(doc.start, 'doc-start', false, true, doc.value ?? doc.end?.[0]);
    const value = doc.value;
    if (props.found && (value?.type === 'block-map' || value?.type === 'block-seq') && !props.hasNewline) decline();
    const root = value ? this.node(value, props) : this.empty(props, doc.start);
    endTokens(doc.end);
    return root;
  }

  private node(token: CST.Token, props: Props): DocNode {
    switch (token.type) {
      case 'alias': {
        if (props.anchor || props.tag || token.source.length < 2) decline();
        endTokens(token.end);
        const start = this.base + token.offset;
        return { kind: 'ref', text: token.source, start, end: start + token.source.length, note: 'a YAML alias is not followed' };
      }
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token, props);
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        // Deep nesting runs the composer out of stack, which it reports as an error; leave that to it.
        if (++this.depth > maxDepth) decline();
        const node = token.type === 'block-map' ? this.blockMap(token, props) : token.type === 'block-seq' ? this.blockSeq(token, props) : this.flow(token, props);
        this.depth--;
        return node;
      }
      default:
        return decline();
    }
  }

  private scalar(token: CST.FlowScalar | CST.BlockScalar, props: Props): DocScalar {
    anchorName(props);
    const tag = localTag(props);
    const { raw, end: rawEnd } = scalarSource(token);
    const valueStart = this.base + token.offset;
    const end = this.base + rawEnd;
    // Inside the quotes; an unclosed quote is an error, so the composed path handles truncated files.
    const quoted = token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar';
    return {
      kind: 'scalar',
      value: tag || token.type !== 'scalar' ? raw : coreValue(raw),
      start: tag ? tagStart(this.text, valueStart, tag) : valueStart,
      end,
      tag,
      valueStart: quoted ? valueStart + 1 : valueStart,
      valueEnd: quoted ? end - 1 : end,
    };
  }

  /** A missing value (`key:`, `- `, `---`), null where the composer places it: after the indicator and its spaces. */
  private empty(props: Props, before: CST.SourceToken[]): DocScalar {
    const last = before[before.length - 1];
    if (props.tag || !last) decline();
    anchorName(props);
    const at = this.base + emptyScalarPosition(last.offset + last.source.length, before);
    return { kind: 'scalar', value: null, start: at, end: at, tag: undefined, valueStart: at, valueEnd: at };
  }

  private blockMap(map: CST.BlockMap, props: Props): DocMap {
    const tag = this.collectionProps(props);
    const entries: DocEntry[] = [];
    let comments = false;
    for (const item of map.items as Item[]) {
      const keyProps = scanProps(item.start, 'explicit-key-ind', false, true, item.key ?? item.sep?.[0]);
      if (keyProps.found) decline();
      if (!item.sep) {
        // Comments after the last entry; in front of one the composer reports an error.
        if (keyProps.anchor || keyProps.tag || item.key || item.value) decline();
        comments = true;
        continue;
      }
      if (comments || keyProps.anchor || keyProps.tag || !item.key) decline();
      const entry = this.entry(item.key, map.indent);
      const valueProps = scanProps(item.sep, 'map-value-ind', false, false, item.value);
      if (!valueProps.found || (item.value?.type === 'block-map' && !valueProps.hasNewline)) decline();
      entry.value = item.value ? this.node(item.value, valueProps) : this.empty(valueProps, item.sep);
      entry.end = entry.value.end;
      entries.push(entry);
    }
    if (!entries.length) decline();
    return { kind: 'map', entries, start: this.start(map, tag), end: entries[entries.length - 1].end, tag };
  }

  private blockSeq(seq: CST.BlockSequence, props: Props): DocSeq {
    const last = props.anchor && props.tag ? (props.anchor.offset > props.tag.offset ? props.anchor : props.tag) : (props.anchor ?? props.tag);
    if (last && (!props.newlineAfterProp || props.newlineAfterProp.offset < last.offset)) decline();
    const tag = this.collectionProps(props);
    const items: DocNode[] = [];
    for (const item of seq.items as Item[]) {
      const itemProps = scanProps(item.start, 'seq-item-ind', false, true, item.value);
      if (!itemProps.found) {
        if (itemProps.anchor || itemProps.tag || item.value) decline();
        continue;
      }
      items.push(item.value ? this.node(item.value, itemProps) : this.empty(itemProps, item.start));
    }
    if (!items.length) decline();
    return { kind: 'seq', items, start: this.start(seq, tag), end: items[items.length - 1].end, tag };
  }

  private flow(flow: CST.FlowCollection, props: Props): DocMap | DocSeq {
    const tag = this.collectionProps(props);
    const isMap = flow.start.source === '{';
    const entries: DocEntry[] = [];
    const items: DocNode[] = [];
    for (let i = 0; i < flow.items.length; i++) {
      const { start, key, sep, value } = flow.items[i];
      const itemProps = scanProps(start, 'explicit-key-ind', true, false, key ?? sep?.[0]);
      if (itemProps.found) decline();
      if (!itemProps.anchor && !itemProps.tag && !sep && !value) {
        // Only a trailing comma or comments may stand alone, and only last.
        if ((i === 0 && itemProps.comma) || i < flow.items.length - 1) decline();
        continue;
      }
      if (i === 0 ? itemProps.comma : !itemProps.comma) decline();
      if (!isMap) {
        if (key || sep || !value || isBlock(value)) decline();
        items.push(this.node(value, itemProps));
        continue;
      }
      if (!key || itemProps.anchor || itemProps.tag) decline();
      const entry = this.entry(key);
      const valueProps = scanProps(sep ?? [], 'map-value-ind', true, false, value);
      if ((!valueProps.found && (value || valueProps.anchor || valueProps.tag)) || isBlock(value)) decline();
      entry.value = value ? this.node(value, valueProps) : valueProps.found ? this.empty(valueProps, sep ?? []) : undefined;
      if (entry.value) entry.end = entry.value.end;
      entries.push(entry);
    }
    const [close, ...rest] = flow.end;
    if (close?.source !== (isMap ? '}' : ']')) decline();
    endTokens(rest);
    const start = this.start(flow, tag);
    const end = this.base + close.offset + 1;
    return isMap ? { kind: 'map', entries, start, end, tag } : { kind: 'seq', items, start, end, tag };
  }

  /**
   * An entry for a key, its value still to come; the composed path reads keys as `String(value)`
   * (`1` → "1", `~` → "null"). A block map's key must sit at the map's indent, on one line.
   */
  private entry(token: CST.Token, indent?: number): DocEntry {
    if (token.type !== 'scalar' && token.type !== 'single-quoted-scalar' && token.type !== 'double-quoted-scalar') return decline();
    if (indent !== undefined && (token.indent !== indent || token.source.includes('\n') || token.end?.some((t) => t.type === 'newline'))) decline();
    // `<<` is a merge to readers that know it.
    if (token.type === 'scalar' && token.source === '<<') decline();
    const { raw, end } = scalarSource(token);
    const keyStart = this.base + token.offset;
    const keyEnd = this.base + end;
    return { key: String(token.type === 'scalar' ? coreValue(raw) : raw), keyStart, keyEnd, value: undefined, start: keyStart, end: keyEnd };
  }

  private collectionProps(props: Props): string | undefined {
    anchorName(props);
    return localTag(props);
  }

  private start(token: CST.Token, tag: string | undefined): number {
    const start = this.base + token.offset;
    return tag ? tagStart(this.text, start, tag) : start;
  }
}

function isBlock(token: CST.Token | undefined): boolean {
  return token?.type === 'block-map' || token?.type === 'block-seq';
}

/**
 * What the composer reads from the tokens in front of a node (yaml's resolveProps), declining wherever it
 * would report an error. Tabs decline wherever they may be indentation, which needs more context.
 */
function scanProps(tokens: CST.SourceToken[], indicator: string, flow: boolean, startOnNewline: boolean, next: CST.Token | undefined): Props {
  const props: Props = { hasNewline: false };
  let hasSpace = startOnNewline;
  let reqSpace = false;
  for (const token of tokens) {
    if (reqSpace && token.type !== 'space' && token.type !== 'newline' && token.type !== 'comma') decline();
    reqSpace = false;
    switch (token.type) {
      case 'space':
        if (!flow && token.source.includes('\t')) decline();
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) decline();
        break;
      case 'newline':
        props.hasNewline = true;
        if (props.anchor || props.tag) props.newlineAfterProp = token;
        hasSpace = true;
        break;
      case 'anchor':
      case 'tag':
        if (props[token.type]) decline();
        props[token.type] = token;
        hasSpace = false;
        reqSpace = true;
        break;
      case 'comma':
        if (!flow || props.comma) decline();
        props.comma = token;
        hasSpace = false;
        break;
      default:
        if (token.type !== indicator || props.found || props.anchor || props.tag) decline();
        props.found = token;
        hasSpace = false;
    }
  }
  if (reqSpace && next && next.type !== 'space' && next.type !== 'newline' && next.type !== 'comma' && !(next.type === 'scalar' && next.source === '')) decline();
  return props;
}

/** Only comments and white space may follow a node. */
function endTokens(tokens: CST.SourceToken[] | undefined): void {
  if (tokens) for (const t of tokens) if (t.type !== 'space' && t.type !== 'comment' && t.type !== 'newline') decline();
}

function anchorName(props: Props): void {
  if (props.anchor?.source === '&') decline();
}

/** `!Ref`, `!Sub`: the composed path keeps such tags as written; `!!str`, `!<…>` and `!` resolve differently. */
function localTag(props: Props): string | undefined {
  if (!props.tag) return undefined;
  return /^![\w.-]+$/.test(props.tag.source) ? props.tag.source : decline();
}

// yaml's complaints about a plain scalar's first character; `undefined` for an empty one.
export const badPlainStart = ['\t', ',', '%', '|', '>', '@', '`'];

/** The string a scalar stands for and where it ends; single-line plain and quoted text need no unescaping. */
function scalarSource(token: CST.FlowScalar | CST.BlockScalar): { raw: string; end: number } {
  const s = token.source;
  if (token.type !== 'block-scalar' && !s.includes('\n')) {
    const end = token.offset + s.length;
    if (token.type === 'scalar' && !badPlainStart.includes(s[0])) {
      endTokens(token.end);
      return { raw: s, end };
    }
    if (token.type === 'single-quoted-scalar' && s.length > 1 && s.endsWith("'")) {
      endTokens(token.end);
      return { raw: s.slice(1, -1).replace(/''/g, "'"), end };
    }
    if (token.type === 'double-quoted-scalar' && s.length > 1 && s.endsWith('"') && !s.includes('\\')) {
      endTokens(token.end);
      return { raw: s.slice(1, -1), end };
    }
  }
  // Folding, escapes and block scalars: yaml's own scalar resolution, any complaint declines.
  const resolved = CST.resolveAsScalar(token, false, decline);
  return resolved ? { raw: resolved.value, end: resolved.range[1] } : decline();
}

/** A plain scalar as the YAML 1.2 core schema reads it: yaml's tests, names ruled out early. */
export function coreValue(s: string): string | number | boolean | null {
  switch (s) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (!/^[-+.0-9]/.test(s)) return s;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/** yaml's placement of an empty node: back over trailing comments and line breaks, forward over spaces. */
function emptyScalarPosition(offset: number, before: CST.SourceToken[]): number {
  for (let i = before.length - 1; i >= 0; --i) {
    const t = before[i];
    if (t.type === 'space' || t.type === 'comment' || t.type === 'newline') {
      offset -= t.source.length;
      continue;
    }
    for (let j = i + 1; before[j]?.type === 'space'; j++) offset += before[j].source.length;
    break;
  }
  return offset;
}

// yaml's node range starts at the value; a fix or a squiggle should cover `!Ref Name` as written.
export function tagStart(text: string, valueStart: number, tag: string): number {
  let i = valueStart;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n' || text[i - 1] === '\r')) i--;
  return text.slice(i - tag.length, i) === tag ? i - tag.length : valueStart;
}
