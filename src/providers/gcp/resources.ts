// Lists Vertex AI endpoints (with deployed models, machines, accelerators and replicas), custom jobs
// and training pipelines (worker pools and tasks; a pipeline's metrics are those of the custom job it
// started) and datasets (BigQuery or Cloud Storage sources) as provider-neutral Resources, and
// remembers what metrics need to find them again (ids, machines, tables).
import type { google } from '@google-cloud/aiplatform/build/protos/protos';
import type { Autoscaling, Page, Resource, ResourceKind, ScopeRef, Variant } from '../../core/model';
import { formatDuration } from '../format';
import type { GcpClients } from './clients';
import { consoleUrl } from './console';
import { jobStatus, timestampMs } from './status';

type V1 = typeof google.cloud.aiplatform.v1;
type IEndpoint = google.cloud.aiplatform.v1.IEndpoint;
type ICustomJob = google.cloud.aiplatform.v1.ICustomJob;
type ITrainingPipeline = google.cloud.aiplatform.v1.ITrainingPipeline;
type IWorkerPoolSpec = google.cloud.aiplatform.v1.IWorkerPoolSpec;
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
  /** The id metrics are labelled with: a training pipeline's is its custom job's ('' when it started none). */
  id: string;
  /** Training pipelines: the pipeline's own id. */
  pipelineId?: string;
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

type Replicas = NonNullable<IEndpoint['deployedModels']>[number]['dedicatedResources'];

