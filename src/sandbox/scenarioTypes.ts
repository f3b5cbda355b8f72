// The shape of a scenario document, as written by a person (YAML or JSON) and as checked by
// docs/scenario.schema.json. Keep the two in step: the schema is the contract for files, these
// types are the contract for code that builds scenarios (scenarios/default.ts, tests).
import type { AzureScenario } from './azure/specTypes';
import type { GcpScenario } from './gcp/specTypes';

/**
 * A point in time. Relative forms are resolved against the scenario's anchor (see docs/scenarios.md):
 * `now`, `-2h`, `-3d12h`, `start+10m` (resource start), `end-30m` (training job end), or an ISO 8601
 * timestamp. Units: s, m, h, d, w.
 */
export type TimeExpr = string;

/** One metric in the units a person thinks in (percent per instance, ms, requests per second, %). */
export interface Signal {
  base?: number;
  /** Standard deviation of the per-minute noise, same unit as `base`. */
  noise?: number;
  /** Daily swing amplitude; the peak is at 14:00 UTC. */
  diurnal?: number;
  /** Linear change per day starting at `from` (and flat after `until`). */
  trend?: { from: TimeExpr; perDay: number; until?: TimeExpr };
  /** Linear move from the level at `from` to `value` at `to`; holds `value` afterwards. */
  ramp?: { from: TimeExpr; to: TimeExpr; value: number };
  /** The base level becomes `value` from `at` on (the latest step wins). */
  steps?: Array<{ at: TimeExpr; value: number }>;
  /** The level is `value` inside the window; no `to` means the spike is still going on. */
  spikes?: Array<{ from: TimeExpr; to?: TimeExpr; value: number }>;
  min?: number;
  max?: number;
}

export type EndpointSignalName =
  | 'cpu'
  | 'memory'
  | 'disk'
  | 'gpu'
  | 'gpuMemory'
  | 'requestsPerSecond'
  | 'latencyP99Ms'
  | 'overheadLatencyMs'
  | 'errors4xxPercent'
  | 'errors5xxPercent';

export type TrainingSignalName = 'cpu' | 'memory' | 'disk' | 'gpu' | 'gpuMemory';
export type BucketSignalName = 'sizeGiB' | 'objects';

export type EndpointStory =
  | 'healthy'
  | 'idle'
  | 'overProvisionedGpu'
  | 'overProvisioned'
  | 'memoryLeak'
  | 'latencyRegression'
  | 'errorSpike'
  | 'clientErrors'
  | 'cpuSaturated'
  | 'gpuSaturated'
  | 'trafficSurge';
export type TrainingStory = 'healthy' | 'dataLoaderBottleneck' | 'outOfMemory' | 'underutilizedGpu';
export type BucketStory = 'growing' | 'stable';

export type EndpointStatus =
  | 'InService'
  | 'Creating'
  | 'Updating'
  | 'SystemUpdating'
  | 'RollingBack'
  | 'OutOfService'
  | 'Deleting'
  | 'Failed';
export type TrainingJobStatus = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

export interface VariantSpec {
  name?: string;
  instanceType?: string;
  instanceCount?: number;
  /** Share of the endpoint's traffic (relative to the other variants); default 1. */
  weight?: number;
  serverless?: { memorySizeInMB: number; maxConcurrency: number };
  /** Overrides the instance catalog, e.g. for instance types it does not know yet. */
  vcpu?: number;
  gpus?: number;
  /** An Application Auto Scaling target on the variant's instance count; none = fixed capacity. */
  autoscaling?: VariantAutoscalingSpec;
}

export interface VariantAutoscalingSpec {
  minCapacity: number;
  maxCapacity: number;
  /**
   * The target-tracking policy; `false` registers the target with no policy. Default:
   * SageMakerVariantInvocationsPerInstance at 1000 invocations per instance per minute.
   */
  policy?: false | { predefinedMetric?: 'SageMakerVariantInvocationsPerInstance' | 'SageMakerVariantConcurrentRequestsPerModelHighResolution'; targetValue: number; name?: string };
}

export interface EndpointSpec {
  name: string;
  status?: EndpointStatus;
  failureReason?: string;
  createdAt?: TimeExpr;
  modifiedAt?: TimeExpr;
  variants?: VariantSpec[];
  stories?: EndpointStory[];
  signals?: Partial<Record<EndpointSignalName, Signal>>;
  /** Normal-distribution spread (sigma of the log) of per-request latency; default 0.5. */
  latencySpread?: number;
}

export interface TrainingJobSpec {
  name: string;
  status: TrainingJobStatus;
  instanceType: string;
  instanceCount?: number;
  startedAt: TimeExpr;
  /** Required unless the job is InProgress: how long it ran. */
  duration?: string;
  failureReason?: string;
  algorithm?: string;
  inputs?: Array<{ channel: string; s3Uri: string }>;
  outputS3Uri?: string;
  hyperParameters?: Record<string, string>;
  stories?: TrainingStory[];
  signals?: Partial<Record<TrainingSignalName, Signal>>;
  vcpu?: number;
  gpus?: number;
}

export interface FeatureGroupSpec {
  name: string;
  status?: 'Creating' | 'Created' | 'CreateFailed' | 'Deleting' | 'DeleteFailed';
  createdAt?: TimeExpr;
  description?: string;
  recordIdentifier: string;
  eventTime: string;
  features: Array<{ name: string; type: 'Integral' | 'Fractional' | 'String' }>;
  onlineStore?: boolean;
  /** `s3://bucket/prefix` of the offline store; none = online only. */
  offlineStoreS3Uri?: string;
  failureReason?: string;
}

export interface S3BucketSpec {
  name: string;
  createdAt?: TimeExpr;
  stories?: BucketStory[];
  signals?: Partial<Record<BucketSignalName, Signal>>;
}

export interface RegionSpec {
  name: string;
  endpoints?: EndpointSpec[];
  trainingJobs?: TrainingJobSpec[];
  featureGroups?: FeatureGroupSpec[];
  s3Buckets?: S3BucketSpec[];
}

export interface AccountSpec {
  id: string;
  /** Access key ids that sign in to this account; the first account also takes every other key. */
  accessKeyIds?: string[];
  /** IAM actions the sandbox's identity may not call here (SageMaker, CloudWatch, Application Auto Scaling), e.g. `application-autoscaling:DescribeScalableTargets`: they fail with AccessDeniedException. */
  deniedActions?: string[];
  regions: RegionSpec[];
}

export interface Scenario {
  $schema?: string;
  name?: string;
  description?: string;
  seed: number | string;
  /** How far back data exists, e.g. `14d`. */
  history?: string;
  clock?: { start?: string };
  /** Extra synthetic endpoints `fleet-0001`... in the first account's first region. */
  fleetSize?: number;
  /** Adds resources whose names carry markup, 300 characters, RTL text and emoji. */
  hostileNames?: boolean;
  aws?: { accounts: AccountSpec[] };
  /** Azure Machine Learning subscriptions, resource groups and workspaces (src/sandbox/azure/specTypes.ts). */
  azure?: AzureScenario;
  /** Vertex AI projects and locations (src/sandbox/gcp/specTypes.ts). */
  gcp?: GcpScenario;
}
