// Lists Vertex AI endpoints (with deployed models, machines, accelerators and replicas), custom jobs
// (worker pools and tasks) and datasets (BigQuery or Cloud Storage sources) as provider-neutral
// Resources, and remembers what metrics need to find them again (ids, machines, tables).
import type { google } from '@google-cloud/aiplatform/build/protos/protos';
import type { Page, Resource, ResourceKind, ScopeRef, Variant } from '../../core/model';
import { formatDuration } from '../format';
import type { GcpClients } from './clients';
import { consoleUrl } from './console';
import { jobStatus, timestampMs } from './status';

type V1 = typeof google.cloud.aiplatform.v1;
type IEndpoint = google.cloud.aiplatform.v1.IEndpoint;
type ICustomJob = google.cloud.aiplatform.v1.ICustomJob;
type IDataset = google.cloud.aiplatform.v1.IDataset;
type IMachineSpec = google.cloud.aiplatform.v1.IMachineSpec;
export type { V1 };

/** Gax call options the adapter sets on every call (no gax retries: the caller retries and counts). */
export type CallOptions = { retry: null; autoPaginate: false };
/** Runs one API call with counting, retries, timeout, cancellation and error mapping. */
export type Call = <T>(operation: string, counter: string, fn: (options: CallOptions) => Promise<T>) => Promise<T>;

export interface MachineInfo {
  machineType: string;
  acceleratorType?: string;
  acceleratorCount: number;
}

/** What a metric query needs about a resource it names: ids to filter on and machines to normalise by. */
export interface KnownResource {
  id: string;
  /** Endpoints: deployed model id → machine; jobs: task name → machine. */
  machines: Map<string, MachineInfo>;
  /** Datasets: the BigQuery table it reads. */
  table?: { project: string; dataset: string; table: string };
}

export class ResourceCache {
  readonly byKind: Record<ResourceKind, Map<string, KnownResource>> = { endpoint: new Map(), trainingJob: new Map(), dataset: new Map() };
}

export interface ListContext {
  scope: ScopeRef;
  clients: GcpClients;
  call: Call;
  cache: ResourceCache;
  /** The project as the API names it in `parent`. */
  parent: string;
}

const MAX_PAGE = 100;

function machine(spec: IMachineSpec | null | undefined, fallback = 'automatic'): MachineInfo {
  const type = spec?.acceleratorType;
  const accelerator = typeof type === 'string' && type !== 'ACCELERATOR_TYPE_UNSPECIFIED' ? type : undefined;
  return { machineType: spec?.machineType || fallback, acceleratorType: accelerator, acceleratorCount: accelerator ? Number(spec?.acceleratorCount ?? 1) : 0 };
}

function lastSegment(name: string | null | undefined): string {
  return (name ?? '').split('/').pop() ?? '';
}

/** Display names need not be unique in Vertex; a repeated one gets its id so tree ids stay distinct. */
function uniqueNames<T>(items: T[], display: (item: T) => string, id: (item: T) => string): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(display(item), (counts.get(display(item)) ?? 0) + 1);
  return items.map((item) => (counts.get(display(item))! > 1 ? `${display(item)} (${id(item)})` : display(item)));
}

