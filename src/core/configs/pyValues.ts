// Python values as the locators need them: keyword arguments of a call, literals turned into DocNodes
// (so dicts passed to `CustomJob(worker_pool_specs=[...])` or boto3 go through the same locators as YAML),
// and module-level variables resolved when they are assigned exactly one literal.
import type { Node } from '@vscode/tree-sitter-wasm';
import type { DocEntry, DocNode } from './docTree';

export interface ModuleVar {
  /** Right-hand sides of every module-level assignment to the name. */
  values: Node[];
}

export type ModuleVars = Map<string, ModuleVar>;

/** Module-level `NAME = value` and `NAME: type = value` statements (not those inside functions or ifs). */
export function collectModuleVars(root: Node, vars: ModuleVars = new Map()): ModuleVars {
  for (const stmt of root.namedChildren) {
    if (stmt?.type !== 'expression_statement') continue;
    for (const expr of stmt.namedChildren) {
      if (expr?.type !== 'assignment') continue;
      const left = expr.childForFieldName('left');
      const right = expr.childForFieldName('right');
      if (left?.type === 'identifier' && right) {
        const entry = vars.get(left.text) ?? { values: [] };
        entry.values.push(right);
        vars.set(left.text, entry);
      } else if (left) {
        // Tuple targets and the like: their names are no longer single literals.
        for (const id of left.descendantsOfType('identifier')) if (id) vars.set(id.text, { values: [] });
      }
    }
  }
  return vars;
}

export function keywordArgs(call: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const args = call.childForFieldName('arguments');
  for (const arg of args?.namedChildren ?? []) {
    if (arg?.type !== 'keyword_argument') continue;
    const name = arg.childForFieldName('name');
    const value = arg.childForFieldName('value');
    if (name && value) out.set(name.text, value);
  }
  return out;
}

/** `PyTorch` for `sagemaker.pytorch.PyTorch(...)`, `deploy` for `model.deploy(...)`. */
export function calleeName(call: Node): string {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text ?? '';
  return '';
}

/** The object a method is called on (`model` in `model.deploy()`), if any. */
export function receiverOf(call: Node): Node | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' ? (fn.childForFieldName('object') ?? undefined) : undefined;
}

/** A module-level name bound to exactly one value, followed through `a = b` chains. */
export function boundValue(node: Node | undefined, vars: ModuleVars, depth = 0): Node | undefined {
  if (node?.type !== 'identifier' || depth > 5) return node;
  const v = vars.get(node.text);
  if (!v || v.values.length !== 1) return undefined;
  return boundValue(v.values[0], vars, depth + 1);
}

/** Literal string content (no f-string interpolation, no implicit concatenation). */
export function pyString(node: Node | undefined): { value: string; start: number; end: number } | undefined {
  if (node?.type !== 'string' || node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  const open = node.namedChildren.find((c) => c?.type === 'string_start');
  const close = node.namedChildren.find((c) => c?.type === 'string_end');
  if (!open || !close) return undefined;
  return { value: node.text.slice(open.endIndex - node.startIndex, close.startIndex - node.startIndex), start: open.endIndex, end: close.startIndex };
}

function pyNumber(node: Node): number | undefined {
  if (node.type === 'integer' || node.type === 'float') {
    const n = Number(node.text.replace(/_/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  if (node.type === 'unary_operator' && node.text.startsWith('-')) {
    const arg = node.childForFieldName('argument');
    const n = arg ? pyNumber(arg) : undefined;
    return n === undefined ? undefined : -n;
  }
  return undefined;
}

/** Converts a Python expression to a DocNode; names resolve through module-level variables. */
export function pyToDoc(node: Node, vars: ModuleVars, depth = 0): DocNode {
  const start = node.startIndex;
  const end = node.endIndex;
  if (node.type === 'string' && node.namedChildren.some((c) => c?.type === 'interpolation')) {
    return { kind: 'ref', text: node.text, start, end, note: 'unresolved: an f-string formatted at run time' };
  }
  const s = pyString(node);
  if (s) return { kind: 'scalar', value: s.value, start, end, valueStart: s.start, valueEnd: s.end };
  const n = pyNumber(node);
  if (n !== undefined) return { kind: 'scalar', value: n, start, end, valueStart: start, valueEnd: end };
  if (node.type === 'true' || node.type === 'false') return { kind: 'scalar', value: node.type === 'true', start, end, valueStart: start, valueEnd: end };
  if (node.type === 'none') return { kind: 'scalar', value: null, start, end, valueStart: start, valueEnd: end };
  if (node.type === 'dictionary' && depth < 20) {
    const entries: DocEntry[] = [];
    for (const pair of node.namedChildren) {
      const key = pyString(pair?.childForFieldName('key') ?? undefined);
      const value = pair?.childForFieldName('value');
      if (!pair || !key || !value) continue;
      entries.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value: pyToDoc(value, vars, depth + 1), start: pair.startIndex, end: pair.endIndex });
    }
    return { kind: 'map', entries, start, end };
  }
  if ((node.type === 'list' || node.type === 'tuple') && depth < 20) {
    return { kind: 'seq', items: node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => pyToDoc(c, vars, depth + 1)), start, end };
  }
  if (node.type === 'identifier') return identifierToDoc(node, vars, depth);
  if (node.type === 'attribute') {
    // Enum members such as aiplatform.gapic.AcceleratorType.NVIDIA_TESLA_T4 name their value.
    const object = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute');
    if (attr && object && /(^|\.)AcceleratorType$/.test(object.text)) {
      return { kind: 'ref', text: node.text, start, end, resolved: { value: attr.text, start: attr.startIndex, end: attr.endIndex, description: `enum member ${attr.text}` } };
    }
    return { kind: 'ref', text: node.text, start, end, note: `unresolved: ${node.text} is not a module-level literal` };
  }
  if (node.type === 'call') return { kind: 'ref', text: node.text, start, end, note: 'unresolved: computed by a call at run time' };
  return { kind: 'ref', text: node.text, start, end, note: 'unresolved: an expression evaluated at run time' };
}

function identifierToDoc(node: Node, vars: ModuleVars, depth: number): DocNode {
  const name = node.text;
  const start = node.startIndex;
  const end = node.endIndex;
  const v = vars.get(name);
  if (!v) return { kind: 'ref', text: name, start, end, note: `unresolved: ${name} is not assigned at module level in this file` };
  if (v.values.length !== 1) return { kind: 'ref', text: name, start, end, note: `unresolved: ${name} is assigned more than once` };
  const value = v.values[0];
  const doc = depth < 10 ? pyToDoc(value, vars, depth + 1) : undefined;
  if (!doc) return { kind: 'ref', text: name, start, end, note: `unresolved: ${name} is defined too indirectly` };
  // Structures are located where they are written; a scalar is reported where it is used.
  if (doc.kind === 'map' || doc.kind === 'seq') return doc;
  if (doc.kind === 'ref') return { ...doc, text: name, start, end };
  if (doc.value === null || typeof doc.value === 'boolean') return { kind: 'ref', text: name, start, end, note: `unresolved: ${name} is ${String(doc.value)}` };
  return { kind: 'ref', text: name, start, end, resolved: { value: doc.value, start: doc.valueStart, end: doc.valueEnd, description: `the value assigned to ${name}` } };
}
