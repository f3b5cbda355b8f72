// Cloud Monitoring aggregation over sandbox series: per-series alignment into windows that end at
// the interval's end time and reach back one alignment period each (ALIGN_DELTA, RATE, MEAN, MIN,
// MAX, SUM, COUNT, STDDEV, NEXT_OLDER, PERCENTILE_99/95/50/05), then cross-series reduction by the
// groupByFields (REDUCE_SUM, MEAN, MIN, MAX, COUNT, STDDEV, PERCENTILE_xx), with the value types
// and metric kinds the real service answers with.
import { addCounts, distributionPercentile, exponentialBounds } from '../../core/metrics/distribution';
import type { GcpSeries, Sample } from './series';

export class AggregationError extends Error {}

export type Aligner = 'ALIGN_NONE' | 'ALIGN_DELTA' | 'ALIGN_RATE' | 'ALIGN_INTERPOLATE' | 'ALIGN_NEXT_OLDER' | 'ALIGN_MIN' | 'ALIGN_MAX' | 'ALIGN_MEAN' | 'ALIGN_COUNT' | 'ALIGN_SUM' | 'ALIGN_STDDEV' | 'ALIGN_COUNT_TRUE' | 'ALIGN_COUNT_FALSE' | 'ALIGN_FRACTION_TRUE' | 'ALIGN_PERCENTILE_99' | 'ALIGN_PERCENTILE_95' | 'ALIGN_PERCENTILE_50' | 'ALIGN_PERCENTILE_05' | 'ALIGN_PERCENT_CHANGE';
export type Reducer = 'REDUCE_NONE' | 'REDUCE_MEAN' | 'REDUCE_MIN' | 'REDUCE_MAX' | 'REDUCE_SUM' | 'REDUCE_STDDEV' | 'REDUCE_COUNT' | 'REDUCE_COUNT_TRUE' | 'REDUCE_COUNT_FALSE' | 'REDUCE_FRACTION_TRUE' | 'REDUCE_PERCENTILE_99' | 'REDUCE_PERCENTILE_95' | 'REDUCE_PERCENTILE_50' | 'REDUCE_PERCENTILE_05';

/** The proto enum numbers (google.monitoring.v3.Aggregation), which clients send with enum-encoding=int. */
export const ALIGNERS: Record<Aligner, number> = { ALIGN_NONE: 0, ALIGN_DELTA: 1, ALIGN_RATE: 2, ALIGN_INTERPOLATE: 3, ALIGN_NEXT_OLDER: 4, ALIGN_MIN: 10, ALIGN_MAX: 11, ALIGN_MEAN: 12, ALIGN_COUNT: 13, ALIGN_SUM: 14, ALIGN_STDDEV: 15, ALIGN_COUNT_TRUE: 16, ALIGN_COUNT_FALSE: 24, ALIGN_FRACTION_TRUE: 17, ALIGN_PERCENTILE_99: 18, ALIGN_PERCENTILE_95: 19, ALIGN_PERCENTILE_50: 20, ALIGN_PERCENTILE_05: 21, ALIGN_PERCENT_CHANGE: 23 };
export const REDUCERS: Record<Reducer, number> = { REDUCE_NONE: 0, REDUCE_MEAN: 1, REDUCE_MIN: 2, REDUCE_MAX: 3, REDUCE_SUM: 4, REDUCE_STDDEV: 5, REDUCE_COUNT: 6, REDUCE_COUNT_TRUE: 7, REDUCE_COUNT_FALSE: 15, REDUCE_FRACTION_TRUE: 8, REDUCE_PERCENTILE_99: 9, REDUCE_PERCENTILE_95: 10, REDUCE_PERCENTILE_50: 11, REDUCE_PERCENTILE_05: 12 };

export interface OutPoint {
  start: number;
  end: number;
  value: Sample;
}

/** A series after aggregation: its identity, kinds and points (newest first). */
export interface OutSeries {
  metricType: string;
  metricLabels: Record<string, string>;
  resourceType: string;
  resourceLabels: Record<string, string>;
  metricKind: 'GAUGE' | 'DELTA';
  valueType: 'DOUBLE' | 'INT64' | 'DISTRIBUTION';
  unit: string;
  points: OutPoint[];
}

export interface AlignRequest {
  start: number;
  end: number;
  now: number;
  periodMs: number;
  aligner: Aligner;
}

const PERCENTILES: Partial<Record<Aligner | Reducer, number>> = {
  ALIGN_PERCENTILE_99: 0.99, ALIGN_PERCENTILE_95: 0.95, ALIGN_PERCENTILE_50: 0.5, ALIGN_PERCENTILE_05: 0.05,
  REDUCE_PERCENTILE_99: 0.99, REDUCE_PERCENTILE_95: 0.95, REDUCE_PERCENTILE_50: 0.5, REDUCE_PERCENTILE_05: 0.05,
};

function kindName(s: GcpSeries): string {
  return `kind ${s.metricKind} and value type ${s.valueType}`;
}

