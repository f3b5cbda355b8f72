// What a shell word evaluates to, with a source offset for every character that came from the script
// text, so `--machine-type="$MT"` and `--accelerator=type=nvidia-l4,count=1` can be split like gcloud
// splits them and each part still points at the characters that wrote it. `$VAR` takes the value of a
// literal top-level assignment earlier in the script; anything else stays unresolved.
import type { Node } from '@vscode/tree-sitter-wasm';
import type { LineIndex } from './text';
import type { ConfigValue } from './types';
import { referenceValue } from './values';

/** Stands for a value the script does not determine (an unresolved variable, a command substitution). */
export const UNKNOWN = '\uE000';

export interface VarUse {
  from: number;
  to: number;
  name: string;
  start: number;
  end: number;
  /** Where the literal came from: an assignment or a `${VAR:-default}`. */
  resolvedFrom?: { start: number; end: number; description: string };
  note?: string;
}

export interface Evaluated {
  text: string;
  /** Source offset of each character of `text`; -1 for characters a variable supplied. */
  src: number[];
  vars: VarUse[];
}

export interface Assignment {
  name: string;
  at: number;
  value?: { text: string; start: number; end: number };
  topLevel: boolean;
}

export function collectAssignments(root: Node): Assignment[] {
  const out: Assignment[] = [];
  for (const node of root.descendantsOfType('variable_assignment')) {
    if (!node) continue;
    const name = node.childForFieldName('name')?.text;
    const valueNode = node.childForFieldName('value');
    if (!name) continue;
    const parent = node.parent;
    const topLevel = parent?.type === 'program' || (parent?.type === 'declaration_command' && parent.parent?.type === 'program');
    const ev = valueNode ? evaluate(valueNode, []) : { text: '', src: [], vars: [] };
    const literal = !ev.vars.length && !ev.text.includes(UNKNOWN) && ev.src.every((s) => s >= 0);
    const value = literal && ev.src.length ? { text: ev.text, start: ev.src[0], end: ev.src[ev.src.length - 1] + 1 } : undefined;
    out.push({ name, at: node.startIndex, value, topLevel });
  }
  return out;
}

export function evaluate(node: Node, assignments: Assignment[]): Evaluated {
  const out: Evaluated = { text: '', src: [], vars: [] };
  append(node, out, assignments);
  return out;
}

function literal(out: Evaluated, text: string, start: number): void {
  for (let i = 0; i < text.length; i++) {
    out.text += text[i];
    out.src.push(start + i);
  }
}

function unknown(out: Evaluated, node: Node, note = 'unresolved: computed when the script runs'): void {
  out.vars.push({ from: out.text.length, to: out.text.length + 1, name: '', start: node.startIndex, end: node.endIndex, note });
  out.text += UNKNOWN;
  out.src.push(-1);
}

function append(node: Node, out: Evaluated, assignments: Assignment[]): void {
  switch (node.type) {
    case 'word':
    case 'number':
      if (node.text.includes('\\')) return wordWithEscapes(node, out);
      return literal(out, node.text, node.startIndex);
    case 'raw_string':
      return literal(out, node.text.slice(1, -1), node.startIndex + 1);
    case 'concatenation':
      for (const child of node.children) if (child) append(child, out, assignments);
      return;
    case 'string': {
      // Text between the expansions is literal; string_content nodes do not always cover all of it.
      let at = node.startIndex + 1;
      const close = node.endIndex - 1;
      for (const child of node.namedChildren) {
        if (!child || child.type === 'string_content') continue;
        literal(out, node.text.slice(at - node.startIndex, child.startIndex - node.startIndex), at);
        append(child, out, assignments);
        at = child.endIndex;
      }
      if (close > at) literal(out, node.text.slice(at - node.startIndex, close - node.startIndex), at);
      return;
    }
    case 'simple_expansion':
    case 'expansion':
      return expansion(node, out, assignments);
    default:
      return unknown(out, node);
  }
}

function wordWithEscapes(node: Node, out: Evaluated): void {
  const text = node.text;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) i++;
    out.text += text[i];
    out.src.push(node.startIndex + i);
  }
}

