import * as assert from 'node:assert/strict';
import { choosePeriod, DAY, HOUR, incrementalRange, MINUTE, PRESET_MS, presetsFor, PROVIDER_LIMITS, resolveRange } from '../../../src/core/metrics/periods';

const aws = PROVIDER_LIMITS.aws;
const now = Date.UTC(2026, 11, 1, 12, 0, 0);

describe('core/metrics/periods', () => {
  it('keeps one-minute resolution up to a week (10,080 points per series)', () => {
    for (const preset of ['1h', '3h', '12h', '1d', '3d', '7d'] as const) {
      const range = resolveRange({ preset }, now);
      assert.equal(range.end - range.start, PRESET_MS[preset]);
      assert.equal(choosePeriod(range, now, aws), 60, preset);
    }
  });

  it('coarsens longer custom ranges to stay under the per-series cap', () => {
    const period = choosePeriod({ start: now - 14 * DAY, end: now }, now, aws);
    assert.equal(period, 120);
    assert.ok((14 * DAY) / 1000 / period <= aws.maxPointsPerSeries);
  });

  it('respects retention: data older than 15 days exists only at 5 minutes, older than 63 days hourly', () => {
    assert.equal(choosePeriod({ start: now - 20 * DAY, end: now - 19 * DAY }, now, aws), 300);
    assert.equal(choosePeriod({ start: now - 70 * DAY, end: now - 69 * DAY }, now, aws), 3600);
  });

  it('never goes below the metric resolution (daily storage)', () => {
    assert.equal(choosePeriod({ start: now - 3 * DAY, end: now }, now, aws, 86400), 86400);
  });

  it('offers datasets only ranges that hold several daily points', () => {
    assert.deepEqual(presetsFor('dataset'), ['3d', '7d']);
    assert.equal(presetsFor('endpoint').length, 6);
  });

  it('asks a live refresh only for the slots from the newest one held', () => {
    const window = { start: now - HOUR, end: now + 30_000 };
    const lastSlot = now - 2 * MINUTE;
    assert.deepEqual(incrementalRange(lastSlot, window, MINUTE), { start: now - 2 * MINUTE, end: now + 30_000 });
    assert.deepEqual(incrementalRange(undefined, window, MINUTE), { start: now - HOUR, end: now + 30_000 });
  });
});
