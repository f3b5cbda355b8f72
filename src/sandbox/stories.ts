// Named presets ("stories") that expand to signals, so a scenario reads as what happens to a
// resource rather than as numbers. Stories layer over a healthy baseline in the order given;
// a resource's explicit `signals` are applied last and win field by field.
import { mergeSignals } from './signals';
import type {
  BucketSignalName,
  BucketStory,
  EndpointSignalName,
  EndpointStory,
  Signal,
  TrainingSignalName,
  TrainingStory,
} from './scenarioTypes';
import type { QuerySignalName, QueryStory } from './gcp/specTypes';

type Signals<K extends string> = Partial<Record<K, Signal>>;

const endpointBaseline: Signals<EndpointSignalName> = {
  cpu: { base: 32, noise: 4, diurnal: 8 },
  memory: { base: 48, noise: 1.5 },
  disk: { base: 22, noise: 0.3 },
  gpu: { base: 45, noise: 6, diurnal: 10 },
  gpuMemory: { base: 38, noise: 2 },
  requestsPerSecond: { base: 20, noise: 1.5, diurnal: 6 },
  latencyP99Ms: { base: 150, noise: 10 },
  overheadLatencyMs: { base: 4, noise: 0.4 },
  errors4xxPercent: { base: 0.3, noise: 0.1 },
  errors5xxPercent: { base: 0.05, noise: 0.02 },
};

export const endpointStories: Record<EndpointStory, Signals<EndpointSignalName>> = {
  healthy: {},
  idle: {
    requestsPerSecond: { base: 0.05, noise: 0.02, diurnal: 0 },
    cpu: { base: 3, noise: 0.5, diurnal: 0 },
    gpu: { base: 1, noise: 0.3, diurnal: 0 },
  },
  overProvisionedGpu: {
    gpu: { base: 6, noise: 1.2, diurnal: 2 },
    gpuMemory: { base: 11, noise: 0.5 },
    cpu: { base: 8, noise: 1, diurnal: 1.5 },
    memory: { base: 22, noise: 1 },
  },
  overProvisioned: {
    cpu: { base: 7, noise: 1, diurnal: 2 },
    memory: { base: 20, noise: 1 },
  },
  // ~45 % three days ago to ~92 % now, still climbing as the clock moves on.
  memoryLeak: { memory: { base: 45, noise: 0.8, trend: { from: '-3d', perDay: 15.7 } } },
  latencyRegression: { latencyP99Ms: { base: 250, noise: 15, steps: [{ at: '-6h', value: 1450 }] } },
  errorSpike: { errors5xxPercent: { base: 0.05, noise: 0.03, spikes: [{ from: '-1h', value: 7 }] } },
  clientErrors: { errors4xxPercent: { base: 4, noise: 0.8 } },
  // p95 of per-minute samples lands near 96 %.
  cpuSaturated: { cpu: { base: 92.5, noise: 2, diurnal: 1.5 }, latencyP99Ms: { base: 420, noise: 40 } },
  gpuSaturated: { gpu: { base: 97, noise: 1.5, diurnal: 0 }, gpuMemory: { base: 88, noise: 1 } },
  trafficSurge: { requestsPerSecond: { base: 20, noise: 2, steps: [{ at: '-2h', value: 65 }] } },
};

const trainingBaseline: Signals<TrainingSignalName> = {
  cpu: { base: 45, noise: 5 },
  memory: { base: 55, noise: 2 },
  disk: { base: 30, noise: 0.5, trend: { from: 'start', perDay: 4 } },
  gpu: { base: 88, noise: 4 },
  gpuMemory: { base: 76, noise: 2 },
};

export const trainingStories: Record<TrainingStory, Signals<TrainingSignalName>> = {
  healthy: {},
  // The GPUs wait on input: CPU pegged decoding and augmenting, accelerators mostly idle.
  dataLoaderBottleneck: {
    gpu: { base: 15, noise: 4 },
    gpuMemory: { base: 30, noise: 1.5 },
    cpu: { base: 95, noise: 1.5 },
  },
  outOfMemory: {
    memory: { base: 40, noise: 1, ramp: { from: 'start+5m', to: 'end', value: 100 } },
    gpu: { base: 70, noise: 6 },
  },
  underutilizedGpu: { gpu: { base: 20, noise: 4 }, gpuMemory: { base: 18, noise: 1 } },
};

const bucketBaseline: Signals<BucketSignalName> = {
  sizeGiB: { base: 500 },
  objects: { base: 800_000 },
};

export const bucketStories: Record<BucketStory, Signals<BucketSignalName>> = {
  growing: {
    sizeGiB: { trend: { from: '-14d', perDay: 12 } },
    objects: { trend: { from: '-14d', perDay: 15_000 } },
  },
  stable: {},
};

const queryBaseline: Signals<QuerySignalName> = {
  queriesPerMinute: { base: 60, noise: 6, diurnal: 20 },
  queryP95Ms: { base: 1800, noise: 120 },
};

export const queryStories: Record<QueryStory, Signals<QuerySignalName>> = {
  steady: {},
  // Tables outgrow their layout: full scans take a little longer every day (p95 ~1.8 s five days ago, ~6.4 s now as read from the buckets).
  queryTimeRising: { queryP95Ms: { trend: { from: '-5d', perDay: 1000 } } },
};

export function endpointSignals(stories: readonly EndpointStory[] = [], explicit?: Signals<EndpointSignalName>): Signals<EndpointSignalName> {
  return mergeSignals(endpointBaseline, ...stories.map((s) => endpointStories[s]), explicit);
}

export function trainingSignals(stories: readonly TrainingStory[] = [], explicit?: Signals<TrainingSignalName>): Signals<TrainingSignalName> {
  return mergeSignals(trainingBaseline, ...stories.map((s) => trainingStories[s]), explicit);
}

export function bucketSignals(stories: readonly BucketStory[] = [], explicit?: Signals<BucketSignalName>): Signals<BucketSignalName> {
  return mergeSignals(bucketBaseline, ...stories.map((s) => bucketStories[s]), explicit);
}

export function querySignals(stories: readonly QueryStory[] = [], explicit?: Signals<QuerySignalName>): Signals<QuerySignalName> {
  return mergeSignals(queryBaseline, ...stories.map((s) => queryStories[s]), explicit);
}
