// YAML through js-yaml's event parser to DocNodes: a flat list of events with source offsets, built without
// generators or a Document, about three times faster in a cold process (where `mlmon check` spends its
// time) than yaml's CST parser and composer. yaml stays the reference: this path only converts what yaml's
// composer reads without an error, into the same DocNodes, and declines the rest (anything js-yaml rejects,
// tabs, explicit `?` keys, keys with properties or over lines, `<<`, pairs in flow sequences, directives,
// `...`, tags other than local ones, properties on empty nodes, plain scalars yaml complains about, and the
// few places js-yaml reads otherwise), so that the composer decides and errors keep yaml's messages and
// offsets.
import { COLLECTION_STYLE, CHOMPING_MODE, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE } from 'js-yaml';
import type { AliasEvent, Event, MappingEvent, ScalarEvent, SequenceEvent } from 'js-yaml';
import type { DocEntry, DocMap, DocNode, DocRef, DocScalar, DocSeq } from './docTree';
import { badPlainStart, coreValue, tagStart } from './yamlScalars';

const declined = new Error('declined');

function decline(): never {
  throw declined;
}

/** DocNodes of each document, offsets absolute; undefined when another path must decide. */
export function parseYamlEvents(text: string, base: number, source: string, multi: boolean): (DocNode | undefined)[] | undefined {
  if (unlikeYaml(source)) return undefined;
  let roots: (DocNode | undefined)[];
  try {
    roots = new EventReader(text, base, source, parseEvents(source, {})).documents();
  } catch {
    // js-yaml's error, a decline, or anything unforeseen in either: the composer reads the file and
    // reports what is wrong with it.
    return undefined;
  }
  if (multi) return roots;
  return roots.length > 1 ? undefined : roots.length ? roots : [undefined];
}

/**
 * Where js-yaml reads text otherwise than yaml: tabs (white space in some places, errors in others), a
 * carriage return alone (a line break to js-yaml), a byte order mark, `...` at a line start, and `---`
 * after spaces (a document marker to js-yaml, text to yaml).
 */
function unlikeYaml(source: string): boolean {
  return source.includes('\t') || source.includes('\ufeff') || /\r(?!\n)|^(?: +---| *\.\.\.)(?:[ \r\n]|$)/m.test(source);
}

type Context = 'root' | 'value' | 'item' | 'flow';

