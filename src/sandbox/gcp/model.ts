// Resolves a scenario's `gcp` section into the Vertex AI world the GCP sandbox serves: projects and
// locations with endpoints (deployed models, machines, replicas), custom jobs and datasets, every
// time absolute and every signal compiled. Stories and signals are the SageMaker ones, so a story
// tells the same on both clouds; only the wire units differ (see series.ts).
import { findAccelerator, findInstanceType } from '../../core/catalog/catalog';
import { fleetEndpoints } from '../fleet';
import { hashString, seriesKey } from '../prng';
import type { EndpointSignalName, Scenario, Signal, TrainingSignalName } from '../scenarioTypes';
import { compileSignal, type CompiledSignal } from '../signals';
import { bucketSignals, endpointSignals, querySignals, trainingSignals } from '../stories';
import { MINUTE_MS, parseDuration, resolveTime } from '../time';
import type { World } from '../workloads';
import { fleetMachine, hostileVertex } from './extras';
import type {
  CustomJobSpec,
  DatasetSignalName,
  GcpJobState,
  GcpLocationSpec,
  GcpMachineSpec,
  GcpPipelineState,
  GcpProjectSpec,
  QuerySignalName,
  TrainingPipelineSpec,
  TrainingTask,
  VertexDatasetSpec,
  VertexEndpointSpec,
} from './specTypes';

export interface MachineModel {
  machineType: string;
  acceleratorType?: string;
  acceleratorCount: number;
  vcpu: number;
  memoryGiB: number;
  /** Memory of one accelerator. */
  acceleratorMemoryGiB: number;
}

export interface DeployedModelModel {
  id: string;
  displayName: string;
  model: string;
  automatic: boolean;
  machine: MachineModel;
  minReplicaCount: number;
  maxReplicaCount: number;
  /** Replicas serving now (the sandbox does not autoscale). */
  replicas: number;
  /** Share of the endpoint's traffic, 0..1. */
  share: number;
  trafficPercent: number;
  createdAt: number;
}

export interface VertexEndpointModel {
  id: string;
  displayName: string;
  createdAt: number;
  updatedAt: number;
  deployedModels: DeployedModelModel[];
  signals: Record<EndpointSignalName, CompiledSignal>;
  latencySpread: number;
  /** Metrics exist from here on; undefined when nothing is deployed. */
  metricsFrom?: number;
  key: number;
}

export interface WorkerPoolModel {
  machine: MachineModel;
  replicaCount: number;
}

export interface CustomJobModel {
  id: string;
  displayName: string;
  state: GcpJobState;
  createdAt: number;
  startedAt: number;
  endedAt?: number;
  error?: { code: number; message: string };
  pools: WorkerPoolModel[];
  /** Task names as metrics label them: `workerpool0-0`, `workerpool1-0`... */
  tasks: string[];
  imageUri: string;
  args: string[];
  signals: Record<TrainingSignalName, CompiledSignal>;
  key: number;
}

export interface TrainingPipelineModel {
  id: string;
  displayName: string;
  state: GcpPipelineState;
  task: TrainingTask;
  createdAt: number;
  startedAt: number;
  endedAt?: number;
  error?: { code: number; message: string };
  /** Custom task: the worker pools of its custom job. */
  pools: WorkerPoolModel[];
  imageUri: string;
  args: string[];
  /** The custom job the pipeline started, when it got that far. */
  customJobId?: string;
  /** The id of the dataset it trains on. */
  datasetId?: string;
}

export interface VertexDatasetModel {
  id: string;
  displayName: string;
  createdAt: number;
  schema: NonNullable<VertexDatasetSpec['schema']>;
  bigquerySource?: string;
  gcsSource?: string[];
  dataItemCount?: number;
  signals: Record<DatasetSignalName, CompiledSignal>;
  key: number;
}

export interface GcpLocationModel {
  project: string;
  projectNumber: string;
  location: string;
  endpoints: VertexEndpointModel[];
  customJobs: CustomJobModel[];
  trainingPipelines: TrainingPipelineModel[];
  datasets: VertexDatasetModel[];
}

/** A project's BigQuery query times: Google publishes them per project and location, not per dataset. */
export interface BigQueryProjectModel {
  project: string;
  location: string;
  signals: Record<QuerySignalName, CompiledSignal>;
  metricsFrom: number;
  key: number;
}

export interface GcpWorld {
  locations: GcpLocationModel[];
  bigquery: BigQueryProjectModel[];
  /** A project by id or number. */
  project(idOrNumber: string): { id: string; number: string } | undefined;
  find(project: string, location: string): GcpLocationModel | undefined;
}

