// Runs the planned timeSeries.list calls (following pages) and turns their grouped series into one
// MetricSeries per query, normalised to the neutral model: CPU fraction (summed over vCPUs) to
// percent per vCPU, memory bytes to percent of the machine's memory (instance catalog), latency in
// ms from server-side percentiles or merged distributions, request counts to rates and error %.
import type { google } from '@google-cloud/monitoring/build/protos/protos';
import { findAccelerator, findInstanceType } from '../../core/catalog/catalog';
import { distributionPercentile, exponentialBounds } from '../../core/metrics/distribution';
import type { MetricQuery, MetricSeries, TimeRange } from '../../core/model';
import type { GcpClients } from './clients';
import { groupRequests, monitoringPeriod, planQuery, type QueryPlan, type Reading, type TimeSeriesRequest } from './metricPlan';
import type { Call, KnownResource, MachineInfo } from './resources';
import { timestampMs } from './status';

type ITimeSeries = google.monitoring.v3.ITimeSeries;
type IDistribution = google.api.IDistribution;
type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

/** One point of a grouped series: the window's start (epoch ms) and its value. */
interface Point {
  t: number;
  value?: number;
  dist?: { count: number; mean: number; counts: number[]; bounds?: number[] };
}

interface Grouped {
  metric: Record<string, string>;
  resource: Record<string, string>;
  points: Point[];
}

export interface MetricContext {
  clients: GcpClients;
  call: Call;
  limit: Limit;
  location: string;
  /** The scope's project, and how to find the resources queries name. */
  project: string;
  known(query: MetricQuery): KnownResource | undefined;
}

const GiB = 2 ** 30;

function bucketBounds(d: IDistribution): number[] | undefined {
  const o = d.bucketOptions;
  if (o?.exponentialBuckets) {
    const b = o.exponentialBuckets;
    return exponentialBounds({ numFiniteBuckets: Number(b.numFiniteBuckets ?? 0), growthFactor: Number(b.growthFactor ?? 2), scale: Number(b.scale ?? 1) });
  }
  if (o?.linearBuckets) {
    const b = o.linearBuckets;
    return Array.from({ length: Number(b.numFiniteBuckets ?? 0) + 1 }, (_, i) => Number(b.offset ?? 0) + i * Number(b.width ?? 1));
  }
  return o?.explicitBuckets?.bounds?.map(Number);
}

function toGrouped(series: ITimeSeries, periodMs: number): Grouped {
  const points = (series.points ?? []).flatMap((p): Point[] => {
    const end = timestampMs(p.interval?.endTime);
    if (end === undefined) return [];
    const v = p.value ?? {};
    const t = end - periodMs;
    if (v.distributionValue) {
      const d = v.distributionValue;
      return [{ t, dist: { count: Number(d.count ?? 0), mean: Number(d.mean ?? 0), counts: (d.bucketCounts ?? []).map(Number), bounds: bucketBounds(d) } }];
    }
    const value = v.doubleValue ?? (v.int64Value !== undefined && v.int64Value !== null ? Number(String(v.int64Value)) : undefined);
    return typeof value === 'number' && Number.isFinite(value) ? [{ t, value }] : [];
  });
  return { metric: { ...(series.metric?.labels ?? {}) }, resource: { ...(series.resource?.labels ?? {}) }, points };
}

async function runRequest(ctx: MetricContext, r: TimeSeriesRequest, range: TimeRange): Promise<Grouped[]> {
  const merged = new Map<string, Grouped>();
  let pageToken: string | undefined;
  do {
    const [series, , raw] = await ctx.call('list time series', 'Monitoring.ListTimeSeries', (o) =>
      ctx.clients.metrics.listTimeSeries(
        {
          name: `projects/${r.project}`,
          filter: r.filter,
          interval: { startTime: { seconds: Math.floor(range.start / 1000) }, endTime: { seconds: Math.floor(range.end / 1000) } },
          aggregation: {
            alignmentPeriod: { seconds: r.periodS },
            perSeriesAligner: r.aligner as never,
            crossSeriesReducer: r.reducer as never,
            groupByFields: r.groupBy,
          },
          view: 'FULL',
          pageToken,
        },
        o,
      ),
    );
    // A long series may continue on the next page: join it by its labels.
    for (const s of series) {
      const g = toGrouped(s, r.periodS * 1000);
      const id = JSON.stringify([g.resource, g.metric]);
      const prev = merged.get(id);
      if (prev) prev.points.push(...g.points);
      else merged.set(id, g);
    }
    pageToken = raw?.nextPageToken || undefined;
  } while (pageToken);
  return [...merged.values()];
}