class EventReader {
  private next = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly src: string,
    private readonly events: Event[],
  ) {}

  documents(): (DocNode | undefined)[] {
    const roots: DocNode[] = [];
    let after = 0;
    while (this.next < this.events.length) {
      const doc = this.events[this.next++];
      if (doc.type !== EVENT_ID.DOCUMENT || doc.directives.length || doc.explicitEnd) decline();
      const root = this.node(after, 'root');
      if (this.events[this.next++]?.type !== EVENT_ID.POP) decline();
      roots.push(root);
      after = root.end - this.base;
    }
    return roots;
  }

  /** The node of the next event; `after` is where its text may start in the source (for empty nodes). */
  private node(after: number, context: Context): DocNode {
    const event = this.events[this.next++];
    switch (event?.type) {
      case EVENT_ID.SCALAR:
        return this.scalar(event, after, context);
      case EVENT_ID.MAPPING:
        return this.map(event);
      case EVENT_ID.SEQUENCE:
        return this.seq(event);
      case EVENT_ID.ALIAS:
        return this.alias(event);
      default:
        return decline();
    }
  }

  private scalar(event: ScalarEvent, after: number, context: Context): DocScalar {
    const tag = this.tag(event);
    if (event.valueStart < 0) {
      if (tag || event.anchorStart >= 0) decline();
      const at = this.base + this.emptyAt(after, context);
      return { kind: 'scalar', value: null, start: at, end: at, tag: undefined, valueStart: at, valueEnd: at };
    }
    let from: number;
    let to: number;
    let value: string | number | boolean | null;
    const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
    if (event.style === SCALAR_STYLE.PLAIN || quoted) {
      const flow = this.flowScalar(event);
      ({ from, to } = flow);
      value = quoted || tag ? flow.raw : coreValue(flow.raw);
    } else {
      [from, to] = blockScalarRange(this.src, after, event);
      value = getScalarValue(this.src, event);
    }
    const valueStart = this.base + from;
    const end = this.base + to;
    return {
      kind: 'scalar',
      value,
      start: tag ? tagStart(this.text, valueStart, tag) : valueStart,
      end,
      tag,
      valueStart: quoted ? valueStart + 1 : valueStart,
      valueEnd: quoted ? end - 1 : end,
    };
  }

  /** A plain or quoted scalar's text and its range, quotes included; a plain one yaml complains about declines. */
  private flowScalar(event: ScalarEvent): { raw: string; from: number; to: number } {
    const src = this.src;
    const raw = event.fast ? src.slice(event.valueStart, event.valueEnd) : getScalarValue(src, event);
    if (event.style === SCALAR_STYLE.PLAIN) {
      if (badPlainStart.includes(src[event.valueStart])) decline();
      return { raw, from: event.valueStart, to: event.valueEnd };
    }
    const quote = event.style === SCALAR_STYLE.SINGLE_QUOTED ? "'" : '"';
    if (src[event.valueStart - 1] !== quote || src[event.valueEnd] !== quote) decline();
    return { raw, from: event.valueStart - 1, to: event.valueEnd + 1 };
  }

  private map(event: MappingEvent): DocMap {
    const tag = this.tag(event);
    const flow = event.style === COLLECTION_STYLE.FLOW;
    // A flow map starts at its brace; one that does not is a pair inside a flow sequence.
    if (flow && this.src[event.start] !== '{') decline();
    const entries: DocEntry[] = [];
    while (this.events[this.next]?.type !== EVENT_ID.POP) {
      const entry = this.key(flow);
      const keyEnd = entry.keyEnd - this.base;
      const value = this.events[this.next];
      // `{x, y: 1}`: x has no value (not even an empty one) when no `:` follows it.
      if (flow && value?.type === EVENT_ID.SCALAR && value.valueStart < 0 && this.src[skipSpace(this.src, keyEnd, true)] !== ':') {
        if (value.tagStart >= 0 || value.anchorStart >= 0) decline();
        this.next++;
      } else {
        entry.value = this.node(keyEnd, flow ? 'flow' : 'value');
        entry.end = entry.value.end;
      }
      entries.push(entry);
    }
    this.next++;
    return { kind: 'map', entries, ...this.span(event, tag, entries, '}'), tag };
  }

  /** A key as the composed path reads it (`String(value)`: `1` → "1", `~` → "null"): one plain or quoted scalar. */
  private key(flow: boolean): DocEntry {
    const event = this.events[this.next++];
    if (event?.type !== EVENT_ID.SCALAR || event.valueStart < 0 || event.tagStart >= 0 || event.anchorStart >= 0) return decline();
    const plain = event.style === SCALAR_STYLE.PLAIN;
    if (!plain && event.style !== SCALAR_STYLE.SINGLE_QUOTED && event.style !== SCALAR_STYLE.DOUBLE_QUOTED) decline();
    const { raw, from, to } = this.flowScalar(event);
    // `<<` is a merge to readers that know it.
    if (plain && raw === '<<') decline();
    const key = plain ? String(coreValue(raw)) : raw;
    const src = this.src;
    // An explicit key (`? a`), or an implicit one over several lines in a block map.
    let before = from;
    while (before > 0 && src[before - 1] === ' ') before--;
    if (src[before - 1] === '?' || (!flow && src.slice(from, to).includes('\n'))) decline();
    const keyStart = this.base + from;
    const keyEnd = this.base + to;
    return { key, keyStart, keyEnd, value: undefined, start: keyStart, end: keyEnd };
  }

  private seq(event: SequenceEvent): DocSeq {
    const tag = this.tag(event);
    const flow = event.style === COLLECTION_STYLE.FLOW;
    if (this.src[event.start] !== (flow ? '[' : '-')) decline();
    const items: DocNode[] = [];
    let after = event.start;
    while (this.events[this.next]?.type !== EVENT_ID.POP) {
      const item = this.node(after, flow ? 'flow' : 'item');
      items.push(item);
      after = item.end - this.base;
    }
    this.next++;
    return { kind: 'seq', items, ...this.span(event, tag, items, ']'), tag };
  }

  private alias(event: AliasEvent): DocRef {
    const at = event.anchorStart - 1;
    if (this.src[at] !== '*' || event.anchorEnd <= event.anchorStart) decline();
    const start = this.base + at;
    return { kind: 'ref', text: this.src.slice(at, event.anchorEnd), start, end: this.base + event.anchorEnd, note: 'a YAML alias is not followed' };
  }

  /** `!Ref`, `!Sub`: kept as written; `!!str`, `!<…>` and `!` resolve differently in the composed path. */
  private tag(event: ScalarEvent | MappingEvent | SequenceEvent): string | undefined {
    if (event.anchorStart >= 0 && (event.anchorEnd <= event.anchorStart || !separated(this.src, event.anchorEnd))) decline();
    if (event.tagStart < 0) return undefined;
    if (!separated(this.src, event.tagEnd)) decline();
    const tag = this.src.slice(event.tagStart, event.tagEnd);
    return /^![\w.-]+$/.test(tag) ? tag : decline();
  }

  /** A collection from its tag or first character; a block one ends with its last child, a flow one at its bracket. */
  private span(event: MappingEvent | SequenceEvent, tag: string | undefined, children: readonly { end: number }[], bracket: '}' | ']'): { start: number; end: number } {
    const flow = event.style === COLLECTION_STYLE.FLOW;
    const last = children[children.length - 1];
    if (!flow && !last) decline();
    const first = this.base + event.start;
    const start = tag ? tagStart(this.text, first, tag) : first;
    return { start, end: flow ? this.closing(last ? last.end : first + 1, bracket) : last.end };
  }

  /** Where the composer places an empty node: after its indicator (`:`, `-`, `---`) and the spaces that follow. */
  private emptyAt(after: number, context: Context): number {
    const src = this.src;
    // A block map's `:` is on the key's line; elsewhere the indicator may follow line breaks and comments.
    let i = skipSpace(src, after, context !== 'value');
    const indicator = context === 'root' ? '---' : context === 'item' ? '-' : ':';
    if (!src.startsWith(indicator, i)) decline();
    i += indicator.length;
    while (src[i] === ' ') i++;
    return i;
  }

  /** A flow collection ends at its bracket, after the last item, commas and comments. */
  private closing(after: number, bracket: string): number {
    let i = after - this.base;
    for (;;) {
      i = skipSpace(this.src, i, true);
      if (this.src[i] !== ',') break;
      i++;
    }
    if (this.src[i] !== bracket) decline();
    return this.base + i + 1;
  }
}

