// `POST /subscriptions/{sub}/metrics:getBatch`: up to 50 resources of one subscription, region and
// type per call, one metric namespace, one interval, aggregation and dimension filter for every
// metric named. Replies in the shape of CLOUD_APIS.md section 1; refusals in ARM's error shape.
import type { SandboxRequest } from '../handler';
import { MINUTE_MS } from '../time';
import { ArmError, authorizationFailed, findSubscription, iso, type Caller } from './protocol';
import type { MetricResource, SeriesInstance } from './metricSeries';
import type { AzureWorld } from './world';

export const BATCH_API_VERSIONS = ['2023-10-01', '2024-02-01'];
export const MAX_RESOURCES_PER_BATCH = 50;
const MAX_SPAN_MS = 93 * 24 * 3600_000;
const INTERVALS: Record<string, number> = { PT1M: 1, PT5M: 5, PT15M: 15, PT30M: 30, PT1H: 60, PT6H: 360, PT12H: 720, P1D: 1440 };
const AGGREGATIONS = ['average', 'count', 'minimum', 'maximum', 'total'] as const;
type Aggregation = (typeof AGGREGATIONS)[number];

const bad = (message: string) => new ArmError(400, 'BadRequest', message);

/** `a eq 'x' and b eq '*' and (c eq '1' or c eq '2')` → dimension → accepted values ('*' = any, split). */
export function parseFilter(filter: string | null): Map<string, string[]> {
  const conditions = new Map<string, string[]>();
  if (!filter?.trim()) return conditions;
  for (const group of filter.split(/\s+and\s+/i)) {
    let name: string | undefined;
    for (const atom of group.replace(/^\s*\(|\)\s*$/g, '').split(/\s+or\s+/i)) {
      const m = /^\s*([A-Za-z0-9_.]+)\s+eq\s+'([^']*)'\s*$/i.exec(atom);
      if (!m) throw bad(`The $filter '${filter}' is not valid: expected conditions such as "name eq 'value'" joined by 'and' and 'or'.`);
      if (name && name.toLowerCase() !== m[1].toLowerCase()) throw bad(`The $filter '${filter}' is not valid: the 'or' operator cannot separate two different metadata names.`);
      name = m[1];
      const key = name.toLowerCase();
      conditions.set(key, [...(conditions.get(key) ?? []), m[2]]);
    }
  }
  return conditions;
}

/** Camel case and underscores as Azure's display names show them ("Requests Per Minute"). */
export function localized(name: string): string {
  return name.includes(' ') ? name : name.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
}

interface Query {
  start: number;
  end: number;
  intervalMs: number;
  interval: string;
  aggregations: Aggregation[];
  names: string[];
  filter: Map<string, string[]>;
  rollUp: Set<string>;
  top: number;
  now: number;
}

export function getBatch(world: AzureWorld, resources: Map<string, MetricResource>, request: SandboxRequest, url: URL, caller: Caller, subscriptionId: string, now: number): unknown {
  const version = url.searchParams.get('api-version');
  if (!version || !BATCH_API_VERSIONS.includes(version)) throw bad(`The api-version '${version ?? ''}' is not supported. The supported api-versions are '${BATCH_API_VERSIONS.join(', ')}'.`);
  const sub = findSubscription(world, subscriptionId, caller);
  if (sub.access !== 'full') throw authorizationFailed('Microsoft.Insights/metrics/read', `/subscriptions/${sub.id}`);
  const namespace = url.searchParams.get('metricnamespace');
  if (!namespace) throw bad('The metricnamespace parameter is required.');
  // Names are comma-separated; a comma inside a name travels as `%2` (Azure's own convention).
  const names = (url.searchParams.get('metricnames') ?? '').split(',').map((n) => n.trim().replace(/%2/g, ',')).filter(Boolean);
  if (!names.length) throw bad('The metricnames parameter is required.');
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8') || '{}');
  } catch {
    throw bad('The request body is not valid JSON.');
  }
  const ids = (body as { resourceids?: unknown }).resourceids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x): x is string => typeof x === 'string')) throw bad('The request body must be {"resourceids": [...]} with at least one resource id.');
  if (ids.length > MAX_RESOURCES_PER_BATCH) throw bad(`A batch may name at most ${MAX_RESOURCES_PER_BATCH} resource ids; this one names ${ids.length}.`);
  const found = ids.map((id) => {
    if (!id.toLowerCase().startsWith(`/subscriptions/${sub.id}/`)) throw bad(`Resource '${id}' is not in subscription '${subscriptionId}'. All resources of a batch must be in the subscription of the request.`);
    const r = resources.get(id.toLowerCase());
    if (!r) throw new ArmError(404, 'ResourceNotFound', `The resource '${id}' was not found.`);
    if (r.type.toLowerCase() !== namespace.toLowerCase()) throw bad(`Resource '${id}' is of type '${r.type}', not of the requested metricnamespace '${namespace}'. All resources of a batch must be of one type.`);
    return r;
  });
  const regions = new Set(found.map((r) => r.region));
  if (regions.size > 1) throw bad(`All resources of a batch must be in one region; this one spans ${[...regions].join(', ')}.`);
  const q = readQuery(url, names, now);
  return {
    values: found.map((r, i) => ({
      starttime: iso(q.start),
      endtime: iso(q.end),
      interval: q.interval,
      namespace: r.type,
      resourceregion: r.region,
      resourceid: ids[i],
      value: names.map((name) => metricJson(ids[i], r, name, q)),
    })),
  };
}