const percent = { min: 0, max: 100 };
const endpointBounds: Record<EndpointSignalName, { min?: number; max?: number }> = {
  cpu: percent,
  memory: percent,
  disk: percent,
  gpu: percent,
  gpuMemory: percent,
  requestsPerSecond: { min: 0 },
  latencyP99Ms: { min: 0.05 },
  overheadLatencyMs: { min: 0.01 },
  errors4xxPercent: percent,
  errors5xxPercent: percent,
};
const trainingBounds: Record<TrainingSignalName, { min?: number; max?: number }> = { cpu: percent, memory: percent, disk: percent, gpu: percent, gpuMemory: percent };

/** A stable numeric id (Vertex ids are decimal int64) from the seed and the names. */
export function numericId(seed: number, ...parts: string[]): string {
  const a = seriesKey(seed, 'gcp-id', ...parts);
  const b = hashString(parts.join('/'), a);
  return `${(a % 9) + 1}${String(a).padStart(10, '0').slice(0, 9)}${String(b).padStart(10, '0').slice(0, 9)}`;
}

/** vCPU, memory and accelerators of a machine: scenario override, then the catalog, then a guess from the name. */
export function machineModel(spec: GcpMachineSpec, fallbackType = 'n1-standard-4'): MachineModel {
  const machineType = spec.machineType ?? fallbackType;
  const known = findInstanceType('gcp', machineType);
  const size = Number(/-(\d+)[a-z]?$/.exec(machineType)?.[1] ?? 4);
  const accelerator = spec.acceleratorType ? findAccelerator('gcp', spec.acceleratorType) : undefined;
  const acceleratorCount = spec.acceleratorType ? (spec.acceleratorCount ?? 1) : (known?.gpus ?? 0);
  return {
    machineType,
    acceleratorType: spec.acceleratorType,
    acceleratorCount,
    vcpu: spec.vcpu ?? known?.vcpu ?? size,
    memoryGiB: spec.memoryGiB ?? known?.memoryGiB ?? size * 4,
    acceleratorMemoryGiB: accelerator?.memoryGiB ?? known?.gpuMemoryGiB ?? 16,
  };
}

export function buildGcpWorld(scenario: Scenario, world: Pick<World, 'seed' | 'anchor' | 'historyStart'>, fleetSize: number): GcpWorld {
  const projects = scenario.gcp?.projects ?? [];
  const numbers = new Map(projects.map((p) => [p.id, p.number ?? String(100_000_000_000 + (seriesKey(world.seed, 'project', p.id) % 900_000_000_000))]));
  const ctx = { ...world };
  const locations = projects.flatMap((project, pi) =>
    project.locations.map((spec, li) => {
      // Fleet and hostile resources join the first project's first location, as on AWS.
      const first = pi === 0 && li === 0;
      const extra: GcpLocationSpec = first ? withExtras(spec, scenario, fleetSize, world.seed) : spec;
      return buildLocation(project.id, numbers.get(project.id)!, extra, ctx);
    }),
  );
  return {
    locations,
    bigquery: projects.flatMap((p) => (p.bigquery ? [buildBigQuery(p, ctx)] : [])),
    project: (key) => {
      const p = projects.find((x) => x.id === key || numbers.get(x.id) === key);
      return p && { id: p.id, number: numbers.get(p.id)! };
    },
    find: (project, location) => locations.find((l) => (l.project === project || l.projectNumber === project) && l.location === location),
  };
}

function withExtras(spec: GcpLocationSpec, scenario: Scenario, fleetSize: number, seed: number): GcpLocationSpec {
  const fleet = fleetEndpoints(fleetSize, seed).map((e): VertexEndpointSpec => ({
    name: e.name,
    createdAt: e.createdAt,
    deployedModels: (e.variants ?? []).map((v) => ({ ...fleetMachine(v.instanceType ?? 'ml.m5.large'), minReplicaCount: v.instanceCount })),
    stories: e.stories,
    signals: e.signals,
  }));
  const hostile: Partial<ReturnType<typeof hostileVertex>> = scenario.hostileNames ? hostileVertex() : {};
  return {
    ...spec,
    endpoints: [...(spec.endpoints ?? []), ...(hostile.endpoints ?? []), ...fleet],
    customJobs: [...(spec.customJobs ?? []), ...(hostile.customJobs ?? [])],
    trainingPipelines: spec.trainingPipelines,
    datasets: [...(spec.datasets ?? []), ...(hostile.datasets ?? [])],
  };
}

interface Ctx {
  seed: number;
  anchor: number;
  historyStart: number;
}

