// Runs planned metric queries through metrics:getBatch: one call per group and 50 resources, the
// series read back by resource, metric id and dimensions, re-bucketed to the period the caller
// asked for and reduced to neutral units. Calls for the same subscription, region and time range
// that arrive together (a fleet refresh over several workspaces) share their batches.
import type { MetricsClient } from '@azure/monitor-query-metrics';
import type { MetricSeries, ScopeFigures, TimeRange } from '../../core/model';
import { groupKey, MAX_RESOURCES_PER_CALL, SERIES_TOP, type MetricPlan } from './metricPlan';

export type MetricsCall = <T>(operation: string, fn: (abortSignal?: AbortSignal) => Promise<T>) => Promise<T>;
export type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

type Aggregation = MetricPlan['aggregation'];

interface RawSeries {
  dims: Record<string, string>;
  /** Per aggregation asked for: [time, value] of the intervals that have one. */
  points: Partial<Record<Aggregation, Array<[number, number]>>>;
}

/** resource id (lower case) → metric name (lower case) → series. */
type Results = Map<string, Map<string, RawSeries[]>>;

/** A metric's REST name: Azure may localise `name`, the id always ends with the REST name. */
function restName(metric: { id?: string; name?: string }): string {
  const fromId = metric.id?.split('/providers/Microsoft.Insights/metrics/')[1];
  return (fromId ? decodeURIComponent(fromId) : (metric.name ?? '')).toLowerCase();
}

export async function runPlans(client: MetricsClient, call: MetricsCall, limit: Limit, plans: readonly MetricPlan[], range: TimeRange): Promise<Map<MetricPlan, MetricSeries>> {
  const runnable = plans.filter((p) => p.resourceId && p.reduce.kind !== 'unsupported');
  const groups = new Map<string, MetricPlan[]>();
  for (const p of runnable) groups.set(groupKey(p), [...(groups.get(groupKey(p)) ?? []), p]);
  const results: Results = new Map();
  const calls: Array<Promise<void>> = [];
  for (const group of groups.values()) {
    const ids = [...new Map(group.map((p) => [p.resourceId!.toLowerCase(), p.resourceId!])).values()];
    const names = [...new Set(group.map((p) => p.metricName))];
    const runs = [...new Set(group.flatMap((p) => (p.runId === undefined ? [] : [p.runId])))];
    const base = group[0];
    const aggregations = [...new Set(group.map((p) => p.aggregation))];
    const filter = [runs.map((r) => `runId eq '${r.replace(/'/g, "''")}'`).join(' or '), base.filter].filter(Boolean).join(' and ');
    for (let i = 0; i < ids.length; i += MAX_RESOURCES_PER_CALL) {
      const chunk = ids.slice(i, i + MAX_RESOURCES_PER_CALL);
      calls.push(
        limit(() =>
          call('read metrics', (abortSignal) =>
            client.queryResources(chunk, names, base.namespace, {
              startTime: new Date(range.start),
              endTime: new Date(range.end),
              interval: base.interval,
              aggregation: aggregations.join(','),
              filter: filter || undefined,
              top: filter ? SERIES_TOP : undefined,
              // Passed through to the request by the client; not in its declared options.
              ...({ abortSignal } as object),
            }),
          ),
        ).then((answer) => {
          for (const r of answer) {
            const byMetric = results.get((r.resourceId ?? '').toLowerCase()) ?? new Map<string, RawSeries[]>();
            for (const m of r.metrics) {
              byMetric.set(
                restName(m),
                (m.timeseries ?? []).map((ts) => ({
                  dims: Object.fromEntries((ts.metadatavalues ?? []).map((d) => [(d.name ?? '').toLowerCase(), d.value ?? ''])),
                  points: Object.fromEntries(
                    aggregations.map((field) => [field, (ts.data ?? []).flatMap((d) => (typeof d[field] === 'number' && Number.isFinite(d[field]) ? [[d.timeStamp.getTime(), d[field] as number] as [number, number]] : []))]),
                  ),
                })),
              );
            }
            results.set((r.resourceId ?? '').toLowerCase(), byMetric);
          }
        }),
      );
    }
  }
  await Promise.all(calls);
  return new Map(plans.map((p) => [p, toSeries(p, results, range)]));
}

/** Interval points into the caller's periods, counted from its range's start: sums for totals, means for averages. */
function rebucket(points: Array<[number, number]> | undefined, periodMs: number, origin: number, aggregation: Aggregation): Map<number, number> {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const [t, v] of points ?? []) {
    const bucket = origin + Math.floor((t - origin) / periodMs) * periodMs;
    const s = sums.get(bucket) ?? { sum: 0, n: 0 };
    s.sum += v;
    s.n++;
    sums.set(bucket, s);
  }
  return new Map([...sums].map(([t, s]) => [t, aggregation === 'total' ? s.sum : s.sum / s.n]));
}

