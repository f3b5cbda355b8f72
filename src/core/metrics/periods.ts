// Time ranges and the period each is fetched at. The period is the smallest one the provider
// still has data for (retention) that keeps every series within the points a chart can show and
// a call can return; the live view then asks only for the slots after the last one it holds.
import type { ProviderId, ResourceKind, TimeRange } from '../model';

export const RANGE_PRESETS = ['1h', '3h', '12h', '1d', '3d', '7d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** A preset follows the clock (live); a custom range is fixed, in epoch ms. */
export type RangeSpec = { preset: RangePreset } | { start: number; end: number };

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const PRESET_MS: Record<RangePreset, number> = {
  '1h': HOUR,
  '3h': 3 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '3d': 3 * DAY,
  '7d': 7 * DAY,
};

export interface PeriodLimits {
  /** Periods the provider accepts, seconds, ascending. */
  periods: number[];
  /** Per series: a week of minutes, the most a chart shows before decimating. */
  maxPointsPerSeries: number;
  /** Data older than `ageMs` exists only at `minPeriod` or coarser. */
  retention: Array<{ ageMs: number; minPeriod: number }>;
}

const COMMON_PERIODS = [60, 120, 300, 600, 900, 1800, 3600, 10800, 21600, 43200, 86400];

/**
 * CloudWatch keeps 1-minute data 15 days, 5-minute data 63 days, hourly data 455 days; GetMetricData
 * pages past 100,800 datapoints per call, so the per-series cap, not the per-call one, bounds a panel.
 * Cloud Monitoring keeps 6 weeks at the sampled resolution; Azure Monitor 93 days at PT1M.
 */
export const PROVIDER_LIMITS: Record<ProviderId, PeriodLimits> = {
  aws: {
    periods: COMMON_PERIODS,
    maxPointsPerSeries: 10_080,
    retention: [
      { ageMs: 63 * DAY, minPeriod: 3600 },
      { ageMs: 15 * DAY, minPeriod: 300 },
    ],
  },
  gcp: { periods: COMMON_PERIODS, maxPointsPerSeries: 10_080, retention: [{ ageMs: 42 * DAY, minPeriod: 86400 }] },
  azure: { periods: [60, 300, 900, 1800, 3600, 21600, 43200, 86400], maxPointsPerSeries: 10_080, retention: [{ ageMs: 93 * DAY, minPeriod: 86400 }] },
};

/** Datasets publish daily values; shorter ranges would show at most one point. */
export function presetsFor(kind: ResourceKind): RangePreset[] {
  return kind === 'dataset' ? ['3d', '7d'] : ['1h', '3h', '12h', '1d', '3d', '7d'];
}

export function defaultPresetFor(kind: ResourceKind, preferred: RangePreset): RangePreset {
  const allowed = presetsFor(kind);
  return allowed.includes(preferred) ? preferred : allowed[allowed.length - 1];
}

/** A preset ends now; a custom range is what it says. */
export function resolveRange(spec: RangeSpec, now: number): TimeRange {
  if ('preset' in spec) return { start: now - PRESET_MS[spec.preset], end: now };
  return { start: spec.start, end: spec.end };
}

export function isLive(spec: RangeSpec): boolean {
  return 'preset' in spec;
}

/**
 * The smallest accepted period at or above `resolution` (the metric's own, e.g. 86400 for daily
 * storage) that the provider still retains for the range's start and that keeps each series at
 * or under the point cap.
 */
export function choosePeriod(range: TimeRange, now: number, limits: PeriodLimits, resolution = 60): number {
  const age = now - range.start;
  const retained = limits.retention.filter((r) => age > r.ageMs).reduce((p, r) => Math.max(p, r.minPeriod), 0);
  const span = Math.max(1, range.end - range.start);
  const forPoints = Math.ceil(span / 1000 / limits.maxPointsPerSeries);
  const needed = Math.max(resolution, retained, forPoints);
  return limits.periods.find((p) => p >= needed) ?? limits.periods[limits.periods.length - 1];
}

/** The aligned slot a timestamp falls in. */
export function slotStart(ms: number, stepMs: number): number {
  return Math.floor(ms / stepMs) * stepMs;
}

/**
 * Live refresh: from the last slot already held (it may have been incomplete) to now. Nothing
 * before it is asked for again.
 */
export function incrementalRange(lastSlot: number | undefined, window: TimeRange, stepMs: number): TimeRange {
  const from = lastSlot === undefined ? window.start : Math.max(window.start, lastSlot);
  return { start: slotStart(from, stepMs), end: Math.max(window.end, slotStart(from, stepMs) + stepMs) };
}

/**
 * A training job is best seen over its own run: a running job from its start (the smallest preset
 * that covers it, so it stays live), a finished one over its run with a little margin.
 */
export function rangeForRun(start: number, end: number | undefined, now: number): RangeSpec {
  if (end === undefined) {
    const elapsed = (now - start) * 1.05;
    return { preset: RANGE_PRESETS.find((p) => PRESET_MS[p] >= elapsed) ?? '7d' };
  }
  const margin = Math.max(5 * MINUTE, (end - start) * 0.05);
  return { start: start - margin, end: end + margin };
}
