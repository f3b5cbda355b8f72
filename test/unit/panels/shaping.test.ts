import * as assert from 'node:assert/strict';
import { alignSeries, breaches, combine, compact, gridFor, lastFilledSlot, percentile, seriesStats, slide } from '../../../src/core/metrics/shaping';

const MIN = 60_000;

describe('core/metrics/shaping', () => {
  it('aligns series onto one grid, gaps as null, last duplicate wins, outsiders dropped', () => {
    const aligned = gridFor({ start: 10 * MIN + 5000, end: 15 * MIN }, MIN);
    assert.deepEqual(aligned.grid, { start: 10 * MIN, stepMs: MIN });
    assert.equal(aligned.length, 5);
    const values = alignSeries({ timestamps: [9 * MIN, 10 * MIN, 12 * MIN, 12 * MIN, 14 * MIN, 15 * MIN], values: [1, 2, 3, 4, NaN, 6] }, aligned);
    assert.deepEqual(values, [2, null, 4, null, null]);
  });

  it('aligns two series sampled at different instants to the same slots', () => {
    const aligned = gridFor({ start: 0, end: 3 * MIN }, MIN);
    const a = alignSeries({ timestamps: [0, MIN, 2 * MIN], values: [1, 2, 3] }, aligned);
    const b = alignSeries({ timestamps: [MIN + 30_000], values: [9] }, aligned);
    assert.deepEqual(combine([a, b], 'sum'), [1, 11, 3]);
    assert.deepEqual(combine([a, b], 'max'), [1, 9, 3]);
  });

  it('computes percentiles by linear interpolation between ranks', () => {
    const sorted = Array.from({ length: 101 }, (_, i) => i);
    assert.equal(percentile(sorted, 95), 95);
    assert.equal(percentile([10, 20], 50), 15);
    assert.equal(percentile([7], 99), 7);
    assert.equal(percentile([], 50), undefined);
  });

  it('summarises a series: current is the last value present, share over threshold counts slots', () => {
    const stats = seriesStats('p99', 'p99', [100, null, 900, 1200, 1500, null], 1000);
    assert.equal(stats.points, 4);
    assert.equal(stats.current, 1500);
    assert.equal(stats.min, 100);
    assert.equal(stats.max, 1500);
    assert.equal(stats.overShare, 0.5);
    assert.equal(stats.mean, 925);
    assert.deepEqual(seriesStats('x', 'x', [null]), { id: 'x', label: 'x', points: 0 });
  });

  it('shades the slots above the threshold as merged intervals', () => {
    const grid = { start: 0, stepMs: MIN };
    assert.deepEqual(breaches(grid, [[1, 5, 6, 1, 7]], 4), [
      [MIN, 3 * MIN],
      [4 * MIN, 5 * MIN],
    ]);
    assert.deepEqual(breaches(grid, [[1, 5]], undefined), []);
  });

  it('gives decimation sorted, finite input: compacted values keep gaps as null', () => {
    const out = compact([1.234567891, null, 123456.789]);
    assert.deepEqual(out, [1.2346, null, 123460]);
  });

  it('finds the newest filled slot across series', () => {
    assert.equal(lastFilledSlot([[1, null, null], [null, 2, null]]), 1);
    assert.equal(lastFilledSlot([[null]]), undefined);
  });

  it('slides a live window forward without growing', () => {
    const grid = { start: 0, stepMs: MIN };
    // Window of 4 slots moves by 2; the newest held slot (index 3) is fetched again with a new value.
    const next = slide([1, 2, 3, 4], grid, 2 * MIN, 4, [40, 5, 6], 3 * MIN);
    assert.deepEqual(next, [3, 40, 5, 6]);
    let values: Array<number | null> = [1, 2, 3, 4];
    let start = 0;
    for (let i = 0; i < 100; i++) {
      values = slide(values, { start, stepMs: MIN }, start + MIN, 4, [i], start + 4 * MIN);
      start += MIN;
    }
    assert.equal(values.length, 4);
    assert.deepEqual(values, [96, 97, 98, 99]);
  });
});
