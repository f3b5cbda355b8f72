// Metric math on its own: operators, alignment, dropped points and functions.
import * as assert from 'node:assert/strict';
import type { Points } from '../../../src/sandbox/aws/datapoints';
import { evaluateExpression, MathError, type MathContext } from '../../../src/sandbox/aws/metricMath';

const series: Record<string, Points> = {
  a: { timestamps: [1, 2, 3, 4], values: [10, 20, 30, 40] },
  b: { timestamps: [2, 3, 4, 5], values: [2, 0, 4, 5] },
};
const ctx: MathContext = {
  resolve: (id) => {
    if (!(id in series)) throw new MathError(`Unrecognized identifier ${id}`);
    return series[id];
  },
  metrics: () => Object.values(series),
  grid: () => [1, 2, 3, 4, 5],
};
const run = (expression: string) => evaluateExpression(expression, ctx);

describe('sandbox/metric math', function () {
  it('combines series on shared timestamps and drops division by zero', () => {
    assert.deepEqual(run('a / b'), { timestamps: [2, 4], values: [10, 10] });
    assert.deepEqual(run('(a + b) * 2 - 1'), { timestamps: [2, 3, 4], values: [43, 59, 87] });
  });

  it('applies scalars to every point and turns a constant into a line', () => {
    assert.deepEqual(run('100 * a / 10'), { timestamps: [1, 2, 3, 4], values: [100, 200, 300, 400] });
    assert.deepEqual(run('2 + 3'), { timestamps: [1, 2, 3, 4, 5], values: [5, 5, 5, 5, 5] });
    assert.deepEqual(run('-a'), { timestamps: [1, 2, 3, 4], values: [-10, -20, -30, -40] });
  });

  it('knows FILL, IF, ABS and the aggregates', () => {
    assert.deepEqual(run('FILL(b, 0)').values, [0, 2, 0, 4, 5]);
    assert.deepEqual(run('FILL(a, REPEAT)').values, [10, 20, 30, 40, 40]);
    assert.deepEqual(run('IF(a > 15, 1, 0)').values, [0, 1, 1, 1]);
    assert.deepEqual(run('IF(b, a)'), { timestamps: [2, 4], values: [20, 40] });
    assert.deepEqual(run('ABS(b - 3)').values, [1, 3, 1, 2]);
    assert.deepEqual(run('SUM([a, b])'), { timestamps: [1, 2, 3, 4, 5], values: [10, 22, 30, 44, 5] });
    assert.deepEqual(run('MAX(METRICS())').values, [10, 20, 30, 40, 5]);
    assert.equal(run('AVG(a) + 0').values[0], 25, 'AVG of one series is a number');
  });

  it('explains what it cannot evaluate', () => {
    assert.throws(() => run('a +'), /Syntax error/);
    assert.throws(() => run('m9 * 2'), /Unrecognized identifier m9/);
    assert.throws(() => run('SEARCH("{AWS/EC2}", "Average")'), /Unsupported function SEARCH/);
    assert.throws(() => run('METRICS()'), /several time series/);
    assert.throws(() => run('a[0]'), /Unsupported syntax/);
  });
});
