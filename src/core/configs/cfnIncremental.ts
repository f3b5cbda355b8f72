// Re-analysis of a large CloudFormation YAML template after an edit. The `yaml` package needs about
// 100 ms for a 5,000-line template, far over the 20 ms budget for a keystroke, so the first analysis
// remembers where each resource's lines are, and an edit that stays inside one resource parses only that
// resource's lines again. Everything else is shifted. The reparse is used only when it provably means
// the same as a full parse: the edited slice must parse without errors to exactly one entry at the
// resource indentation, with no line indented less. Anything else (an edit in Parameters, a new
// resource, aliases, a YAML directive) falls back to a full parse.
import type { CfnResourceResult, CfnTables } from './cloudformation';
import { cfnTables, locateCfnResource } from './cloudformation';
import type { DocEntry, DocNode } from './docTree';
import { childOf, entryOf, walkDoc } from './docTree';
import { LineIndex } from './text';
import type { ConfigDeclaration, ConfigValue, SourceRange } from './types';
import { parseYaml } from './yamlTree';

interface Segment {
  /** Current offsets of the resource's lines: from its line start to the next resource's line start. */
  start: number;
  end: number;
  /** The parsed entry; its offsets are `nodeShift` behind the current text. */
  entry: DocEntry;
  nodeShift: number;
  result: CfnResourceResult;
  /** Offsets in `result` are `resultShift` behind, and its line numbers may be stale. */
  resultShift: number;
  stale: boolean;
}

export interface CfnYamlState {
  text: string;
  lines: LineIndex;
  root: DocNode | undefined;
  /** Shift of `root` offsets at or after the first segment's end. */
  tailShift: number;
  tables: CfnTables;
  indent: number;
  segments: Segment[];
}

/** Remembers a full parse for later edits; undefined when the template cannot be edited incrementally. */
export function cfnYamlState(text: string, lines: LineIndex, root: DocNode | undefined, results: CfnResourceResult[]): CfnYamlState | undefined {
  const resources = childOf(root, 'Resources');
  if (resources?.kind !== 'map' || resources.tag || resources.entries.length !== results.length || text.startsWith('%')) return undefined;
  let aliases = false;
  walkDoc(root, (n) => {
    if (n.kind === 'ref') aliases = true;
    return !aliases;
  });
  if (aliases) return undefined;
  const starts = resources.entries.map((e) => lines.lineStart(lines.position(e.keyStart).line));
  const indent = resources.entries.length ? resources.entries[0].keyStart - starts[0] : 0;
  if (indent === 0 || resources.entries.some((e, i) => e.keyStart - starts[i] !== indent || text.slice(starts[i], e.keyStart).trim() !== '')) {
    return undefined;
  }
  // Resolved defaults point into Parameters and Mappings; they must not move when a resource is edited.
  const tablesFirst = ['Parameters', 'Mappings'].every((k) => (entryOf(root, k)?.end ?? 0) <= starts[0]);
  if (!tablesFirst) return undefined;
  const after = root?.kind === 'map' ? root.entries.find((e) => e.keyStart > resources.end) : undefined;
  const tailEnd = after ? lines.lineStart(lines.position(after.keyStart).line) : text.length;
  const segments = resources.entries.map((entry, i) => ({
    start: starts[i],
    end: i + 1 < starts.length ? starts[i + 1] : tailEnd,
    entry,
    nodeShift: 0,
    result: results[i],
    resultShift: 0,
    stale: false,
  }));
  return { text, lines, root, tailShift: 0, tables: cfnTables(root), indent, segments };
}

/** The next state after an edit, parsing one resource again; undefined when a full parse is needed. */
export function applyEdit(state: CfnYamlState, text: string): CfnYamlState | undefined {
  const old = state.text;
  const { prefix, suffix } = commonEnds(old, text);
  const oldEditEnd = old.length - suffix;
  const delta = text.length - old.length;
  const index = state.segments.findIndex((s) => s.start <= prefix && oldEditEnd <= s.end);
  if (index === -1) return undefined;
  const seg = state.segments[index];
  const chunk = text.slice(seg.start, seg.end + delta);
  if (!sameShape(chunk, state.indent)) return undefined;
  const parsed = parseYaml(text, seg.start, chunk);
  const root = parsed.roots[0];
  if (parsed.error || parsed.roots.length !== 1 || root?.kind !== 'map' || root.entries.length !== 1) return undefined;
  let aliases = false;
  walkDoc(root, (n) => {
    if (n.kind === 'ref') aliases = true;
    return !aliases;
  });
  if (aliases) return undefined;
  const lines = new LineIndex(text);
  const entry = root.entries[0];
  const segments = state.segments.map((s, i): Segment => {
    if (i < index) return s;
    if (i === index) {
      return { start: s.start, end: s.end + delta, entry, nodeShift: 0, result: locateCfnResource(entry, state.tables, lines), resultShift: 0, stale: false };
    }
    return { ...s, start: s.start + delta, end: s.end + delta, nodeShift: s.nodeShift + delta, resultShift: s.resultShift + delta, stale: true };
  });
  return { ...state, text, lines, segments, tailShift: state.tailShift + delta };
}