export async function queryGcpMetrics(ctx: MetricContext, queries: MetricQuery[], range: TimeRange): Promise<MetricSeries[]> {
  const plans = queries.map(planQuery);
  const ids = { endpoint: new Set<string>(), trainingJob: new Set<string>() };
  for (const p of plans) {
    const kind = p.query.resource.kind;
    const known = ctx.known(p.query);
    if (known?.id && kind !== 'dataset') ids[kind].add(known.id);
  }
  const requests = groupRequests(
    plans,
    ctx.location,
    { ids: { endpoint: [...ids.endpoint], trainingJob: [...ids.trainingJob] }, project: (plan) => ctx.known(plan.query)?.table?.project ?? ctx.project },
    range.end - range.start,
  );
  const answers = await Promise.all(requests.map((r) => ctx.limit(() => runRequest(ctx, r, range))));
  const results = new Map<QueryPlan, MetricSeries>();
  requests.forEach((r, i) => {
    for (const plan of r.plans) results.set(plan, readPlan(ctx, plan, r, answers[i], range));
  });
  return plans.map((plan) => results.get(plan) ?? { queryId: plan.query.id, unit: plan.unit, timestamps: [], values: [], message: plan.message });
}

/** The grouped series that belong to this query's resource (and deployed model or task). */
function select(ctx: MetricContext, plan: QueryPlan, series: Grouped[]): Grouped[] | string {
  const q = plan.query;
  const known = ctx.known(q);
  if (!known) return `Vertex AI has no ${q.resource.kind === 'trainingJob' ? 'custom job or training pipeline' : q.resource.kind} named '${q.resource.name}' in this scope.`;
  if (q.resource.kind === 'dataset') {
    const table = known.table ?? parseHost(q.host);
    if (plan.reading?.kind === 'queryTime') {
      if (!table) return 'This dataset reads no BigQuery table, so there is no BigQuery query time to show.';
      // Query times are the whole project's: BigQuery publishes none per dataset or table.
      return series.filter((s) => s.resource.project_id === table.project);
    }
    if (!table) return 'This dataset reads no BigQuery table, so there are no storage metrics.';
    return series.filter((s) => s.resource.dataset_id === table.dataset && s.metric.table === table.table);
  }
  if (q.resource.kind === 'trainingJob' && !known.id) return 'This training pipeline started no custom job, so there are no utilization metrics: nothing ran on machines of yours.';
  if (q.resource.kind === 'trainingJob') return series.filter((s) => s.resource.job_id === known.id && (!q.host || s.metric.task_name === q.host.split('/').pop()));
  return series.filter((s) => s.resource.endpoint_id === known.id && (!q.variant || s.metric.deployed_model_id === q.variant));
}

function parseHost(host: string | undefined): KnownResource['table'] {
  const m = /^bq:\/\/([^.]+)\.([^.]+)\.([^/]+)\/?$/.exec(host ?? '');
  return m ? { project: m[1], dataset: m[2], table: m[3] } : undefined;
}

/** A point with the series it came from, so readers can see its labels. */
interface Entry {
  point: Point;
  series: Grouped;
}

/** Entries by the start of the plan's own window (windows end at the range's end, as the call's do). */
function byWindow(series: Grouped[], end: number, periodMs: number): Map<number, Entry[]> {
  const out = new Map<number, Entry[]>();
  for (const s of series) {
    for (const point of s.points) {
      const start = end - (Math.floor((end - point.t - 1) / periodMs) + 1) * periodMs;
      const list = out.get(start);
      if (list) list.push({ point, series: s });
      else out.set(start, [{ point, series: s }]);
    }
  }
  return out;
}

function readPlan(ctx: MetricContext, plan: QueryPlan, r: TimeSeriesRequest, series: Grouped[], range: TimeRange): MetricSeries {
  const base = { queryId: plan.query.id, unit: plan.unit };
  const chosen = select(ctx, plan, series);
  if (typeof chosen === 'string') return { ...base, timestamps: [], values: [], partial: true, message: chosen };
  const reading = plan.reading!;
  const messages: string[] = [];
  let combine: (entries: Entry[]) => number | undefined;
  const periodS = monitoringPeriod(plan.query.periodSeconds);
  if (reading.kind === 'responses') combine = (entries) => responses(entries, reading.want, periodS);
  else if (reading.kind === 'latency') combine = latencyReader(reading, r);
  else if (reading.kind === 'queryTime') combine = (entries) => mergedPercentile(entries.filter((e) => e.point.dist).map((e) => e.point.dist!), reading.percentile, 1000);
  else {
    const scale = gaugeScale(ctx, plan, reading.scale, messages);
    combine = (entries) => scale(entries.reduce((a, e) => a + (e.point.value ?? 0), 0) / entries.length);
  }
  const grouped = byWindow(chosen, Math.floor(range.end / 1000) * 1000, periodS * 1000);
  const times = [...grouped.keys()].sort((a, b) => a - b);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (const t of times) {
    const v = combine(grouped.get(t)!);
    if (v === undefined || !Number.isFinite(v)) continue;
    timestamps.push(t);
    values.push(v);
  }
  return { ...base, timestamps, values, message: messages.join(' ') || undefined };
}