/** yaml wants white space (or a comma) after a tag or an anchor; js-yaml lets `&a[1]` through. */
function separated(src: string, i: number): boolean {
  const c = src[i];
  return c === undefined || c === ' ' || c === '\n' || c === '\r' || c === ',';
}

/** Past spaces, and with `lines`, line breaks and comments too. */
function skipSpace(src: string, i: number, lines: boolean): number {
  for (;;) {
    const c = src[i];
    if (c === ' ') i++;
    else if (lines && (c === '\n' || c === '\r')) i++;
    else if (lines && c === '#' && (i === 0 || src[i - 1] === ' ' || src[i - 1] === '\n' || src[i - 1] === '\r')) {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
    } else return i;
  }
}

/**
 * A block scalar from its indicator (`|`, `>`) to its last line of text, as the composer ranges it; trailing
 * blank lines only with `+` (keep). The indicator is the first `|` or `>` after `after` that ends the header
 * line, with at most its indentation and chomping indicators and a comment after it.
 */
function blockScalarRange(src: string, after: number, event: ScalarEvent): [number, number] {
  const headerEnd = src[event.valueStart - 1] === '\n' ? event.valueStart - 1 : decline();
  let lineStart = headerEnd;
  while (lineStart > 0 && src[lineStart - 1] !== '\n') lineStart--;
  const floor = Math.max(after, lineStart, event.tagEnd, event.anchorEnd);
  const header = src.slice(floor, headerEnd);
  const found = /(?:^|[ ])([|>][1-9+-]{0,2})(?:[ ]+#[^\n]*)?\r?$/.exec(header);
  // An indentation indicator counts from the parent's indent, which js-yaml and yaml place differently at the root.
  if (!found || /\d/.test(found[1])) decline();
  const from = floor + found.index + found[0].indexOf(found[1]);
  if (event.chomping === CHOMPING_MODE.KEEP) return [from, event.valueEnd];
  // Back over trailing blank lines; a last line of spaces could be text to the composer.
  let to = event.valueEnd;
  for (let b = breakBefore(src, to); b && breakBefore(src, to - b) && to - b > event.valueStart; b = breakBefore(src, to)) to -= b;
  let line = to - breakBefore(src, to);
  while (line > event.valueStart && src[line - 1] === ' ') line--;
  if (line === event.valueStart || src[line - 1] === '\n') decline();
  return [from, to];
}

/** The length of the line break that ends just before `i`: 2 for CRLF, 1 for LF, else 0. */
function breakBefore(src: string, i: number): number {
  return src[i - 1] !== '\n' ? 0 : src[i - 2] === '\r' ? 2 : 1;
}