const BLOCK = 512;

/** Lengths of the common prefix and suffix; whole blocks compare natively, so a keystroke costs little. */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix + BLOCK <= max && a.substr(prefix, BLOCK) === b.substr(prefix, BLOCK)) prefix += BLOCK;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const room = max - prefix;
  while (suffix + BLOCK <= room && a.substr(a.length - suffix - BLOCK, BLOCK) === b.substr(b.length - suffix - BLOCK, BLOCK)) suffix += BLOCK;
  while (suffix < room && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

// Every line after the first must be blank, a comment, or indented more than the resource key: otherwise
// the edit changed the template's structure around the resource.
function sameShape(chunk: string, indent: number): boolean {
  if (chunk.length < indent || chunk.slice(0, indent).trim() !== '' || chunk[indent] === ' ' || chunk[indent] === '#') return false;
  if (!chunk.endsWith('\n')) return false;
  for (let at = chunk.indexOf('\n'); at !== -1 && at < chunk.length - 1; at = chunk.indexOf('\n', at + 1)) {
    let i = at + 1;
    while (i < chunk.length && chunk[i] === ' ') i++;
    const c = chunk[i];
    if (i - at - 1 <= indent && c !== '\n' && c !== '\r' && c !== '#' && c !== undefined) return false;
    if (c === '\t' && i - at - 1 <= indent) return false;
  }
  return true;
}

/** The results with current offsets and line numbers. Relocated results are kept so the work happens once. */
export function currentResults(state: CfnYamlState): CfnResourceResult[] {
  return state.segments.map((s) => {
    if (!s.stale) return s.result;
    const delta = s.resultShift;
    // Ranges into Parameters and Mappings (resolved defaults) lie before every resource and stay put.
    const from = s.start - delta;
    s.result = moveResult(s.result, (r) => (r.start >= from ? state.lines.range(r.start + delta, r.end + delta) : r));
    s.resultShift = 0;
    s.stale = false;
    return s.result;
  });
}

/** The parsed node covering `offset` in the current text, with the shift to apply to its offsets. */
export function nodeAt(state: CfnYamlState, offset: number): { node: DocNode | undefined; shift: number } {
  const seg = state.segments.find((s) => s.start <= offset && offset < s.end);
  if (seg) return { node: { kind: 'map', entries: [seg.entry], start: seg.entry.start, end: seg.entry.end }, shift: seg.nodeShift };
  const first = state.segments[0];
  return { node: state.root, shift: first && offset >= first.start ? state.tailShift : 0 };
}

type Move = (range: SourceRange) => SourceRange;

// Field by field rather than a generic walk: this runs for every resource after an edit, on every keystroke.
function moveValue<T extends string | number>(v: ConfigValue<T>, move: Move): ConfigValue<T>;
function moveValue<T extends string | number>(v: ConfigValue<T> | undefined, move: Move): ConfigValue<T> | undefined;
function moveValue<T extends string | number>(v: ConfigValue<T> | undefined, move: Move): ConfigValue<T> | undefined {
  if (!v) return v;
  const out = { ...v, range: move(v.range) };
  if (v.resolvedFrom) out.resolvedFrom = { description: v.resolvedFrom.description, range: move(v.resolvedFrom.range) };
  return out;
}

function moveDeclaration(d: ConfigDeclaration, move: Move): ConfigDeclaration {
  const out: ConfigDeclaration = { ...d, instanceType: moveValue(d.instanceType, move), range: move(d.range), constructRange: move(d.constructRange) };
  for (const key of ['name', 'instanceCount', 'minInstances', 'maxInstances', 'acceleratorType', 'acceleratorCount', 'computeTarget'] as const) {
    if (d[key]) (out as unknown as Record<string, unknown>)[key] = moveValue(d[key] as ConfigValue, move);
  }
  if (d.linkedRanges) out.linkedRanges = d.linkedRanges.map(move);
  if (d.serverless) {
    const s = d.serverless;
    out.serverless = {
      range: move(s.range),
      ...(s.memorySizeMb ? { memorySizeMb: moveValue(s.memorySizeMb, move) } : {}),
      ...(s.maxConcurrency ? { maxConcurrency: moveValue(s.maxConcurrency, move) } : {}),
      ...(s.provisionedConcurrency ? { provisionedConcurrency: moveValue(s.provisionedConcurrency, move) } : {}),
    };
  }
  return out;
}

function moveResult(r: CfnResourceResult, move: Move): CfnResourceResult {
  const out: CfnResourceResult = { logicalId: r.logicalId, declarations: r.declarations.map((d) => moveDeclaration(d, move)) };
  if (r.endpoint) out.endpoint = { configLogicalId: r.endpoint.configLogicalId, name: moveValue(r.endpoint.name, move), range: move(r.endpoint.range) };
  return out;
}