function expansion(node: Node, out: Evaluated, assignments: Assignment[]): void {
  // $NAME, ${NAME}, ${NAME:-default} or ${NAME-default}; other operators change the value in ways not followed.
  const m = node.type === 'simple_expansion' ? /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(node.text) : /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)(.*))?\}$/s.exec(node.text);
  if (!m) return unknown(out, node, `unresolved: ${node.text} is not a plain variable`);
  const [, name, op, fallback] = m;
  const use: VarUse = { from: out.text.length, to: out.text.length, name, start: node.startIndex, end: node.endIndex };
  const before = assignments.filter((a) => a.name === name && a.at < node.startIndex);
  const last = before[before.length - 1];
  let value: string | undefined;
  if (last?.value && last.topLevel) {
    value = last.value.text;
    use.resolvedFrom = { start: last.value.start, end: last.value.end, description: `the assignment to ${name}` };
  } else if (last) {
    use.note = last.topLevel ? `unresolved: ${name} is not assigned a literal` : `unresolved: ${name} is assigned inside a function, loop or condition`;
  } else if (op !== undefined && fallback !== undefined && !/[$`]/.test(fallback)) {
    value = fallback;
    const at = node.startIndex + node.text.indexOf(op, name.length) + op.length;
    use.resolvedFrom = { start: at, end: at + fallback.length, description: `the default in \${${name}${op}...}` };
    use.note = `default of \${${name}${op}...}; the environment can set another value`;
  } else {
    use.note = `unresolved: ${name} is set outside this script`;
  }
  if (value === undefined) {
    out.text += UNKNOWN;
    out.src.push(-1);
  } else {
    for (const ch of value) {
      out.text += ch;
      out.src.push(-1);
    }
  }
  use.to = out.text.length;
  out.vars.push(use);
}

/**
 * The value of `ev.text.slice(from, to)`: a literal when every character came from the script as
 * written, a (possibly resolved) reference when it is exactly one variable, else unresolved.
 */
export function sliceValue<T extends string | number>(ev: Evaluated, from: number, to: number, lines: LineIndex, coerce: (v: string | number) => T | undefined): ConfigValue<T> {
  const text = ev.text.slice(from, to);
  const src = ev.src.slice(from, to);
  if (!src.length) {
    const before = ev.src[from - 1] ?? -1;
    const at = before >= 0 ? before + 1 : Math.max(0, ev.src.find((s) => s >= 0) ?? 0);
    return { source: 'missing', range: lines.range(at, at), note: 'empty' };
  }
  if (src.length && src.every((s) => s >= 0) && src[src.length - 1] - src[0] === src.length - 1) {
    const value = coerce(text);
    const out: ConfigValue<T> = { source: 'literal', range: lines.range(src[0], src[src.length - 1] + 1) };
    if (value === undefined) out.note = `'${text}' is not a valid value here`;
    else out.value = value;
    return out;
  }
  const uses = ev.vars.filter((v) => v.from < to && v.to > from);
  const start = Math.min(...uses.map((u) => u.start), ...src.filter((s) => s >= 0));
  const end = Math.max(...uses.map((u) => u.end), ...src.filter((s) => s >= 0).map((s) => s + 1));
  const reference = lines.text.slice(start, end);
  const only = uses.length === 1 && uses[0].from === from && uses[0].to === to ? uses[0] : undefined;
  if (only?.resolvedFrom) {
    return referenceValue(lines, only.start, only.end, { reference, value: text, resolvedFrom: only.resolvedFrom, ...(only.note ? { note: only.note } : {}) }, coerce);
  }
  const note = only?.note ?? uses.find((u) => u.note && !u.resolvedFrom)?.note ?? (text.includes(UNKNOWN) ? 'unresolved: computed when the script runs' : 'unresolved: assembled from several parts');
  return referenceValue(lines, Number.isFinite(start) ? start : 0, Number.isFinite(end) ? end : 0, { reference, note }, coerce);
}
