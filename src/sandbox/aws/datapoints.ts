// Datapoints of one series for a time range, period and statistic, as CloudWatch computes them:
// buckets of one period counted from StartTime (rounded as CloudWatch rounds it), a datapoint per
// bucket that holds at least one sample, and only minutes that have already ended.
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time';
import type { MetricSeries } from './metricSeries';
import { computeStatistic, type MinuteData, type Statistic } from './statistics';

/** Ascending timestamps (epoch ms) and their values. */
export interface Points {
  timestamps: number[];
  values: number[];
}

export interface Range {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  /** The sandbox clock when the request was served; a minute exists once it has ended. */
  now: number;
}

/** Periods shorter than a minute return the minute data: sandbox series have one-minute resolution. */
export function effectivePeriodMs(periodSeconds: number): number {
  return Math.max(60, periodSeconds) * 1000;
}

/**
 * Where the first bucket starts. CloudWatch rounds StartTime down to the minute when it is less
 * than 15 days old, to 5 minutes up to 63 days, to the hour beyond; buckets follow from there, so
 * a caller that wants period-aligned timestamps sends an aligned StartTime.
 */
export function bucketOrigin(range: Range): number {
  const age = range.now - range.start;
  const unit = age > 63 * DAY_MS ? HOUR_MS : age > 15 * DAY_MS ? 5 * MINUTE_MS : MINUTE_MS;
  return Math.floor(range.start / unit) * unit;
}

/** Each bucket of `period` that has samples, with every minute it holds. */
export function bucketMinutes(series: MetricSeries, range: Range, periodMs: number): Map<number, MinuteData[]> {
  const buckets = new Map<number, MinuteData[]>();
  const res = series.resolutionMs;
  const origin = bucketOrigin(range);
  const lastExclusive = Math.min(range.end, series.until, range.now - MINUTE_MS + 1);
  let t = Math.ceil(Math.max(origin, series.from) / res) * res;
  for (; t < lastExclusive; t += res) {
    const data = series.minute(t);
    if (!data) continue;
    const bucket = origin + Math.floor((t - origin) / periodMs) * periodMs;
    const list = buckets.get(bucket);
    if (list) list.push(data);
    else buckets.set(bucket, [data]);
  }
  return buckets;
}

export function seriesPoints(series: MetricSeries, range: Range, periodMs: number, stat: Statistic): Points {
  const points: Points = { timestamps: [], values: [] };
  for (const [bucket, minutes] of bucketMinutes(series, range, periodMs)) {
    const value = computeStatistic(minutes, stat);
    if (value === undefined || !Number.isFinite(value)) continue;
    points.timestamps.push(bucket);
    points.values.push(value);
  }
  return points;
}

/** No call returns more datapoints per series than this, so FILL never needs a longer grid. */
const MAX_GRID = 100_800;

/** Every period-aligned timestamp of the range that has already begun: what FILL fills. */
export function periodGrid(range: Range, periodMs: number): number[] {
  const grid: number[] = [];
  const end = Math.min(range.end, range.now - MINUTE_MS + 1);
  // A request for years of one-minute data must not turn into a loop of millions.
  const origin = bucketOrigin(range);
  const skip = Math.max(0, Math.ceil((end - origin) / periodMs) - MAX_GRID);
  for (let t = origin + skip * periodMs; t < end; t += periodMs) grid.push(t);
  return grid;
}