/** Checks an aligner against a series' kinds; the real service refuses the same combinations. */
export function checkAligner(aligner: Aligner, s: GcpSeries): void {
  const numeric = s.valueType !== 'DISTRIBUTION';
  const ok =
    aligner === 'ALIGN_NONE' ||
    ((aligner === 'ALIGN_DELTA' || aligner === 'ALIGN_RATE') && s.metricKind !== 'GAUGE' && (numeric || aligner === 'ALIGN_DELTA')) ||
    (['ALIGN_MIN', 'ALIGN_MAX', 'ALIGN_STDDEV', 'ALIGN_INTERPOLATE'].includes(aligner) && numeric) ||
    (['ALIGN_MEAN', 'ALIGN_SUM', 'ALIGN_COUNT', 'ALIGN_NEXT_OLDER'].includes(aligner)) ||
    (aligner in PERCENTILES && !numeric);
  if (!ok) throw new AggregationError(`The aligner ${aligner} cannot be applied to metrics with ${kindName(s)}.`);
}

/** Merges distribution samples (sum of counts, pooled mean and squared deviation). */
export function mergeDistributions(samples: Extract<Sample, { kind: 'distribution' }>[]): Extract<Sample, { kind: 'distribution' }> {
  const count = samples.reduce((n, s) => n + s.count, 0);
  const mean = count ? samples.reduce((a, s) => a + s.mean * s.count, 0) / count : 0;
  const ssd = samples.reduce((a, s) => a + s.ssd + s.count * (s.mean - mean) ** 2, 0);
  const counts = samples.reduce<number[]>((acc, s) => addCounts(acc, s.counts), []);
  return { kind: 'distribution', count, mean, ssd, counts };
}

const num = (s: Sample) => (s.kind === 'distribution' ? s.mean : s.value);

function stats(values: number[]): { sum: number; mean: number; min: number; max: number; stddev: number } {
  const sum = values.reduce((a, b) => a + b, 0);
  const mean = sum / values.length;
  const stddev = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return { sum, mean, min: Math.min(...values), max: Math.max(...values), stddev };
}