/** Pages through a Vertex list until `pageSize` items are collected or the list ends. */
async function collect<T>(pageSize: number, token: string | undefined, fetch: (size: number, token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<{ items: T[]; next?: string }> {
  const items: T[] = [];
  let next = token;
  do {
    const page = await fetch(Math.min(MAX_PAGE, pageSize - items.length), next);
    items.push(...page.items);
    next = page.next || undefined;
  } while (next && items.length < pageSize);
  return { items, next };
}

/** One Vertex list call's answer as the clients return it with autoPaginate off. */
type ListAnswer<T> = [T[], unknown, { nextPageToken?: string | null } | null | undefined];

/** Lists one collection page by page, then turns items into Resources named uniquely by display name. */
async function listNamed<T extends { name?: string | null; displayName?: string | null }>(
  ctx: ListContext,
  pageSize: number,
  pageToken: string | undefined,
  what: string,
  counter: string,
  fetch: (request: { parent: string; pageSize: number; pageToken?: string }, options: CallOptions) => Promise<ListAnswer<T>>,
  toResource: (ctx: ListContext, item: T, name: string) => Resource,
): Promise<Page<Resource>> {
  const { items, next } = await collect<T>(pageSize, pageToken, async (size, token) => {
    const [list, , raw] = await ctx.call(`list ${what}`, counter, (o) => fetch({ parent: ctx.parent, pageSize: size, pageToken: token }, o));
    return { items: list, next: raw?.nextPageToken ?? undefined };
  });
  const names = uniqueNames(items, (x) => x.displayName ?? '', (x) => lastSegment(x.name));
  return { items: items.map((x, i) => toResource(ctx, x, names[i])), nextToken: next };
}

function ref(ctx: ListContext, kind: ResourceKind, name: string): Resource['ref'] {
  return { provider: 'gcp', scopeId: ctx.scope.id, kind, name };
}

export function listEndpoints(ctx: ListContext, pageSize: number, pageToken?: string): Promise<Page<Resource>> {
  return listNamed<IEndpoint>(ctx, pageSize, pageToken, 'endpoints', 'Vertex.ListEndpoints', (r, o) => ctx.clients.endpoints.listEndpoints({ ...r, orderBy: 'display_name' }, o), endpointResource);
}

function endpointResource(ctx: ListContext, e: IEndpoint, name: string): Resource {
  const id = lastSegment(e.name);
  const models = e.deployedModels ?? [];
  const machines = new Map<string, MachineInfo>();
  const variants: Variant[] = models.map((d) => {
    const resources = d.dedicatedResources ?? d.automaticResources;
    const m = machine(d.dedicatedResources?.machineSpec);
    machines.set(d.id ?? '', m);
    return {
      name: d.id ?? '',
      instanceType: m.machineType === 'automatic' ? undefined : m.machineType,
      instanceCount: Number(d.status?.availableReplicaCount ?? resources?.minReplicaCount ?? 0) || undefined,
      ...(m.acceleratorType ? { accelerator: { type: m.acceleratorType, count: m.acceleratorCount } } : {}),
    };
  });
  ctx.cache.byKind.endpoint.set(name, { id, machines });
  const details: Record<string, string> = { 'Endpoint ID': id };
  const split = e.trafficSplit ?? {};
  models.forEach((d) => {
    const resources = d.dedicatedResources ?? d.automaticResources;
    const m = machines.get(d.id ?? '')!;
    const accel = m.acceleratorType ? ` + ${m.acceleratorCount} × ${m.acceleratorType}` : '';
    const replicas = `${resources?.minReplicaCount ?? '?'}-${resources?.maxReplicaCount || resources?.minReplicaCount || '?'} replicas`;
    details[`Model ${d.id}`] = `${d.displayName ?? ''}: ${m.machineType}${accel}, ${replicas}, ${split[d.id ?? ''] ?? 0} % of traffic`;
  });
  return {
    ref: ref(ctx, 'endpoint', name),
    nativeId: e.name ?? id,
    // Vertex endpoints have no state of their own: one with a model deployed serves.
    status: models.length ? 'inService' : 'outOfService',
    rawStatus: models.length ? 'Deployed' : 'No model deployed',
    createdAt: timestampMs(e.createTime),
    modifiedAt: timestampMs(e.updateTime),
    variants,
    details,
    consoleUrl: ctx.scope.sandbox ? undefined : consoleUrl(ctx.scope, 'endpoint', id),
  };
}

export function listCustomJobs(ctx: ListContext, pageSize: number, pageToken?: string): Promise<Page<Resource>> {
  return listNamed<ICustomJob>(ctx, pageSize, pageToken, 'custom jobs', 'Vertex.ListCustomJobs', (r, o) => ctx.clients.jobs.listCustomJobs(r, o), jobResource);
}

function jobResource(ctx: ListContext, j: ICustomJob, name: string): Resource {
  const id = lastSegment(j.name);
  const pools = j.jobSpec?.workerPoolSpecs ?? [];
  const machines = new Map<string, MachineInfo>();
  const hosts: string[] = [];
  const variants: Variant[] = pools.map((p, i) => {
    const m = machine(p.machineSpec, 'unknown');
    const count = Number(p.replicaCount ?? 1);
    for (let r = 0; r < count; r++) {
      hosts.push(`workerpool${i}-${r}`);
      machines.set(`workerpool${i}-${r}`, m);
    }
    return { name: `workerpool${i}`, instanceType: m.machineType, instanceCount: count, ...(m.acceleratorType ? { accelerator: { type: m.acceleratorType, count: m.acceleratorCount } } : {}) };
  });
  ctx.cache.byKind.trainingJob.set(name, { id, machines });
  const state = String(j.state ?? 'JOB_STATE_UNSPECIFIED');
  const { status, label } = jobStatus(state);
  const created = timestampMs(j.createTime);
  const started = timestampMs(j.startTime);
  const ended = timestampMs(j.endTime);
  const details: Record<string, string> = { 'Job ID': id };
  const container = pools[0]?.containerSpec;
  if (container?.imageUri) details['Image'] = container.imageUri;
  if (container?.args?.length) details['Args'] = container.args.join(' ');
  pools.forEach((p, i) => {
    const m = machine(p.machineSpec, 'unknown');
    details[`Worker pool ${i}`] = `${m.machineType}${m.acceleratorType ? ` + ${m.acceleratorCount} × ${m.acceleratorType}` : ''} × ${Number(p.replicaCount ?? 1)}`;
  });
  if (started !== undefined && (ended !== undefined || status === 'running')) details['Duration'] = formatDuration((ended ?? Date.now()) - started);
  const timeline: NonNullable<Resource['timeline']> = [];
  if (created !== undefined) timeline.push({ status: 'Queued', start: created, end: started ?? ended });
  if (started !== undefined) timeline.push({ status: 'Running', start: started, end: ended });
  if (ended !== undefined && status !== 'running') timeline.push({ status: label, start: ended, end: ended, message: j.error?.message ?? undefined });
  return {
    ref: ref(ctx, 'trainingJob', name),
    nativeId: j.name ?? id,
    status,
    rawStatus: label,
    statusReason: j.error?.message || undefined,
    createdAt: created,
    // Finished jobs end at endTime, which is when their metrics stop.
    modifiedAt: ended ?? timestampMs(j.updateTime),
    variants,
    hosts,
    timeline,
    details,
    consoleUrl: ctx.scope.sandbox ? undefined : consoleUrl(ctx.scope, 'trainingJob', id),
  };
}

export function listDatasets(ctx: ListContext, pageSize: number, pageToken?: string): Promise<Page<Resource>> {
  return listNamed<IDataset>(ctx, pageSize, pageToken, 'datasets', 'Vertex.ListDatasets', (r, o) => ctx.clients.datasets.listDatasets({ ...r, orderBy: 'display_name' }, o), datasetResource);
}

type IValue = google.protobuf.IValue;

/** Reads a path out of a google.protobuf.Value (the dataset's free-form metadata). */
function valueAt(value: IValue | null | undefined, ...path: string[]): IValue | undefined {
  let v: IValue | null | undefined = value;
  for (const key of path) v = v?.structValue?.fields?.[key];
  return v ?? undefined;
}

export function parseBigQueryUri(uri: string | undefined): KnownResource['table'] {
  const m = /^bq:\/\/([^.]+)\.([^.]+)\.(.+)$/.exec(uri ?? '');
  return m ? { project: m[1], dataset: m[2], table: m[3] } : undefined;
}

function datasetResource(ctx: ListContext, d: IDataset, name: string): Resource {
  const id = lastSegment(d.name);
  const input = valueAt(d.metadata, 'inputConfig');
  const bq = valueAt(input, 'bigquerySource', 'uri')?.stringValue ?? undefined;
  const gcs = (valueAt(input, 'gcsSource', 'uri')?.listValue?.values ?? []).map((v) => v.stringValue ?? '').filter(Boolean);
  const schema = /\/([a-z_]+)_\d+\.\d+\.\d+\.yaml$/.exec(d.metadataSchemaUri ?? '')?.[1] ?? 'unknown';
  const table = parseBigQueryUri(bq);
  ctx.cache.byKind.dataset.set(name, { id, machines: new Map(), table });
  const details: Record<string, string> = { 'Dataset ID': id, Schema: schema };
  if (d.dataItemCount !== undefined && d.dataItemCount !== null && String(d.dataItemCount) !== '0') details['Data items'] = Number(d.dataItemCount).toLocaleString('en-US');
  if (table) details['BigQuery table'] = `${table.project}.${table.dataset}.${table.table}`;
  return {
    ref: ref(ctx, 'dataset', name),
    nativeId: d.name ?? id,
    status: 'inService',
    rawStatus: 'Ready',
    createdAt: timestampMs(d.createTime),
    modifiedAt: timestampMs(d.updateTime),
    location: bq ?? gcs[0],
    datasetType: bq ? 'bigquery' : gcs.length ? 'gcs' : 'managed',
    details,
    consoleUrl: ctx.scope.sandbox ? undefined : consoleUrl(ctx.scope, 'dataset', id),
  };
}
