// Which metrics the health check needs, for which resources, over which window, as one batch per
// scope: the provider packs the batch into the fewest API calls, so everything a scope needs travels
// together. Periods keep each utilization series near 170 points whatever the look-back, so a call
// of 500 queries stays under GetMetricData's 100,800 datapoints and needs no second page.
import { withAccelerator } from '../catalog/attached';
import type { Catalog } from '../catalog/catalog';
import { bigQueryProject, type MetricName, type MetricQuery, type MetricSeries, type Resource, type TimeRange, type Variant } from '../model';
import { DAY_MS } from '../rules/stats';
import type { Thresholds } from '../rules/thresholds';
import type { DatasetObservation, EndpointObservation, Series, TrainingObservation } from '../rules/types';

/** Requests, errors and latency: hourly, so "now" is the current partial hour (plus the last one). */
export const RED_PERIOD_S = 3600;
/** Points per utilization series the period is chosen for. */
const UTILIZATION_POINTS = 168;
const TRAINING_POINTS = 60;

export interface CheckWindow extends TimeRange {
  utilizationPeriodS: number;
}

export function checkWindow(now: number, t: Thresholds): CheckWindow {
  const utilizationPeriodS = 3600 * Math.max(1, Math.ceil((t.lookbackDays * 24) / UTILIZATION_POINTS));
  const end = Math.floor(now / 60_000) * 60_000;
  const p = utilizationPeriodS * 1000;
  // Aligned to the period, so the first bucket is whole (CloudWatch aligns buckets the same way).
  const start = Math.floor((end - t.lookbackDays * DAY_MS) / p) * p;
  return { start, end, utilizationPeriodS };
}

export interface EndpointEntry {
  resource: Resource;
  /** One per variant for endpoints that serve; empty for the others. */
  variants: EndpointObservation[];
}

export interface HealthPlan {
  window: CheckWindow;
  queries: MetricQuery[];
  endpoints: EndpointEntry[];
  trainings: TrainingObservation[];
  datasets: DatasetObservation[];
  /** Things the check could not look at, said once each ("unknown instance type ..."). */
  notes: string[];
}

type Setter = (series: Series) => void;

/** Builds the batch and keeps, per query, where its series goes once the provider answers. */
class Batch {
  readonly queries: MetricQuery[] = [];
  readonly setters = new Map<string, { set: Setter; periodMs: number }>();

  add(resource: Resource, metric: MetricName, periodS: number, set: Setter, extra: Partial<MetricQuery> = {}): void {
    const query: MetricQuery = { id: `q${this.queries.length}`, resource: resource.ref, metric, periodSeconds: periodS, ...extra };
    this.queries.push(query);
    this.setters.set(query.id, { set, periodMs: bucketMs(query) });
  }
}

const SERVING = new Set(['inService', 'updating']);

export function planHealthCheck(resources: readonly Resource[], t: Thresholds, catalog: Catalog, now: number): HealthPlan & { apply(series: MetricSeries[]): void } {
  const window = checkWindow(now, t);
  const batch = new Batch();
  const notes: string[] = [];
  const endpoints: EndpointEntry[] = [];
  const trainings: TrainingObservation[] = [];
  for (const r of resources) {
    if (r.ref.kind === 'endpoint') endpoints.push({ resource: r, variants: SERVING.has(r.status) ? (r.variants ?? []).map((v) => planVariant(batch, r, v, window, catalog, notes)) : [] });
    if (r.ref.kind === 'trainingJob') {
      const obs = planTraining(batch, r, window, catalog);
      if (obs) trainings.push(obs);
    }
  }
  notes.push(...autoscalingNotes(endpoints));
  const datasets = planDatasets(batch, resources.filter((r) => r.ref.kind === 'dataset'), window);
  return {
    window,
    queries: batch.queries,
    endpoints,
    trainings,
    datasets,
    notes,
    apply(series) {
      for (const s of series) {
        const target = batch.setters.get(s.queryId);
        target?.set({ timestamps: s.timestamps, values: s.values, periodMs: target.periodMs });
      }
      for (const obs of trainings) obs.span = dataSpan(obs) ?? obs.span;
    },
  };
}

/** One note per reason the cloud would not say whether endpoints autoscale (a missing permission). */
function autoscalingNotes(endpoints: readonly EndpointEntry[]): string[] {
  const byReason = new Map<string, number>();
  for (const { resource } of endpoints) {
    const unknown = (resource.variants ?? []).find((v) => v.autoscaling?.mode === 'unknown');
    if (unknown?.autoscaling?.mode === 'unknown') byReason.set(unknown.autoscaling.reason, (byReason.get(unknown.autoscaling.reason) ?? 0) + 1);
  }
  return [...byReason].map(([reason, n]) => `autoscaling of ${n} ${n === 1 ? 'endpoint' : 'endpoints'} is unknown (${reason}), so availability/no-autoscaling was not checked.`);
}

/** CloudWatch rounds periods to whole minutes and S3 storage to whole days (see providers). */
function bucketMs(q: MetricQuery): number {
  if (q.metric === 'storageBytes' || q.metric === 'objectCount') return Math.max(DAY_MS, q.periodSeconds * 1000);
  return Math.max(60, Math.round(q.periodSeconds / 60) * 60) * 1000;
}