/** Vertex AI scales a deployed model between its min and max replicas (max 0 or unset = min): equal is fixed. */
export function replicaScaling(resources: Replicas | undefined): Autoscaling {
  const min = Number(resources?.minReplicaCount ?? 0) || 1;
  const max = Math.max(min, Number(resources?.maxReplicaCount ?? 0) || min);
  if (max <= min) return { mode: 'fixed' };
  const spec = resources?.autoscalingMetricSpecs?.[0];
  const metric = spec?.metricName ? String(spec.metricName).replace(/^aiplatform\.googleapis\.com\/prediction\/online\//, '') : 'cpu/utilization';
  return { mode: 'autoscaled', minCapacity: min, maxCapacity: max, metric, targetValue: Number(spec?.target ?? 0) || 60 };
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
      autoscaling: replicaScaling(resources),
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

export function listTrainingPipelines(ctx: ListContext, pageSize: number, pageToken?: string): Promise<Page<Resource>> {
  return listNamed<ITrainingPipeline>(ctx, pageSize, pageToken, 'training pipelines', 'Vertex.ListTrainingPipelines', (r, o) => ctx.clients.pipelines.listTrainingPipelines(r, o), pipelineResource);
}

const JOBS = 'jobs:';
const PIPELINES = 'pipelines:';

/**
 * Training jobs are custom jobs, then training pipelines: one list with a token that says which
 * collection it continues (custom jobs first, so a pipeline's name can avoid theirs).
 */
export async function listTrainingJobs(ctx: ListContext, pageSize: number, pageToken?: string): Promise<Page<Resource>> {
  const inPipelines = pageToken?.startsWith(PIPELINES) ?? false;
  const items: Resource[] = [];
  if (!inPipelines) {
    const jobs = await listCustomJobs(ctx, pageSize, pageToken?.startsWith(JOBS) ? pageToken.slice(JOBS.length) : undefined);
    if (jobs.nextToken) return { items: jobs.items, nextToken: JOBS + jobs.nextToken };
    items.push(...jobs.items);
    if (items.length >= pageSize) return { items, nextToken: PIPELINES };
  }
  const pipelines = await listTrainingPipelines(ctx, pageSize - items.length, inPipelines ? pageToken!.slice(PIPELINES.length) || undefined : undefined);
  return { items: [...items, ...pipelines.items], nextToken: pipelines.nextToken ? PIPELINES + pipelines.nextToken : undefined };
}

/** What a custom job and a training pipeline have in common in the tree: worker pools, state, times. */
interface TrainingRun {
  idLabel: string;
  id: string;
  nativeName: string | null | undefined;
  state: string;
  pools: IWorkerPoolSpec[];
  times: Pick<ICustomJob, 'createTime' | 'startTime' | 'endTime' | 'updateTime'>;
  error?: string;
  /** The custom job whose tasks publish the metrics. */
  metricsJobId: string;
  details?: Record<string, string>;
}

function trainingResource(ctx: ListContext, run: TrainingRun, name: string, consoleKind: 'trainingJob' | 'trainingPipeline'): Resource {
  const { pools } = run;
  const machines = new Map<string, MachineInfo>();
  const hosts: string[] = [];
  const variants: Variant[] = pools.map((p, i) => {
    const m = machine(p.machineSpec, 'unknown');
    const count = Number(p.replicaCount ?? 1);
    // Tasks publish metrics only once a custom job runs them.
    for (let r = 0; run.metricsJobId && r < count; r++) {
      hosts.push(`workerpool${i}-${r}`);
      machines.set(`workerpool${i}-${r}`, m);
    }
    return { name: `workerpool${i}`, instanceType: m.machineType, instanceCount: count, ...(m.acceleratorType ? { accelerator: { type: m.acceleratorType, count: m.acceleratorCount } } : {}) };
  });
  ctx.cache.byKind.trainingJob.set(name, { id: run.metricsJobId, machines, ...(consoleKind === 'trainingPipeline' ? { pipelineId: run.id } : {}) });
  const { status, label } = jobStatus(run.state);
  const created = timestampMs(run.times.createTime);
  const started = timestampMs(run.times.startTime);
  const ended = timestampMs(run.times.endTime);
  const details: Record<string, string> = { [run.idLabel]: run.id, ...run.details };
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
  if (ended !== undefined && status !== 'running') timeline.push({ status: label, start: ended, end: ended, message: run.error });
  return {
    ref: ref(ctx, 'trainingJob', name),
    nativeId: run.nativeName ?? run.id,
    status,
    rawStatus: label,
    statusReason: run.error || undefined,
    createdAt: created,
    // Finished jobs end at endTime, which is when their metrics stop.
    modifiedAt: ended ?? timestampMs(run.times.updateTime),
    variants,
    hosts,
    timeline,
    details,
    consoleUrl: ctx.scope.sandbox ? undefined : consoleUrl(ctx.scope, consoleKind, run.id),
  };
}

function jobResource(ctx: ListContext, j: ICustomJob, name: string): Resource {
  const id = lastSegment(j.name);
  const run: TrainingRun = { idLabel: 'Job ID', id, nativeName: j.name, state: String(j.state ?? 'JOB_STATE_UNSPECIFIED'), pools: j.jobSpec?.workerPoolSpecs ?? [], times: j, error: j.error?.message ?? undefined, metricsJobId: id };
  return trainingResource(ctx, run, name, 'trainingJob');
}

/** `gs://.../definition/custom_task_1.0.0.yaml` → `custom_task`. */
export function trainingTaskName(definition: string | null | undefined): string {
  return /\/([a-z0-9_]+?)_\d+\.\d+\.\d+\.yaml$/.exec(definition ?? '')?.[1] ?? (lastSegment(definition) || 'unknown');
}

function pipelineResource(ctx: ListContext, p: ITrainingPipeline, name: string): Resource {
  const id = lastSegment(p.name);
  const task = trainingTaskName(p.trainingTaskDefinition);
  // Custom training pipelines carry a CustomJobSpec's worker pools in their free-form task inputs.
  const pools = task === 'custom_task' ? ((plain(valueAt(p.trainingTaskInputs, 'workerPoolSpecs')) as IWorkerPoolSpec[] | undefined) ?? []).filter((x) => x && typeof x === 'object') : [];
  const backing = valueAt(p.trainingTaskMetadata, 'backingCustomJob')?.stringValue ?? undefined;
  const details: Record<string, string> = { 'Training pipeline': task };
  if (backing) details['Custom job'] = lastSegment(backing);
  if (p.inputDataConfig?.datasetId) details['Dataset ID'] = p.inputDataConfig.datasetId;
  if (p.modelToUpload?.displayName) details['Model'] = p.modelToUpload.displayName;
  // Custom jobs are listed first: a pipeline named like one (or like another pipeline) gets its id.
  const taken = ctx.cache.byKind.trainingJob.get(name);
  const unique = taken && taken.pipelineId !== id ? `${name} (pipeline ${id})` : name;
  const run: TrainingRun = {
    idLabel: 'Pipeline ID',
    id,
    nativeName: p.name,
    state: String(p.state ?? 'PIPELINE_STATE_UNSPECIFIED'),
    pools,
    times: p,
    error: p.error?.message ?? undefined,
    metricsJobId: backing ? lastSegment(backing) : '',
    details,
  };
  return trainingResource(ctx, run, unique, 'trainingPipeline');
}

export function listDatasets(ctx: ListContext, pageSize: number, pageToken?: string): Promise<Page<Resource>> {
  return listNamed<IDataset>(ctx, pageSize, pageToken, 'datasets', 'Vertex.ListDatasets', (r, o) => ctx.clients.datasets.listDatasets({ ...r, orderBy: 'display_name' }, o), datasetResource);
}

type IValue = google.protobuf.IValue;

/** Reads a path out of a google.protobuf.Value (a dataset's metadata, a pipeline's task inputs). */
function valueAt(value: IValue | null | undefined, ...path: string[]): IValue | undefined {
  let v: IValue | null | undefined = value;
  for (const key of path) v = v?.structValue?.fields?.[key];
  return v ?? undefined;
}

/** A google.protobuf.Value as the JSON it stands for. */
function plain(value: IValue | null | undefined): unknown {
  if (!value) return undefined;
  if (value.structValue) return Object.fromEntries(Object.entries(value.structValue.fields ?? {}).map(([k, v]) => [k, plain(v)]));
  if (value.listValue) return (value.listValue.values ?? []).map(plain);
  if (value.stringValue !== undefined && value.stringValue !== null) return value.stringValue;
  if (value.numberValue !== undefined && value.numberValue !== null) return value.numberValue;
  if (value.boolValue !== undefined && value.boolValue !== null) return value.boolValue;
  return null;
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
