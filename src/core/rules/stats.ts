// Statistics over metric buckets. Every function tolerates empty input and non-finite values
// (returning undefined rather than NaN), because providers return gaps and rules must never throw.
import type { Series } from './types';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

function finite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v));
}

/** Linear interpolation between closest ranks (the common "type 7" definition); p in 0..100. */
export function percentile(values: readonly number[], p: number): number | undefined {
  const sorted = finite(values).sort((a, b) => a - b);
  if (!sorted.length) return undefined;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function mean(values: readonly number[]): number | undefined {
  const v = finite(values);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined;
}

export function max(values: readonly number[]): number | undefined {
  const v = finite(values);
  return v.length ? Math.max(...v) : undefined;
}

export function sum(values: readonly number[]): number {
  return finite(values).reduce((a, b) => a + b, 0);
}

export interface LinearFit {
  /** Change per millisecond. */
  slope: number;
  intercept: number;
  /** Coefficient of determination, 0..1: how steady the rise is. */
  r2: number;
}

/** Least squares over (timestamp, value); x is centred so epoch milliseconds do not lose precision. */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit | undefined {
  const pairs = xs.map((x, i) => [x, ys[i]] as const).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (pairs.length < 3) return undefined;
  const mx = pairs.reduce((a, [x]) => a + x, 0) / pairs.length;
  const my = pairs.reduce((a, [, y]) => a + y, 0) / pairs.length;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
    syy += (y - my) ** 2;
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  // A flat line explains a flat series perfectly, but "steady rise" needs a rise: r2 0 there.
  const r2 = syy === 0 ? 0 : Math.min(1, (sxy * sxy) / (sxx * syy));
  return { slope, intercept: my - slope * mx, r2 };
}

/** The buckets that start at or after `from`. */
export function since(series: Series | undefined, from: number): Series | undefined {
  if (!series) return undefined;
  const i = series.timestamps.findIndex((t) => t >= from);
  if (i < 0) return { ...series, timestamps: [], values: [] };
  return { ...series, timestamps: series.timestamps.slice(i), values: series.values.slice(i) };
}

/** Milliseconds of the window [bucket start, end) that one bucket covers. */
export function bucketSpan(series: Series, index: number, end: number): number {
  const start = series.timestamps[index];
  return Math.max(0, Math.min(start + series.periodMs, end) - start);
}

/**
 * The latest buckets that together cover at least `minMs` of the time before `end`. Buckets align
 * to the period (CloudWatch rounds them), so the last one is usually partial: one bucket of 40 min
 * is enough, one of 5 min takes the previous hour with it.
 */
export function trailing(series: Series | undefined, end: number, minMs: number): { indexes: number[]; spanMs: number } {
  if (!series || !series.timestamps.length) return { indexes: [], spanMs: 0 };
  const indexes: number[] = [];
  let spanMs = 0;
  for (let i = series.timestamps.length - 1; i >= 0 && spanMs < minMs; i--) {
    // A gap before the newest bucket means no recent data: stop rather than reach back in time.
    if (!indexes.length && end - series.timestamps[i] > series.periodMs + minMs) break;
    indexes.unshift(i);
    spanMs = end - series.timestamps[i];
  }
  return { indexes, spanMs: Math.min(spanMs, end - (series.timestamps[indexes[0]] ?? end)) };
}

/** Weighted mean of `values[i]` with `weights[i]`; plain mean when every weight is missing. */
export function weightedMean(values: readonly number[], weights: readonly (number | undefined)[]): number | undefined {
  let total = 0;
  let weight = 0;
  values.forEach((v, i) => {
    const w = weights[i];
    if (!Number.isFinite(v) || w === undefined || !Number.isFinite(w) || w <= 0) return;
    total += v * w;
    weight += w;
  });
  return weight > 0 ? total / weight : mean(values);
}

/** How much of [from, end) the series has data for, from its first bucket on. */
export function coveredMs(series: Series | undefined, from: number, end: number): number {
  if (!series || !series.timestamps.length) return 0;
  return Math.max(0, end - Math.max(from, series.timestamps[0]));
}

/** The value of `series` in the bucket starting at `t`, if there is one. */
export function valueAt(series: Series | undefined, t: number): number | undefined {
  if (!series) return undefined;
  const i = series.timestamps.indexOf(t);
  return i < 0 ? undefined : series.values[i];
}

/** p95 of the buckets in the last `hours` before `end`. */
export function recentP95(series: Series | undefined, end: number, hours: number): number | undefined {
  const recent = since(series, end - hours * HOUR_MS);
  return recent ? percentile(recent.values, 95) : undefined;
}