function planVariant(batch: Batch, r: Resource, variant: Variant, window: CheckWindow, catalog: Catalog, notes: string[]): EndpointObservation {
  // Attached accelerators (Vertex n1 + T4) count as the instance's GPUs.
  const spec = variant.instanceType && !variant.serverless ? withAccelerator(catalog.findInstanceType(r.ref.provider, variant.instanceType), variant.accelerator, catalog) : undefined;
  const obs: EndpointObservation = { resource: r, variant, spec, window };
  const v = { variant: variant.name };
  batch.add(r, 'invocations', RED_PERIOD_S, (s) => (obs.invocations = s), v);
  batch.add(r, 'errorRate', RED_PERIOD_S, (s) => (obs.errorRate = s), v);
  batch.add(r, 'latencyP99', RED_PERIOD_S, (s) => (obs.latencyP99 = s), v);
  if (variant.serverless || !variant.instanceType) return obs;
  const p = window.utilizationPeriodS;
  batch.add(r, 'memory', p, (s) => (obs.memory = s), v);
  batch.add(r, 'disk', p, (s) => (obs.disk = s), v);
  if (!spec) {
    // CloudWatch sums CPU and GPU over cores; without the core count the figures would mislead.
    notes.push(`${r.ref.name}: instance type ${variant.instanceType} is not in the catalog, so CPU and GPU rules were skipped (add it with mlMonitor.catalogFile).`);
    return obs;
  }
  batch.add(r, 'cpu', p, (s) => (obs.cpu = s), { ...v, cores: spec.vcpu || undefined });
  if (spec.gpus > 0) {
    batch.add(r, 'gpu', p, (s) => (obs.gpu = s), { ...v, cores: spec.gpus });
    batch.add(r, 'gpuMemory', p, (s) => (obs.gpuMemory = s), { ...v, cores: spec.gpus });
  }
  return obs;
}

const TERMINAL = new Set(['completed', 'failed', 'stopped']);

function planTraining(batch: Batch, r: Resource, window: CheckWindow, catalog: Catalog): TrainingObservation | undefined {
  const terminal = TERMINAL.has(r.status);
  const end = terminal ? Math.min(r.modifiedAt ?? window.end, window.end) : window.end;
  // Jobs that finished before the window are old news; jobs not yet started have nothing to say.
  if (end < window.start || !['running', 'stopping', ...TERMINAL].includes(r.status)) return undefined;
  const start = Math.max(r.createdAt ?? window.start, window.start);
  const instanceType = r.variants?.[0]?.instanceType;
  const spec = instanceType ? withAccelerator(catalog.findInstanceType(r.ref.provider, instanceType), r.variants?.[0]?.accelerator, catalog) : undefined;
  const obs: TrainingObservation = { resource: r, spec, span: { start, end }, cpu: [], memory: [], gpu: [], gpuMemory: [] };
  const periodS = Math.max(60, Math.ceil((end - start) / 1000 / TRAINING_POINTS / 60) * 60);
  for (const host of r.hosts ?? []) {
    const h = { host };
    batch.add(r, 'memory', periodS, (s) => obs.memory.push(s), h);
    if (!spec) continue;
    batch.add(r, 'cpu', periodS, (s) => obs.cpu.push(s), { ...h, cores: spec.vcpu || undefined });
    if (spec.gpus > 0) {
      batch.add(r, 'gpu', periodS, (s) => obs.gpu.push(s), { ...h, cores: spec.gpus });
      batch.add(r, 'gpuMemory', periodS, (s) => obs.gpuMemory.push(s), { ...h, cores: spec.gpus });
    }
  }
  return obs;
}

/** From the first bucket with data to the end of the last one: how long the job really ran. */
function dataSpan(obs: TrainingObservation): TimeRange | undefined {
  const all = [...obs.cpu, ...obs.memory, ...obs.gpu].filter((s) => s.timestamps.length);
  if (!all.length) return undefined;
  const start = Math.min(...all.map((s) => s.timestamps[0]));
  const end = Math.max(...all.map((s) => s.timestamps[s.timestamps.length - 1] + s.periodMs));
  return { start, end: Math.min(end, obs.span.end) };
}

/** `s3://bucket/prefix` → `s3://bucket`; the unit clouds measure storage by. */
export function storeOf(location: string | undefined): string | undefined {
  return location?.match(/^([a-z][a-z0-9+.-]*:\/\/[^/]+)/i)?.[1];
}

function planDatasets(batch: Batch, datasets: readonly Resource[], window: CheckWindow): DatasetObservation[] {
  const byStore = new Map<string, Resource[]>();
  for (const d of datasets) {
    const store = storeOf(d.location);
    if (!store || d.status !== 'inService') continue;
    byStore.set(store, [...(byStore.get(store) ?? []), d]);
  }
  const storage = [...byStore.entries()].map(([store, members]) => {
    members.sort((a, b) => a.ref.name.localeCompare(b.ref.name));
    const obs: DatasetObservation = { store, resources: members, window };
    batch.add(members[0], 'storageBytes', 86_400, (s) => (obs.storageBytes = s), { host: `${store}/` });
    return obs;
  });
  return [...storage, ...planQueryTimes(batch, datasets, window)];
}

/**
 * BigQuery publishes query times per project, not per dataset: one observation per project, with
 * every dataset that reads a table of it, so a slow project is one finding rather than one per dataset.
 */
function planQueryTimes(batch: Batch, datasets: readonly Resource[], window: CheckWindow): DatasetObservation[] {
  const byProject = new Map<string, Resource[]>();
  for (const d of datasets) {
    const project = d.datasetType === 'bigquery' && d.status === 'inService' ? bigQueryProject(d.location) : undefined;
    if (project) byProject.set(project, [...(byProject.get(project) ?? []), d]);
  }
  return [...byProject.entries()].map(([project, members]) => {
    members.sort((a, b) => a.ref.name.localeCompare(b.ref.name));
    const obs: DatasetObservation = { store: `BigQuery project ${project}`, queryScope: 'project', resources: members, window };
    batch.add(members[0], 'queryTimeP95', RED_PERIOD_S, (s) => (obs.queryTimeP95Ms = s));
    return obs;
  });
}
