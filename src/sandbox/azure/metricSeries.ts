// The Azure Monitor metrics each sandbox resource publishes, in wire units (CLOUD_APIS.md section 2):
// per metric its unit, dimensions and one series per dimension combination, any minute on demand.
// Endpoint traffic is split by deployment and status class, deployment utilization by instance,
// job utilization by run and node; workspace run counters carry names with spaces, as Azure's do.
import { hashString, uniform } from '../prng';
import { normalQuantile } from '../aws/statistics';
import type { CompiledSignal } from '../signals';
import { HOUR_MS, MINUTE_MS } from '../time';
import { ML_PROVIDER, type AzureDeploymentModel, type AzureEndpointModel, type AzureJobModel, type AzureWorkspaceModel } from './world';

export const TYPE_WORKSPACE = `${ML_PROVIDER}/workspaces`;
export const TYPE_ENDPOINT = `${TYPE_WORKSPACE}/onlineEndpoints`;
export const TYPE_DEPLOYMENT = `${TYPE_ENDPOINT}/deployments`;
export const TYPE_STORAGE = 'Microsoft.Storage/storageAccounts';
export const TYPE_BLOB = `${TYPE_STORAGE}/blobServices`;

export type AzureUnit = 'Percent' | 'Count' | 'MilliSeconds' | 'Bytes';

export interface SeriesInstance {
  dims: Record<string, string>;
  from: number;
  until: number;
  resolutionMs: number;
  /** The value at minute `ms`, or undefined when nothing was published then. */
  minute(ms: number): number | undefined;
}

export interface MetricDef {
  name: string;
  unit: AzureUnit;
  /** Dimension names, in the case Azure reports them. */
  dimensions: string[];
  series: SeriesInstance[];
}

export interface MetricResource {
  id: string;
  type: string;
  region: string;
  subscriptionId: string;
  metrics(): Map<string, MetricDef>;
}

const keyed = (key: number, ...parts: Array<string | number>) => hashString(parts.join('/'), key);
/** Rounds up with probability frac(x), so small error rates keep their average. */
const stochasticRound = (x: number, u: number) => Math.floor(x) + (u < x - Math.floor(x) ? 1 : 0);
const Z = { p50: 0, p90: normalQuantile(0.9), p95: normalQuantile(0.95), p99: normalQuantile(0.99) };

function metrics(defs: MetricDef[]): Map<string, MetricDef> {
  return new Map(defs.map((d) => [d.name.toLowerCase(), d]));
}

function signalSeries(signal: CompiledSignal, key: number, dims: Record<string, string>, from: number, until: number): SeriesInstance {
  return { dims, from, until, resolutionMs: MINUTE_MS, minute: (ms) => signal.sample(ms, key) };
}

/** A minute's value computed once: every status class and latency series of a deployment reads it. */
function memo(compute: (ms: number) => number): (ms: number) => number {
  const values = new Map<number, number>();
  return (ms) => {
    let v = values.get(ms);
    if (v === undefined) {
      // Bounded: a few weeks of minutes, then start over.
      if (values.size > 50_000) values.clear();
      values.set(ms, (v = compute(ms)));
    }
    return v;
  };
}

/** Requests per minute of one deployment, split into status classes by its error signals. */
function traffic(d: AzureDeploymentModel) {
  const k = (...p: string[]) => keyed(d.key, ...p);
  const total = memo((ms) => stochasticRound(Math.max(0, d.signals.requestsPerSecond.sample(ms, k('rps')) * 60), uniform(k('round'), ms / MINUTE_MS)));
  const share = (signal: CompiledSignal, name: string) => memo((ms) => Math.min(total(ms), stochasticRound((total(ms) * signal.sample(ms, k(name))) / 100, uniform(k(name, 'round'), ms / MINUTE_MS))));
  const e4 = share(d.signals.errors4xxPercent, '4xx');
  const e5 = share(d.signals.errors5xxPercent, '5xx');
  return { total, e4, e5, ok: (ms: number) => Math.max(0, total(ms) - e4(ms) - e5(ms)) };
}

