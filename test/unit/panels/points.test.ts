import * as assert from 'node:assert/strict';
import { holdLast, spliceWindow, toPoints, type Point } from '../../../src/core/metrics/points';
import type { ChartData } from '../../../src/protocol/metricsMessages';

const MIN = 60_000;

function chart(values: Array<number | null>, start = 0): ChartData {
  return { id: 'c', grid: { start, stepMs: MIN }, series: [{ id: 's', values }], breaches: [], stats: [] };
}

describe('core/metrics/points (what Chart.js decimation is given)', () => {
  it('turns aligned values into x-sorted, unique points with gaps kept as null', () => {
    const points = toPoints(chart([1, null, 3], 5 * MIN), 0);
    assert.deepEqual(points, [
      { x: 5 * MIN, y: 1 },
      { x: 6 * MIN, y: null },
      { x: 7 * MIN, y: 3 },
    ]);
    assert.ok(points.every((p, i) => i === 0 || p.x > points[i - 1].x), 'strictly ascending x, as decimation requires');
    assert.deepEqual(toPoints(chart([1]), 3), [], 'a series the data does not have is empty');
  });

  it('slides a live window in place: drops old points, replaces the refetched tail, appends', () => {
    const points: Point[] = toPoints(chart([1, 2, 3, 4]), 0);
    const same = points;
    spliceWindow(points, 1 * MIN, 3 * MIN, toPoints(chart([40, 5], 3 * MIN), 0));
    assert.equal(points, same, 'the same array: the chart keeps its dataset');
    assert.deepEqual(points.map((p) => p.y), [2, 3, 40, 5]);
    for (let i = 0; i < 500; i++) spliceWindow(points, (2 + i) * MIN, (5 + i) * MIN, [{ x: (5 + i) * MIN, y: i }]);
    assert.equal(points.length, 4, 'no growth over hundreds of refreshes');
  });

  it('carries a daily level to the end of the window so steps reach now', () => {
    const held = holdLast(toPoints(chart([10, 20, null]), 0), 10 * MIN);
    assert.deepEqual(held.at(-1), { x: 10 * MIN, y: 20 });
    assert.deepEqual(holdLast([], 5), []);
  });
});
