// CloudWatch metric math over the results of other queries in the same request: + - * / and
// comparisons, parentheses, numbers, query ids, and the functions ABS, FILL, IF, SUM, AVG, MIN,
// MAX and METRICS. Series combine on matching timestamps; points whose result is not a finite
// number (division by zero) are dropped, as CloudWatch does.
import jsep from 'jsep';
import type { Points } from './datapoints';

export type MathValue = number | Points | Points[];

export interface MathContext {
  /** The value of another query by id; throws MathError if there is none. */
  resolve(id: string): MathValue;
  /** Results of the request's MetricStat queries whose label contains `filter`. */
  metrics(filter?: string): Points[];
  /** The period grid of this expression, for FILL and for constant expressions. */
  grid(): number[];
}

export class MathError extends Error {}

export function evaluateExpression(expression: string, ctx: MathContext): Points {
  let ast: jsep.Expression;
  try {
    ast = jsep(expression);
  } catch (e) {
    throw new MathError(`Syntax error: ${(e as Error).message}`);
  }
  const value = evaluate(ast, ctx);
  if (typeof value === 'number') {
    const grid = Number.isFinite(value) ? ctx.grid() : [];
    return { timestamps: grid, values: grid.map(() => value) };
  }
  if (Array.isArray(value)) throw new MathError('The expression returns several time series; wrap it in SUM, AVG, MIN or MAX');
  return value;
}

const binary: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '>': (a, b) => Number(a > b),
  '<': (a, b) => Number(a < b),
  '>=': (a, b) => Number(a >= b),
  '<=': (a, b) => Number(a <= b),
  '==': (a, b) => Number(a === b),
  '!=': (a, b) => Number(a !== b),
  '&&': (a, b) => Number(a !== 0 && b !== 0),
  '||': (a, b) => Number(a !== 0 || b !== 0),
};

function evaluate(node: jsep.Expression, ctx: MathContext): MathValue {
  switch (node.type) {
    case 'Literal': {
      const value = (node as jsep.Literal).value;
      if (typeof value !== 'number') throw new MathError(`Unexpected literal ${JSON.stringify(value)}`);
      return value;
    }
    case 'Identifier':
      return ctx.resolve((node as jsep.Identifier).name);
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression;
      const operand = single(evaluate(unary.argument, ctx));
      if (unary.operator === '-') return map(operand, (v) => -v);
      if (unary.operator === '+') return operand;
      if (unary.operator === '!') return map(operand, (v) => Number(v === 0));
      throw new MathError(`Unsupported operator ${unary.operator}`);
    }
    case 'BinaryExpression': {
      const bin = node as jsep.BinaryExpression;
      const op = binary[bin.operator];
      if (!op) throw new MathError(`Unsupported operator ${bin.operator}`);
      return combine(single(evaluate(bin.left, ctx)), single(evaluate(bin.right, ctx)), op);
    }
    case 'CallExpression':
      return call(node as jsep.CallExpression, ctx);
    default:
      throw new MathError(`Unsupported syntax (${node.type})`);
  }
}

function single(value: MathValue): number | Points {
  if (Array.isArray(value)) throw new MathError('An array of time series cannot be used here; wrap it in SUM, AVG, MIN or MAX');
  return value;
}

function map(value: number | Points, fn: (v: number) => number): number | Points {
  if (typeof value === 'number') return fn(value);
  return finitePoints(value.timestamps, value.values.map(fn));
}

function finitePoints(timestamps: number[], values: number[]): Points {
  const out: Points = { timestamps: [], values: [] };
  values.forEach((v, i) => {
    if (Number.isFinite(v)) {
      out.timestamps.push(timestamps[i]);
      out.values.push(v);
    }
  });
  return out;
}

function combine(a: number | Points, b: number | Points, op: (x: number, y: number) => number): number | Points {
  if (typeof a === 'number' && typeof b === 'number') return op(a, b);
  if (typeof a === 'number') return map(b, (v) => op(a, v));
  if (typeof b === 'number') return map(a, (v) => op(v, b));
  const right = new Map(b.timestamps.map((t, i) => [t, b.values[i]]));
  const timestamps: number[] = [];
  const values: number[] = [];
  a.timestamps.forEach((t, i) => {
    const other = right.get(t);
    if (other === undefined) return;
    timestamps.push(t);
    values.push(op(a.values[i], other));
  });
  return finitePoints(timestamps, values);
}

