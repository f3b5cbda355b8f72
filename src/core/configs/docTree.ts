// One small tree shape for every data format (YAML, JSON, Python dict literals), so the CloudFormation,
// Azure ML and Vertex locators are written once and run on whichever parser read the file. Offsets are
// absolute in the analysed text.

export interface DocBase {
  /** Whole node, tag included (`!Ref X`). */
  start: number;
  end: number;
  /** YAML tag as written (`!Ref`, `!Sub`). */
  tag?: string;
}

export interface DocScalar extends DocBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** The characters a fix replaces: inside the quotes for quoted strings. */
  valueStart: number;
  valueEnd: number;
}

export interface DocEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value?: DocNode;
  /** Key through value. */
  start: number;
  end: number;
}

export interface DocMap extends DocBase {
  kind: 'map';
  entries: DocEntry[];
}

export interface DocSeq extends DocBase {
  kind: 'seq';
  items: DocNode[];
}

/** An expression the data format cannot evaluate itself: a variable, a call, an alias. */
export interface DocRef extends DocBase {
  kind: 'ref';
  text: string;
  resolved?: { value: string | number; start: number; end: number; description: string };
  note?: string;
}

export type DocNode = DocScalar | DocMap | DocSeq | DocRef;

export function entryOf(node: DocNode | undefined, ...keys: string[]): DocEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  for (const key of keys) {
    // Last one wins, as in YAML and JSON parsers that accept duplicates.
    for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i].key === key) return node.entries[i];
  }
  return undefined;
}

/** The value under the first of `keys` present (camelCase and snake_case spellings of one field). */
export function childOf(node: DocNode | undefined, ...keys: string[]): DocNode | undefined {
  return entryOf(node, ...keys)?.value;
}

export function itemsOf(node: DocNode | undefined): DocNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

/** A plain (untagged) string scalar's value. */
export function stringOf(node: DocNode | undefined): string | undefined {
  return node?.kind === 'scalar' && !node.tag && typeof node.value === 'string' ? node.value : undefined;
}

export function keysOf(node: DocNode | undefined): string[] {
  return node?.kind === 'map' ? node.entries.map((e) => e.key) : [];
}

/** Visits every node depth-first; `visit` returns false to skip a node's children. */
export function walkDoc(node: DocNode | undefined, visit: (node: DocNode) => boolean | void): void {
  if (!node || visit(node) === false) return;
  if (node.kind === 'map') for (const e of node.entries) walkDoc(e.value, visit);
  else if (node.kind === 'seq') for (const item of node.items) walkDoc(item, visit);
}

/** True when `offset` lies inside a scalar's characters (a `#` there is text, not a comment). */
export function insideScalar(root: DocNode | undefined, offset: number): boolean {
  let inside = false;
  walkDoc(root, (n) => {
    if (inside || offset < n.start || offset >= n.end) return false;
    if (n.kind === 'map') {
      for (const e of n.entries) if (offset >= e.keyStart && offset < e.keyEnd) inside = true;
      return !inside;
    }
    if (n.kind === 'scalar' || n.kind === 'ref') inside = true;
    return !inside;
  });
  return inside;
}