function percentileOf(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** One window's samples folded by the aligner into a value. */
function alignWindow(aligner: Aligner, s: GcpSeries, samples: Sample[], periodMs: number): Sample {
  if (s.valueType === 'DISTRIBUTION') {
    const merged = mergeDistributions(samples as Extract<Sample, { kind: 'distribution' }>[]);
    if (aligner === 'ALIGN_DELTA' || aligner === 'ALIGN_SUM') return merged;
    if (aligner === 'ALIGN_MEAN') return { kind: 'double', value: merged.mean };
    if (aligner === 'ALIGN_COUNT') return { kind: 'int64', value: samples.length };
    if (aligner === 'ALIGN_NEXT_OLDER') return samples[samples.length - 1];
    const p = PERCENTILES[aligner]!;
    return { kind: 'double', value: distributionPercentile(exponentialBounds(s.buckets!), merged.counts, p) ?? 0 };
  }
  const values = samples.map(num);
  const st = stats(values);
  const keep = (v: number): Sample => (s.valueType === 'INT64' ? { kind: 'int64', value: Math.round(v) } : { kind: 'double', value: v });
  switch (aligner) {
    case 'ALIGN_DELTA':
    case 'ALIGN_SUM':
      return keep(st.sum);
    case 'ALIGN_RATE':
      return { kind: 'double', value: st.sum / (periodMs / 1000) };
    case 'ALIGN_MEAN':
      return { kind: 'double', value: st.mean };
    case 'ALIGN_MIN':
      return keep(st.min);
    case 'ALIGN_MAX':
      return keep(st.max);
    case 'ALIGN_COUNT':
      return { kind: 'int64', value: values.length };
    case 'ALIGN_STDDEV':
      return { kind: 'double', value: st.stddev };
    default:
      // NEXT_OLDER and INTERPOLATE: the latest sample of the window.
      return samples[samples.length - 1];
  }
}

/** Output kinds of an aligned series, as the service reports them. */
function alignedKinds(aligner: Aligner, s: GcpSeries): Pick<OutSeries, 'metricKind' | 'valueType'> {
  if (aligner === 'ALIGN_NONE') return { metricKind: s.metricKind, valueType: s.valueType };
  if (aligner === 'ALIGN_DELTA' || aligner === 'ALIGN_SUM') return { metricKind: s.metricKind, valueType: s.valueType };
  if (aligner === 'ALIGN_COUNT') return { metricKind: 'GAUGE', valueType: 'INT64' };
  if (aligner === 'ALIGN_MIN' || aligner === 'ALIGN_MAX' || aligner === 'ALIGN_NEXT_OLDER' || aligner === 'ALIGN_INTERPOLATE') return { metricKind: 'GAUGE', valueType: s.valueType };
  return { metricKind: 'GAUGE', valueType: 'DOUBLE' };
}

/** Aligns one series over the request's interval; windows end at `end`, `end - period`, ... */
export function alignSeries(s: GcpSeries, req: AlignRequest): OutSeries {
  const last = Math.min(req.end, req.now, s.until - 1);
  const first = Math.max(req.start, s.from - s.resolutionMs);
  const samples: Array<[number, Sample]> = [];
  // Sample end times on the series' grid inside (start, end].
  for (let t = Math.floor(last / s.resolutionMs) * s.resolutionMs; t > first; t -= s.resolutionMs) {
    if (t < s.from) break;
    const value = s.sample(t);
    if (value) samples.push([t, value]);
  }
  const kinds = alignedKinds(req.aligner, s);
  const base = { metricType: s.metricType, metricLabels: s.metricLabels, resourceType: s.resourceType, resourceLabels: s.resourceLabels, unit: s.unit, ...kinds };
  if (req.aligner === 'ALIGN_NONE') {
    const delta = s.metricKind === 'DELTA';
    return { ...base, points: samples.map(([t, value]) => ({ start: delta ? t - s.resolutionMs : t, end: t, value })) };
  }
  const windows = new Map<number, Sample[]>();
  for (const [t, value] of samples) {
    // Window (W - period, W]: a sample stamped exactly at W belongs to the window ending there.
    const key = req.end - Math.floor((req.end - t) / req.periodMs) * req.periodMs;
    const list = windows.get(key);
    if (list) list.push(value);
    else windows.set(key, [value]);
  }
  const points = [...windows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([end, values]) => ({ start: kinds.metricKind === 'DELTA' ? end - req.periodMs : end, end, value: alignWindow(req.aligner, s, values.reverse(), req.periodMs) }));
  return { ...base, points };
}

/** `resource.label.endpoint_id`, `resource.labels.x`, `metric.label.x`: where a group-by field reads. */
function field(s: OutSeries, name: string): [string, string, string | undefined] | undefined {
  const m = /^(metric|resource)\.labels?\.(.+)$/.exec(name);
  if (!m) return undefined;
  return [m[1], m[2], (m[1] === 'metric' ? s.metricLabels : s.resourceLabels)[m[2]]];
}

export function checkGroupBy(fields: readonly string[]): void {
  for (const f of fields) {
    if (!/^(metric|resource)\.labels?\.[A-Za-z_][\w]*$/.test(f) && f !== 'resource.type') {
      throw new AggregationError(`The group-by field ${f} is not a label of the metric or the monitored resource.`);
    }
  }
}

/** Cross-series reduction: one output series per distinct combination of the group-by fields. */
export function reduceSeries(series: OutSeries[], reducer: Reducer, groupBy: readonly string[]): OutSeries[] {
  const groups = new Map<string, OutSeries[]>();
  for (const s of series) {
    const key = JSON.stringify(groupBy.map((f) => (f === 'resource.type' ? s.resourceType : field(s, f)?.[2])));
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.values()].map((members) => {
    const first = members[0];
    const metricLabels: Record<string, string> = {};
    const resourceLabels: Record<string, string> = {};
    for (const f of groupBy) {
      const read = field(first, f);
      if (read?.[2] !== undefined) (read[0] === 'metric' ? metricLabels : resourceLabels)[read[1]] = read[2];
    }
    const byEnd = new Map<number, OutPoint[]>();
    for (const s of members) {
      for (const p of s.points) {
        const list = byEnd.get(p.end);
        if (list) list.push(p);
        else byEnd.set(p.end, [p]);
      }
    }
    const distribution = first.valueType === 'DISTRIBUTION';
    if (distribution && reducer !== 'REDUCE_SUM' && reducer !== 'REDUCE_COUNT') {
      throw new AggregationError(`The reducer ${reducer} cannot be applied to distribution values; use REDUCE_SUM or an aligner that yields numbers.`);
    }
    const valueType: OutSeries['valueType'] = reducer === 'REDUCE_COUNT' ? 'INT64' : reducer === 'REDUCE_SUM' || reducer === 'REDUCE_MIN' || reducer === 'REDUCE_MAX' ? first.valueType : 'DOUBLE';
    const points = [...byEnd.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([end, ps]): OutPoint => {
        const samples = ps.map((p) => p.value);
        let value: Sample;
        if (reducer === 'REDUCE_COUNT') value = { kind: 'int64', value: samples.length };
        else if (distribution) value = mergeDistributions(samples as Extract<Sample, { kind: 'distribution' }>[]);
        else {
          const st = stats(samples.map(num));
          const p = PERCENTILES[reducer];
          const v = p !== undefined ? percentileOf(samples.map(num), p) : reducer === 'REDUCE_SUM' ? st.sum : reducer === 'REDUCE_MIN' ? st.min : reducer === 'REDUCE_MAX' ? st.max : reducer === 'REDUCE_STDDEV' ? st.stddev : st.mean;
          value = valueType === 'INT64' ? { kind: 'int64', value: Math.round(v) } : { kind: 'double', value: v };
        }
        return { start: ps[0].start, end, value };
      });
    return { ...first, metricLabels, resourceLabels, valueType, points };
  });
}