function responses(entries: Entry[], want: Extract<Reading, { kind: 'responses' }>['want'], periodS: number): number | undefined {
  let total = 0;
  let c4 = 0;
  let c5 = 0;
  for (const { point, series } of entries) {
    const n = point.value ?? 0;
    total += n;
    const code = series.metric.response_code ?? '';
    if (code.startsWith('4')) c4 += n;
    if (code.startsWith('5')) c5 += n;
  }
  if (want === 'count') return total;
  if (want === 'rate') return total / periodS;
  if (total === 0) return undefined;
  return (100 * (want === '4xx' ? c4 : want === '5xx' ? c5 : c4 + c5)) / total;
}

function latencyReader(reading: Extract<Reading, { kind: 'latency' }>, r: TimeSeriesRequest): (entries: Entry[]) => number | undefined {
  // A server-side percentile already is the answer: the worst deployed model when several match.
  if (r.aligner.startsWith('ALIGN_PERCENTILE')) return (entries) => Math.max(...entries.map((e) => e.point.value ?? -Infinity));
  return (entries) => {
    const dists = entries.filter((e) => e.series.metric.latency_type === reading.latencyType && e.point.dist).map((e) => e.point.dist!);
    const count = dists.reduce((n, d) => n + d.count, 0);
    if (count === 0) return undefined;
    if (reading.want === 'mean') return dists.reduce((a, d) => a + d.mean * d.count, 0) / count;
    return mergedPercentile(dists, reading.want.percentile);
  };
}

/** A percentile of distributions merged bucket by bucket (same layout), times `scale` (s → ms). */
function mergedPercentile(dists: NonNullable<Point['dist']>[], percentile: number, scale = 1): number | undefined {
  const bounds = dists.find((d) => d.bounds)?.bounds;
  if (!bounds || !dists.some((d) => d.count > 0)) return undefined;
  const counts: number[] = [];
  for (const d of dists) d.counts.forEach((c, i) => (counts[i] = (counts[i] ?? 0) + c));
  const value = distributionPercentile(bounds, counts, percentile);
  return value === undefined ? undefined : value * scale;
}

/** The machine of the query's deployed model or task (the first one when the query spans several). */
function machineOf(ctx: MetricContext, q: MetricQuery): MachineInfo | undefined {
  const machines = ctx.known(q)?.machines;
  const key = q.variant ?? q.host?.split('/').pop();
  return (key ? machines?.get(key) : undefined) ?? machines?.values().next().value;
}

function gaugeScale(ctx: MetricContext, plan: QueryPlan, scale: Extract<Reading, { kind: 'gauge' }>['scale'], messages: string[]): (v: number) => number {
  const q = plan.query;
  const m = machineOf(ctx, q);
  const spec = m ? findInstanceType('gcp', m.machineType) : undefined;
  switch (scale) {
    case 'cpu': {
      // A fraction of one vCPU summed over the machine's vCPUs: divide by them for % per vCPU.
      const cores = q.cores ?? spec?.vcpu;
      if (!cores) messages.push(`Machine type ${m?.machineType ?? 'unknown'} is not in the catalog: CPU is summed over vCPUs (0 to N x 100 %).`);
      return (v) => (v * 100) / (cores || 1);
    }
    case 'fraction':
      return (v) => v * 100;
    case 'percent':
    case 'bytes':
      return (v) => v;
    case 'memoryBytes': {
      if (!spec) {
        messages.push(`Machine type ${m?.machineType ?? 'unknown'} is not in the catalog: its memory size, and so the percentage, is unknown.`);
        return () => NaN;
      }
      return (v) => (100 * v) / (spec.memoryGiB * GiB);
    }
    case 'acceleratorBytes': {
      const perDevice = (m?.acceleratorType ? findAccelerator('gcp', m.acceleratorType)?.memoryGiB : undefined) ?? spec?.gpuMemoryGiB;
      const devices = m?.acceleratorCount || spec?.gpus || 0;
      if (!perDevice || !devices) {
        messages.push(`The accelerator memory of ${m?.acceleratorType ?? m?.machineType ?? 'this machine'} is unknown, so the percentage is too.`);
        return () => NaN;
      }
      return (v) => (100 * v) / (perDevice * devices * GiB);
    }
  }
}