function readQuery(url: URL, names: string[], now: number): Query {
  const time = (key: string, fallback: number) => {
    const text = url.searchParams.get(key);
    if (text === null) return fallback;
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw bad(`The ${key} '${text}' is not an ISO 8601 time.`);
    return ms;
  };
  const end = time('endtime', now);
  const start = time('starttime', end - 3600_000);
  if (!(end > start)) throw bad('The endtime must be after the starttime.');
  if (end - start > MAX_SPAN_MS) throw bad('The requested time span is longer than the 93 days metrics are kept.');
  const interval = (url.searchParams.get('interval') ?? 'PT1M').toUpperCase();
  const minutes = interval === 'FULL' ? Math.ceil((end - start) / MINUTE_MS) : INTERVALS[interval];
  if (!minutes) throw bad(`Invalid time grain '${interval}'. Supported: ${Object.keys(INTERVALS).join(', ')}, FULL.`);
  const aggregations = (url.searchParams.get('aggregation') ?? 'average').split(',').map((a) => a.trim().toLowerCase()).filter(Boolean);
  const unknown = aggregations.find((a) => !(AGGREGATIONS as readonly string[]).includes(a));
  if (unknown) throw bad(`Invalid aggregation '${unknown}'. Supported: Average, Count, Minimum, Maximum, Total.`);
  const top = Number(url.searchParams.get('top') ?? 10);
  if (!Number.isInteger(top) || top < 1) throw bad('The top parameter must be a positive whole number.');
  return {
    start,
    end,
    intervalMs: minutes * MINUTE_MS,
    interval,
    aggregations: aggregations as Aggregation[],
    names,
    filter: parseFilter(url.searchParams.get('filter')),
    rollUp: new Set((url.searchParams.get('rollupby') ?? '').split(',').map((d) => d.trim().toLowerCase()).filter(Boolean)),
    top,
    now,
  };
}

function metricJson(resourceId: string, r: MetricResource, name: string, q: Query): unknown {
  const def = r.metrics().get(name.toLowerCase());
  if (!def) {
    const valid = [...r.metrics().values()].map((m) => m.name).join(',');
    throw bad(`Failed to find metric configuration for provider: ${r.type.split('/')[0]}, resource Type: ${r.type.split('/').slice(1).join('/')}, metric: ${name}, Valid metrics: ${valid}`);
  }
  const dims = new Map(def.dimensions.map((d) => [d.toLowerCase(), d]));
  for (const dim of q.filter.keys()) {
    if (!dims.has(dim)) throw bad(`Metric: ${def.name} does not support requested dimension combination: ${[...q.filter.keys()].join(',')}, supported ones are: ${def.dimensions.join(',') || 'none'}`);
  }
  const split = [...q.filter.keys()].filter((d) => !q.rollUp.has(d)).map((d) => dims.get(d)!);
  const groups = new Map<string, { meta: Record<string, string>; series: SeriesInstance[] }>();
  for (const s of def.series) {
    const value = (dim: string) => Object.entries(s.dims).find(([k]) => k.toLowerCase() === dim)?.[1] ?? '';
    const matches = [...q.filter.entries()].every(([dim, accepted]) => accepted.includes('*') || accepted.some((a) => a.toLowerCase() === value(dim).toLowerCase()));
    if (!matches) continue;
    const meta = Object.fromEntries(split.map((d) => [d, value(d.toLowerCase())]));
    const key = JSON.stringify(meta);
    const group = groups.get(key) ?? { meta, series: [] };
    group.series.push(s);
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, q.top);
  // Without a filter Azure answers one aggregated series even when nothing was published.
  if (!split.length && !ordered.length) ordered.push(['{}', { meta: {}, series: [] }]);
  return {
    id: `${resourceId}/providers/Microsoft.Insights/metrics/${def.name}`,
    type: 'Microsoft.Insights/metrics',
    name: { value: def.name, localizedValue: localized(def.name) },
    displayDescription: `${localized(def.name)} (sandbox)`,
    unit: def.unit,
    errorCode: 'Success',
    timeseries: ordered.map(([, g]) => ({
      metadatavalues: Object.entries(g.meta).map(([k, v]) => ({ name: { value: k, localizedValue: k }, value: v })),
      data: points(g.series, q),
    })),
  };
}

/** One datapoint per interval of the span; aggregations over every sample published inside it. */
function points(series: SeriesInstance[], q: Query): unknown[] {
  const out: unknown[] = [];
  const first = Math.floor(q.start / q.intervalMs) * q.intervalMs;
  // A minute's value exists once the minute has ended.
  const lastExclusive = Math.min(q.end, q.now - MINUTE_MS + 1);
  for (let bucket = first; bucket < q.end; bucket += q.intervalMs) {
    const values: number[] = [];
    for (const s of series) {
      const from = Math.max(bucket, q.start, s.from);
      const to = Math.min(bucket + q.intervalMs, lastExclusive, s.until);
      for (let t = Math.ceil(from / s.resolutionMs) * s.resolutionMs; t < to; t += s.resolutionMs) {
        const v = s.minute(t);
        if (v !== undefined && Number.isFinite(v)) values.push(v);
      }
    }
    const point: Record<string, unknown> = { timeStamp: iso(bucket) };
    if (values.length) {
      const total = values.reduce((a, b) => a + b, 0);
      for (const a of q.aggregations) {
        point[a] = a === 'average' ? total / values.length : a === 'total' ? total : a === 'count' ? values.length : a === 'minimum' ? Math.min(...values) : Math.max(...values);
      }
    }
    out.push(point);
  }
  return out;
}