const aggregators: Record<string, (values: number[]) => number> = {
  SUM: (vs) => vs.reduce((s, v) => s + v, 0),
  AVG: (vs) => vs.reduce((s, v) => s + v, 0) / vs.length,
  MIN: (vs) => Math.min(...vs),
  MAX: (vs) => Math.max(...vs),
};

function call(node: jsep.CallExpression, ctx: MathContext): MathValue {
  const name = node.callee.type === 'Identifier' ? (node.callee as jsep.Identifier).name : '';
  const args = node.arguments;
  const arg = (i: number) => evaluate(args[i], ctx);
  switch (name) {
    case 'METRICS': {
      const filter = args[0]?.type === 'Literal' ? String((args[0] as jsep.Literal).value) : undefined;
      return ctx.metrics(filter);
    }
    case 'ABS':
      expectArgs(name, args, 1, 1);
      return map(single(arg(0)), Math.abs);
    case 'FILL':
      expectArgs(name, args, 2, 2);
      return fill(single(arg(0)), args[1], ctx);
    case 'IF':
      expectArgs(name, args, 2, 3);
      return ifThen(single(arg(0)), single(arg(1)), args.length > 2 ? single(arg(2)) : undefined);
    case 'SUM':
    case 'AVG':
    case 'MIN':
    case 'MAX': {
      expectArgs(name, args, 1, 1);
      const value = args[0].type === 'ArrayExpression' ? (args[0] as jsep.ArrayExpression).elements.map((e) => single(evaluate(e as jsep.Expression, ctx))) : arg(0);
      return aggregate(value, aggregators[name]);
    }
    default:
      throw new MathError(`Unsupported function ${name || '(expression)'}; the sandbox knows ABS, FILL, IF, SUM, AVG, MIN, MAX and METRICS`);
  }
}

function expectArgs(name: string, args: jsep.Expression[], min: number, max: number): void {
  if (args.length < min || args.length > max) throw new MathError(`${name} takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
}

function fill(series: number | Points, how: jsep.Expression, ctx: MathContext): number | Points {
  if (typeof series === 'number') return series;
  const known = new Map(series.timestamps.map((t, i) => [t, series.values[i]]));
  const repeat = how.type === 'Identifier' && (how as jsep.Identifier).name === 'REPEAT';
  const constant = repeat ? 0 : single(evaluate(how, ctx));
  if (typeof constant !== 'number') throw new MathError('FILL takes a number or REPEAT as its second argument');
  const grid = [...new Set([...ctx.grid(), ...series.timestamps])].sort((x, y) => x - y);
  let last: number | undefined;
  const values = grid.map((t) => {
    const v = known.get(t);
    if (v !== undefined) last = v;
    return v ?? (repeat ? (last ?? NaN) : constant);
  });
  return finitePoints(grid, values);
}

function lookup(value: number | Points | undefined): (t: number) => number {
  if (value === undefined) return () => NaN;
  if (typeof value === 'number') return () => value;
  const byTime = new Map(value.timestamps.map((t, i) => [t, value.values[i]]));
  return (t) => byTime.get(t) ?? NaN;
}

function ifThen(cond: number | Points, then: number | Points, otherwise?: number | Points): number | Points {
  if (typeof cond === 'number') return cond !== 0 ? then : (otherwise ?? NaN);
  const thenAt = lookup(then);
  const otherwiseAt = lookup(otherwise);
  return finitePoints(cond.timestamps, cond.timestamps.map((t, i) => (cond.values[i] !== 0 ? thenAt(t) : otherwiseAt(t))));
}

function aggregate(value: number | Points | Array<number | Points>, fn: (values: number[]) => number): number | Points {
  if (typeof value === 'number') return value;
  if (!Array.isArray(value)) return value.values.length ? fn(value.values) : NaN;
  const byTime = new Map<number, number[]>();
  for (const series of value) {
    if (typeof series === 'number') throw new MathError('Arrays take time series only');
    series.timestamps.forEach((t, i) => byTime.set(t, [...(byTime.get(t) ?? []), series.values[i]]));
  }
  const timestamps = [...byTime.keys()].sort((a, b) => a - b);
  return finitePoints(timestamps, timestamps.map((t) => fn(byTime.get(t)!)));
}