function buildLocation(project: string, projectNumber: string, spec: GcpLocationSpec, ctx: Ctx): GcpLocationModel {
  const key = (kind: string, name: string) => seriesKey(ctx.seed, 'gcp', project, spec.name, kind, name);
  const datasets = (spec.datasets ?? []).map((d) => buildDataset(d, project, spec.name, ctx, key('dataset', d.name)));
  const pipelines = (spec.trainingPipelines ?? []).map((p) => buildPipeline(p, project, spec.name, ctx, datasets));
  // A custom training pipeline that got as far as running starts a custom job, listed with the others.
  const spawned = pipelines.flatMap(({ job }) => (job ? [buildJob(job, project, spec.name, ctx, key('customJob', job.name))] : []));
  return {
    project,
    projectNumber,
    location: spec.name,
    endpoints: (spec.endpoints ?? []).map((e) => buildEndpoint(e, project, spec.name, ctx, key('endpoint', e.name))),
    customJobs: [...(spec.customJobs ?? []).map((j) => buildJob(j, project, spec.name, ctx, key('customJob', j.name))), ...spawned],
    trainingPipelines: pipelines.map((p) => p.model),
    datasets,
  };
}

const JOB_STATE_OF: Record<GcpPipelineState, GcpJobState> = {
  PIPELINE_STATE_QUEUED: 'JOB_STATE_QUEUED',
  PIPELINE_STATE_PENDING: 'JOB_STATE_PENDING',
  PIPELINE_STATE_RUNNING: 'JOB_STATE_RUNNING',
  PIPELINE_STATE_SUCCEEDED: 'JOB_STATE_SUCCEEDED',
  PIPELINE_STATE_FAILED: 'JOB_STATE_FAILED',
  PIPELINE_STATE_CANCELLING: 'JOB_STATE_CANCELLING',
  PIPELINE_STATE_CANCELLED: 'JOB_STATE_CANCELLED',
};
const WAITING = new Set<GcpPipelineState>(['PIPELINE_STATE_QUEUED', 'PIPELINE_STATE_PENDING']);

function buildPipeline(spec: TrainingPipelineSpec, project: string, location: string, ctx: Ctx, datasets: VertexDatasetModel[]): { model: TrainingPipelineModel; job?: CustomJobSpec } {
  const startedAt = resolveTime(spec.startedAt, { now: ctx.anchor });
  const running = WAITING.has(spec.state) || spec.state === 'PIPELINE_STATE_RUNNING';
  const endedAt = running || !spec.duration ? undefined : startedAt + parseDuration(spec.duration);
  const task = spec.task ?? 'custom_task';
  const pools = task === 'custom_task' ? (spec.workerPools?.length ? spec.workerPools : [{}]).map((p) => ({ machine: machineModel(p), replicaCount: p.replicaCount ?? 1 })) : [];
  const imageUri = spec.imageUri ?? 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-3.py310:latest';
  const args = spec.args ?? [];
  const error = spec.error ?? (spec.state === 'PIPELINE_STATE_FAILED' ? { code: 13, message: 'Training pipeline failed: the custom job ended in JOB_STATE_FAILED.' } : undefined);
  // The job starts a minute after the pipeline (which first checks its inputs) and ends with it.
  const job: CustomJobSpec | undefined =
    task === 'custom_task' && !WAITING.has(spec.state) && spec.customJob !== false
      ? {
          name: `${spec.name}-custom-job`,
          state: JOB_STATE_OF[spec.state],
          startedAt: new Date(startedAt + MINUTE_MS).toISOString(),
          duration: endedAt !== undefined ? `${Math.max(1, Math.round((endedAt - startedAt) / MINUTE_MS) - 1)}m` : undefined,
          error: spec.state === 'PIPELINE_STATE_FAILED' ? error : undefined,
          workerPools: spec.workerPools,
          imageUri,
          args,
          stories: spec.stories,
          signals: spec.signals,
        }
      : undefined;
  return {
    model: {
      id: spec.id ?? numericId(ctx.seed, project, location, 'trainingPipeline', spec.name),
      displayName: spec.name,
      state: spec.state,
      task,
      createdAt: startedAt - MINUTE_MS,
      startedAt,
      endedAt,
      error,
      pools,
      imageUri,
      args,
      customJobId: job ? numericId(ctx.seed, project, location, 'customJob', job.name) : undefined,
      datasetId: spec.dataset ? datasets.find((d) => d.displayName === spec.dataset)?.id : undefined,
    },
    job,
  };
}

function buildBigQuery(spec: GcpProjectSpec, ctx: Ctx): BigQueryProjectModel {
  const bq = spec.bigquery!;
  return {
    project: spec.id,
    location: bq.location ?? 'US',
    signals: compileAll(querySignals(bq.stories, bq.signals), { queriesPerMinute: { min: 0 }, queryP95Ms: { min: 50 } }, { now: ctx.anchor }),
    metricsFrom: ctx.historyStart,
    key: seriesKey(ctx.seed, 'gcp', spec.id, 'bigquery'),
  };
}