function endpointMetrics(e: AzureEndpointModel): MetricDef[] {
  const requests: SeriesInstance[] = [];
  const latency: Record<keyof typeof Z | 'mean', SeriesInstance[]> = { p50: [], p90: [], p95: [], p99: [], mean: [] };
  const connections: SeriesInstance[] = [];
  for (const d of e.deployments) {
    if (d.metricsFrom === undefined) continue;
    const t = traffic(d);
    const base = { from: d.metricsFrom, until: Infinity, resolutionMs: MINUTE_MS };
    const classes: Array<[string, string, (ms: number) => number]> = [
      ['2xx', '200', t.ok],
      ['4xx', '400', t.e4],
      ['5xx', '500', t.e5],
    ];
    for (const [cls, code, count] of classes) requests.push({ ...base, dims: { deployment: d.name, statusCode: code, statusCodeClass: cls }, minute: count });
    // The latency signal states p99; the minute's log-normal is placed so its p99 lands there.
    const sigma = d.latencySpread;
    const mu = (ms: number) => Math.log(d.signals.latencyP99Ms.sample(ms, keyed(d.key, 'latency'))) - Z.p99 * sigma;
    for (const p of Object.keys(Z) as Array<keyof typeof Z>) {
      latency[p].push({ ...base, dims: { deployment: d.name }, minute: (ms) => (t.total(ms) > 0 ? Math.exp(mu(ms) + Z[p] * sigma) : undefined) });
    }
    latency.mean.push({ ...base, dims: { deployment: d.name }, minute: (ms) => (t.total(ms) > 0 ? Math.exp(mu(ms) + (sigma * sigma) / 2) : undefined) });
    connections.push({ ...base, dims: { deployment: d.name }, minute: (ms) => Math.round(t.total(ms) / 60) });
  }
  const dims = ['deployment'];
  return [
    { name: 'RequestsPerMinute', unit: 'Count', dimensions: ['deployment', 'statusCode', 'statusCodeClass'], series: requests },
    { name: 'RequestLatency', unit: 'MilliSeconds', dimensions: dims, series: latency.mean },
    { name: 'RequestLatency_P50', unit: 'MilliSeconds', dimensions: dims, series: latency.p50 },
    { name: 'RequestLatency_P90', unit: 'MilliSeconds', dimensions: dims, series: latency.p90 },
    { name: 'RequestLatency_P95', unit: 'MilliSeconds', dimensions: dims, series: latency.p95 },
    { name: 'RequestLatency_P99', unit: 'MilliSeconds', dimensions: dims, series: latency.p99 },
    { name: 'ConnectionsActive', unit: 'Count', dimensions: dims, series: connections },
  ];
}

function deploymentMetrics(d: AzureDeploymentModel): MetricDef[] {
  const perInstance = (signal: CompiledSignal, name: string): SeriesInstance[] =>
    d.metricsFrom === undefined ? [] : d.instanceIds.map((instanceId) => signalSeries(signal, keyed(d.key, name, instanceId), { instanceId }, d.metricsFrom!, Infinity));
  const gpu = d.gpus > 0;
  const capacity: SeriesInstance[] = d.metricsFrom === undefined ? [] : [{ dims: {}, from: d.metricsFrom, until: Infinity, resolutionMs: MINUTE_MS, minute: () => d.instanceCount }];
  return [
    // Azure reports each instance's CPU as 0-100 % of the instance, not summed over cores.
    { name: 'CpuUtilizationPercentage', unit: 'Percent', dimensions: ['instanceId'], series: perInstance(d.signals.cpu, 'cpu') },
    { name: 'CpuMemoryUtilizationPercentage', unit: 'Percent', dimensions: ['instanceId'], series: perInstance(d.signals.memory, 'memory') },
    { name: 'DiskUtilization', unit: 'Percent', dimensions: ['instanceId', 'disk'], series: perInstance(d.signals.disk, 'disk') },
    { name: 'GpuUtilizationPercentage', unit: 'Percent', dimensions: ['instanceId'], series: gpu ? perInstance(d.signals.gpu, 'gpu') : [] },
    { name: 'GpuMemoryUtilizationPercentage', unit: 'Percent', dimensions: ['instanceId'], series: gpu ? perInstance(d.signals.gpuMemory, 'gpuMemory') : [] },
    { name: 'DeploymentCapacity', unit: 'Count', dimensions: ['instanceId', 'State'], series: capacity },
  ];
}

const RUN_DIMS = ['runId', 'NodeId', 'ClusterName'];