function toSeries(plan: MetricPlan, results: Results, range: TimeRange): MetricSeries {
  const empty = (message?: string): MetricSeries => ({ queryId: plan.queryId, unit: plan.unit, timestamps: [], values: [], partial: message !== undefined, message });
  if (plan.reduce.kind === 'unsupported') return empty(plan.reduce.message);
  const answered = results.get(plan.resourceId!.toLowerCase())?.get(plan.metricName.toLowerCase());
  if (!answered) return empty('Azure Monitor returned no result for this query.');
  // Runs of one workspace share a call, split by runId: keep this plan's run only.
  const found = plan.runId === undefined ? answered : answered.filter((s) => s.dims.runid === plan.runId);
  const periodMs = plan.periodSeconds * 1000;
  const buckets = (s: RawSeries) => rebucket(s.points[plan.aggregation], periodMs, range.start, plan.aggregation);
  const out = new Map<number, number>();
  const reduce = plan.reduce;
  if (reduce.kind === 'requests') {
    const series = found.filter((s) => !reduce.deployment || s.dims.deployment?.toLowerCase() === reduce.deployment.toLowerCase());
    const totals = new Map<number, { all: number; c4: number; c5: number }>();
    for (const s of series) {
      const cls = s.dims.statuscodeclass ?? '';
      for (const [t, v] of buckets(s)) {
        const x = totals.get(t) ?? { all: 0, c4: 0, c5: 0 };
        x.all += v;
        if (cls === '4xx') x.c4 += v;
        if (cls === '5xx') x.c5 += v;
        totals.set(t, x);
      }
    }
    for (const [t, x] of totals) {
      if (reduce.part === 'rate') out.set(t, x.all / plan.periodSeconds);
      else if (reduce.part === 'count') out.set(t, x.all);
      // A rate of no requests is no datapoint, as CloudWatch's metric math leaves it.
      else if (x.all > 0) out.set(t, (100 * (reduce.part === '4xx' ? x.c4 : reduce.part === '5xx' ? x.c5 : x.c4 + x.c5)) / x.all);
    }
  } else if (reduce.kind === 'byDimension') {
    const key = reduce.dimension.toLowerCase();
    let series = found;
    if (reduce.value !== undefined) series = found.filter((s) => s.dims[key]?.toLowerCase() === reduce.value!.toLowerCase());
    else if (reduce.index !== undefined) {
      const nth = [...found].sort((a, b) => (a.dims[key] ?? '').localeCompare(b.dims[key] ?? ''))[reduce.index];
      series = nth ? [nth] : [];
    }
    const acc = new Map<number, number[]>();
    for (const s of series) for (const [t, v] of buckets(s)) acc.set(t, [...(acc.get(t) ?? []), v]);
    for (const [t, vs] of acc) out.set(t, reduce.combine === 'max' ? Math.max(...vs) : vs.reduce((a, b) => a + b, 0) / vs.length);
  } else {
    for (const [t, v] of found[0] ? buckets(found[0]) : []) out.set(t, v);
  }
  const timestamps = [...out.keys()].sort((a, b) => a - b);
  return { queryId: plan.queryId, unit: plan.unit, timestamps, values: timestamps.map((t) => out.get(t)!), partial: false };
}

/** The workspace series (planWorkspaceFigures, in its order) as figures: counters summed, gauges newest and highest. */
export function toScopeFigures(name: string, series: readonly MetricSeries[], window: TimeRange): ScopeFigures {
  const byKey = new Map(series.map((s) => [s.queryId, s]));
  const values = (key: string) => byKey.get(key)?.values ?? [];
  const sum = (key: string) => (values(key).length ? values(key).reduce((a, b) => a + b, 0) : undefined);
  const newest = (key: string) => values(key).at(-1);
  const quota = values('quota');
  return {
    name,
    window,
    failedRuns: sum('failedRuns'),
    completedRuns: sum('completedRuns'),
    modelDeployFailed: sum('modelDeployFailed'),
    quotaPercent: newest('quota'),
    quotaPeakPercent: quota.length ? Math.max(...quota) : undefined,
    unusableNodes: newest('unusableNodes'),
  };
}

interface Waiter {
  plans: MetricPlan[];
  resolve(result: Map<MetricPlan, MetricSeries>): void;
  reject(err: unknown): void;
}

/**
 * Gathers the queries that arrive for one subscription, region and time range in the same turn of
 * the event loop and runs them as one set, so workspaces that share a region share batches.
 */
export class MetricCoalescer {
  private readonly pending = new Map<string, Waiter[]>();

  constructor(private readonly run: (key: string, plans: MetricPlan[]) => Promise<Map<MetricPlan, MetricSeries>>) {}

  submit(key: string, plans: MetricPlan[], signal?: AbortSignal): Promise<Map<MetricPlan, MetricSeries>> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(key);
      const waiter: Waiter = { plans, resolve, reject };
      signal?.addEventListener('abort', () => reject(signal.reason ?? new Error('aborted')), { once: true });
      if (waiters) {
        waiters.push(waiter);
        return;
      }
      this.pending.set(key, [waiter]);
      setImmediate(() => {
        const all = this.pending.get(key) ?? [];
        this.pending.delete(key);
        this.run(key, all.flatMap((w) => w.plans)).then(
          (result) => all.forEach((w) => w.resolve(result)),
          (err) => all.forEach((w) => w.reject(err)),
        );
      });
    });
  }
}