function compileAll<K extends string>(signals: Partial<Record<K, Signal>>, bounds: Record<K, { min?: number; max?: number }>, time: { now: number; start?: number; end?: number }): Record<K, CompiledSignal> {
  const compiled = {} as Record<K, CompiledSignal>;
  for (const name of Object.keys(bounds) as K[]) compiled[name] = compileSignal(signals[name] ?? {}, time, bounds[name]);
  return compiled;
}

function buildEndpoint(spec: VertexEndpointSpec, project: string, location: string, ctx: Ctx, key: number): VertexEndpointModel {
  const createdAt = resolveTime(spec.createdAt ?? '-45d', { now: ctx.anchor });
  const id = spec.id ?? numericId(ctx.seed, project, location, 'endpoint', spec.name);
  const specs = spec.deployedModels ?? [];
  const explicit = specs.reduce((sum, d) => sum + (d.trafficPercent ?? 0), 0);
  const unset = specs.filter((d) => d.trafficPercent === undefined).length;
  const deployedModels = specs.map((d, i): DeployedModelModel => {
    const displayName = d.displayName ?? `${spec.name}-model${specs.length > 1 ? `-${i + 1}` : ''}`;
    const trafficPercent = d.trafficPercent ?? (unset ? Math.max(0, 100 - explicit) / unset : 0);
    const minReplicaCount = d.minReplicaCount ?? 1;
    return {
      id: d.id ?? numericId(ctx.seed, project, location, spec.name, 'deployedModel', String(i)),
      displayName,
      model: `projects/${project}/locations/${location}/models/${numericId(ctx.seed, project, location, 'model', displayName)}`,
      automatic: d.automatic ?? false,
      machine: machineModel(d, d.automatic ? 'n1-standard-2' : 'n1-standard-4'),
      minReplicaCount,
      maxReplicaCount: Math.max(minReplicaCount, d.maxReplicaCount ?? minReplicaCount),
      replicas: minReplicaCount,
      share: trafficPercent / 100,
      trafficPercent,
      createdAt: createdAt + 4 * MINUTE_MS,
    };
  });
  return {
    id,
    displayName: spec.name,
    createdAt,
    updatedAt: createdAt + 9 * MINUTE_MS,
    deployedModels,
    signals: compileAll(endpointSignals(spec.stories, spec.signals), endpointBounds, { now: ctx.anchor, start: createdAt }),
    latencySpread: spec.latencySpread ?? 0.5,
    metricsFrom: deployedModels.length ? Math.max(createdAt + 5 * MINUTE_MS, ctx.historyStart) : undefined,
    key,
  };
}

const RUNNING_STATES = new Set<GcpJobState>(['JOB_STATE_RUNNING', 'JOB_STATE_PENDING', 'JOB_STATE_QUEUED']);

function buildJob(spec: CustomJobSpec, project: string, location: string, ctx: Ctx, key: number): CustomJobModel {
  const startedAt = resolveTime(spec.startedAt, { now: ctx.anchor });
  const endedAt = RUNNING_STATES.has(spec.state) || !spec.duration ? undefined : startedAt + parseDuration(spec.duration);
  const pools = (spec.workerPools?.length ? spec.workerPools : [{}]).map((p) => ({ machine: machineModel(p), replicaCount: p.replicaCount ?? 1 }));
  return {
    id: spec.id ?? numericId(ctx.seed, project, location, 'customJob', spec.name),
    displayName: spec.name,
    state: spec.state,
    createdAt: startedAt - 3 * MINUTE_MS,
    startedAt,
    endedAt,
    error: spec.error ?? (spec.state === 'JOB_STATE_FAILED' ? { code: 13, message: 'The replica workerpool0-0 exited with a non-zero status of 1.' } : undefined),
    pools,
    tasks: pools.flatMap((p, i) => Array.from({ length: p.replicaCount }, (_, r) => `workerpool${i}-${r}`)),
    imageUri: spec.imageUri ?? 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-3.py310:latest',
    args: spec.args ?? [],
    signals: compileAll(trainingSignals(spec.stories, spec.signals), trainingBounds, { now: ctx.anchor, start: startedAt, end: endedAt ?? ctx.anchor }),
    key,
  };
}

function buildDataset(spec: VertexDatasetSpec, project: string, location: string, ctx: Ctx, key: number): VertexDatasetModel {
  const createdAt = resolveTime(spec.createdAt ?? '-90d', { now: ctx.anchor });
  return {
    id: spec.id ?? numericId(ctx.seed, project, location, 'dataset', spec.name),
    displayName: spec.name,
    createdAt,
    schema: spec.schema ?? 'tabular',
    bigquerySource: spec.bigquerySource,
    gcsSource: spec.gcsSource,
    dataItemCount: spec.dataItemCount,
    signals: compileAll(bucketSignals(spec.stories, spec.signals), { sizeGiB: { min: 0 }, objects: { min: 0 } }, { now: ctx.anchor, start: createdAt }),
    key,
  };
}