function workspaceMetrics(ws: AzureWorkspaceModel): MetricDef[] {
  const perNode = (pick: (j: AzureJobModel) => CompiledSignal | undefined, name: string) =>
    ws.jobs.flatMap((j) => {
      const signal = pick(j);
      if (!signal) return [];
      // Utilization starts once the nodes are up and the data is mounted.
      return j.nodeIds.map((node) => signalSeries(signal, keyed(j.key, name, node), { runId: j.name, NodeId: node, ClusterName: j.computeName }, j.startedAt + 2 * MINUTE_MS, j.endedAt ?? Infinity));
    });
  const gpuJob = (j: AzureJobModel) => (j.compute?.gpus ?? 0) > 0;
  const events = (at: (j: AzureJobModel) => number | undefined): SeriesInstance => {
    const minutes = new Map<number, number>();
    for (const j of ws.jobs) {
      const t = at(j);
      if (t !== undefined) minutes.set(Math.floor(t / MINUTE_MS) * MINUTE_MS, (minutes.get(Math.floor(t / MINUTE_MS) * MINUTE_MS) ?? 0) + 1);
    }
    return { dims: {}, from: ws.createdAt, until: Infinity, resolutionMs: MINUTE_MS, minute: (ms) => minutes.get(ms) ?? 0 };
  };
  const ended = (status: string) => (j: AzureJobModel) => (j.status === status ? j.endedAt : undefined);
  const busyCores = (ms: number) => ws.jobs.filter((j) => j.startedAt <= ms && (j.endedAt ?? Infinity) > ms).reduce((n, j) => n + j.nodeIds.length * (j.compute?.vcpu ?? 0), 0);
  const gauge = (minute: (ms: number) => number): SeriesInstance => ({ dims: {}, from: ws.createdAt, until: Infinity, resolutionMs: MINUTE_MS, minute });
  return [
    { name: 'CpuUtilization', unit: 'Percent', dimensions: RUN_DIMS, series: perNode((j) => j.signals.cpu, 'cpu') },
    { name: 'CpuMemoryUtilizationPercentage', unit: 'Percent', dimensions: RUN_DIMS, series: perNode((j) => j.signals.memory, 'memory') },
    { name: 'GpuUtilization', unit: 'Percent', dimensions: RUN_DIMS, series: perNode((j) => (gpuJob(j) ? j.signals.gpu : undefined), 'gpu') },
    { name: 'GpuMemoryUtilization', unit: 'Percent', dimensions: RUN_DIMS, series: perNode((j) => (gpuJob(j) ? j.signals.gpuMemory : undefined), 'gpuMemory') },
    { name: 'Started Runs', unit: 'Count', dimensions: [], series: [events((j) => (j.nodeIds.length ? j.startedAt : undefined))] },
    { name: 'Completed Runs', unit: 'Count', dimensions: [], series: [events(ended('Completed'))] },
    { name: 'Failed Runs', unit: 'Count', dimensions: [], series: [events(ended('Failed'))] },
    { name: 'Cancelled Runs', unit: 'Count', dimensions: [], series: [events(ended('Canceled'))] },
    { name: 'Model Deploy Failed', unit: 'Count', dimensions: [], series: [gauge(() => 0)] },
    { name: 'Quota Utilization Percentage', unit: 'Percent', dimensions: [], series: [gauge((ms) => (100 * busyCores(ms)) / ws.quotaCores)] },
    { name: 'Unusable Nodes', unit: 'Count', dimensions: [], series: [gauge(() => ws.computes.reduce((n, c) => n + c.unusableNodes, 0))] },
    { name: 'Active Nodes', unit: 'Count', dimensions: [], series: [gauge((ms) => ws.jobs.filter((j) => j.startedAt <= ms && (j.endedAt ?? Infinity) > ms).reduce((n, j) => n + j.nodeIds.length, 0))] },
  ];
}

/** Storage accounts publish hourly: the size and blob count of every datastore container on them. */
function storageMetrics(ws: AzureWorkspaceModel, account: string, blob: boolean): MetricDef[] {
  const stores = ws.datastores.filter((d) => d.accountName === account);
  const from = Math.ceil(Math.min(...stores.map((d) => d.createdAt)) / HOUR_MS) * HOUR_MS;
  const sum = (read: (d: (typeof stores)[number], ms: number) => number): SeriesInstance => ({ dims: {}, from, until: Infinity, resolutionMs: HOUR_MS, minute: (ms) => Math.round(stores.reduce((n, d) => n + read(d, ms), 0)) });
  const bytes = sum((d, ms) => d.signals.sizeGiB.sample(ms, keyed(d.key, 'size')) * 2 ** 30);
  if (!blob) return [{ name: 'UsedCapacity', unit: 'Bytes', dimensions: [], series: [bytes] }];
  return [
    { name: 'BlobCapacity', unit: 'Bytes', dimensions: ['BlobType', 'Tier'], series: [bytes] },
    { name: 'BlobCount', unit: 'Count', dimensions: ['BlobType', 'Tier'], series: [sum((d, ms) => d.signals.objects.sample(ms, keyed(d.key, 'objects')))] },
  ];
}

/** Every metric-bearing resource of one workspace, by lower-cased resource id. */
export function workspaceResources(ws: AzureWorkspaceModel): MetricResource[] {
  const lazy = (build: () => MetricDef[]) => {
    let cached: Map<string, MetricDef> | undefined;
    return () => (cached ??= metrics(build()));
  };
  const base = { region: ws.location, subscriptionId: ws.subscriptionId };
  const out: MetricResource[] = [{ ...base, id: ws.id, type: TYPE_WORKSPACE, metrics: lazy(() => workspaceMetrics(ws)) }];
  for (const e of ws.endpoints) {
    out.push({ ...base, id: e.id, type: TYPE_ENDPOINT, metrics: lazy(() => endpointMetrics(e)) });
    for (const d of e.deployments) out.push({ ...base, id: d.id, type: TYPE_DEPLOYMENT, metrics: lazy(() => deploymentMetrics(d)) });
  }
  for (const account of new Set(ws.datastores.map((d) => d.accountName))) {
    const id = `/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}/providers/${TYPE_STORAGE}/${account}`;
    out.push({ ...base, id, type: TYPE_STORAGE, metrics: lazy(() => storageMetrics(ws, account, false)) });
    out.push({ ...base, id: `${id}/blobServices/default`, type: TYPE_BLOB, metrics: lazy(() => storageMetrics(ws, account, true)) });
  }
  return out;
}
