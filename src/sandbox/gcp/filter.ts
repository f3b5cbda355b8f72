// Cloud Monitoring's filter language, as much of it as time series lists use: selectors
// (metric.type, resource.type, metric.label[s].K, resource.label[s].K), comparisons (= != : < > <= >=),
// the string functions starts_with, ends_with, has_substring, one_of and monitoring.regex.full_match,
// AND (also by juxtaposition), OR, NOT and parentheses.

export class FilterError extends Error {}

type Value = { kind: 'string'; value: string } | { kind: 'call'; name: string; args: string[] };
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; selector: string; op: string; value: Value };

/** What a filter reads about one time series. */
export interface FilterSubject {
  metricType: string;
  resourceType: string;
  metricLabels: Record<string, string>;
  resourceLabels: Record<string, string>;
}

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(<=|>=|!=|=|:|<|>|\(|\)|,)|([A-Za-z_][\w.]*)|(-?\d+(?:\.\d+)?))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new FilterError(`unexpected character at position ${at}: ${JSON.stringify(text.slice(at, at + 10))}`);
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  }
  return tokens;
}

function unquote(token: string): string {
  return JSON.parse(token.replace(/\\'/g, "'")) as string;
}

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const t = tokens[i++];
    if (t === undefined) throw new FilterError(expected ? `expected ${expected} at the end` : 'unexpected end of filter');
    if (expected !== undefined && t !== expected) throw new FilterError(`expected ${expected}, found ${t}`);
    return t;
  };
  const value = (): Value => {
    const t = take();
    if (t.startsWith('"')) return { kind: 'string', value: unquote(t) };
    if (/^-?\d/.test(t)) return { kind: 'string', value: t };
    if (/^[A-Za-z_]/.test(t) && peek() === '(') {
      take('(');
      const args: string[] = [];
      while (peek() !== ')') {
        const a = take();
        if (!a.startsWith('"')) throw new FilterError(`${t}() takes quoted strings, found ${a}`);
        args.push(unquote(a));
        if (peek() === ',') take(',');
      }
      take(')');
      return { kind: 'call', name: t, args };
    }
    throw new FilterError(`expected a quoted string or a function after the operator, found ${t}`);
  };
  const primary = (): FilterNode => {
    const t = peek();
    if (t === '(') {
      take('(');
      const inner = or();
      take(')');
      return inner;
    }
    if (t === 'NOT') {
      take();
      return { kind: 'not', operand: primary() };
    }
    const selector = take();
    if (!/^[A-Za-z_][\w.]*$/.test(selector)) throw new FilterError(`expected a selector such as metric.type, found ${selector}`);
    const op = take();
    if (!['=', '!=', ':', '<', '>', '<=', '>='].includes(op)) throw new FilterError(`expected a comparison after ${selector}, found ${op}`);
    return { kind: 'compare', selector, op, value: value() };
  };
  const and = (): FilterNode => {
    let left = primary();
    while (peek() !== undefined && peek() !== ')' && peek() !== 'OR') {
      if (peek() === 'AND') take();
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): FilterNode => {
    let left = and();
    while (peek() === 'OR') {
      take();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  if (!tokens.length) throw new FilterError('the filter is empty');
  const node = or();
  if (i < tokens.length) throw new FilterError(`unexpected ${tokens[i]}`);
  return node;
}

function read(subject: FilterSubject, selector: string): string | undefined {
  if (selector === 'metric.type') return subject.metricType;
  if (selector === 'resource.type') return subject.resourceType;
  const m = /^(metric|resource)\.labels?\.(.+)$/.exec(selector);
  if (m) return (m[1] === 'metric' ? subject.metricLabels : subject.resourceLabels)[m[2]];
  // Selectors outside a series' own data (project, group.id, metadata) match nothing here.
  return undefined;
}

function matchValue(actual: string, value: Value): boolean {
  if (value.kind === 'string') return actual === value.value;
  const [arg = ''] = value.args;
  switch (value.name) {
    case 'starts_with':
      return actual.startsWith(arg);
    case 'ends_with':
      return actual.endsWith(arg);
    case 'has_substring':
      return actual.includes(arg);
    case 'one_of':
      return value.args.includes(actual);
    case 'monitoring.regex.full_match':
      return new RegExp(`^(?:${arg})$`).test(actual);
    default:
      throw new FilterError(`unknown function ${value.name}()`);
  }
}

export function matches(node: FilterNode, subject: FilterSubject): boolean {
  switch (node.kind) {
    case 'and':
      return matches(node.left, subject) && matches(node.right, subject);
    case 'or':
      return matches(node.left, subject) || matches(node.right, subject);
    case 'not':
      return !matches(node.operand, subject);
    case 'compare': {
      const actual = read(subject, node.selector);
      if (node.op === '!=') return actual === undefined || !matchValue(actual, node.value);
      if (actual === undefined) return false;
      if (node.op === '=') return matchValue(actual, node.value);
      if (node.op === ':') return node.value.kind === 'string' ? actual.includes(node.value.value) : matchValue(actual, node.value);
      const want = node.value.kind === 'string' ? node.value.value : '';
      const [a, b] = [Number(actual), Number(want)];
      const cmp = Number.isFinite(a) && Number.isFinite(b) ? a - b : actual < want ? -1 : actual > want ? 1 : 0;
      return node.op === '<' ? cmp < 0 : node.op === '>' ? cmp > 0 : node.op === '<=' ? cmp <= 0 : cmp >= 0;
    }
  }
}

/** The metric types a filter names with `metric.type = "..."`: a list call needs exactly one. */
export function metricTypes(node: FilterNode): Set<string> {
  const out = new Set<string>();
  const walk = (n: FilterNode) => {
    if (n.kind === 'compare') {
      if (n.selector === 'metric.type' && n.op === '=') {
        if (n.value.kind === 'string') out.add(n.value.value);
        else if (n.value.name === 'one_of') n.value.args.forEach((a) => out.add(a));
        else out.add(`${n.value.name}(${n.value.args.join(',')})`);
      }
    } else if (n.kind === 'not') walk(n.operand);
    else {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(node);
  return out;
}
