// Plain data shared by every layer. No vscode import (lint-enforced).

export type ProviderId = 'aws' | 'gcp' | 'azure';
export type ResourceKind = 'trainingJob' | 'endpoint' | 'dataset';

/** Provider-neutral lifecycle states; each adapter maps its own vocabulary onto these. */
export type ResourceStatus =
  | 'inService'
  | 'creating'
  | 'updating'
  | 'deleting'
  | 'failed'
  | 'outOfService'
  | 'pending'
  | 'running'
  | 'stopping'
  | 'stopped'
  | 'completed'
  | 'unknown';

/** An account (or project, subscription) in one region: the unit a provider lists and batches by. */
export interface ScopeRef {
  provider: ProviderId;
  /** Stable across sessions, e.g. `aws/prod/us-east-1`. */
  id: string;
  label: string;
  region: string;
  /** AWS profile, GCP project, Azure subscription. */
  account: string;
  /** True when this scope points at the local sandbox clouds. */
  sandbox?: boolean;
}

export interface ResourceRef {
  provider: ProviderId;
  scopeId: string;
  kind: ResourceKind;
  /** Human name, unique within scope and kind. */
  name: string;
}

export interface Variant {
  name: string;
  instanceType?: string;
  instanceCount?: number;
  serverless?: { memorySizeMb: number; maxConcurrency: number };
  /** Accelerators attached to each instance when the type does not include them (Vertex: n1-standard-8 + 1 × NVIDIA_TESLA_T4). */
  accelerator?: { type: string; count: number };
  /** How the instance count follows traffic; undefined when the adapter does not know (training jobs). */
  autoscaling?: Autoscaling;
}

/**
 * Whether a variant's instance count follows traffic. `fixed`: no scaling policy (SageMaker), min ==
 * max replicas (Vertex AI), `Default` scale settings (Azure). `unknown`: the cloud would not say, and
 * `reason` says why (a missing permission).
 */
export type Autoscaling =
  | { mode: 'autoscaled'; minCapacity: number; maxCapacity: number; /** What the policy tracks, e.g. `SageMakerVariantInvocationsPerInstance`. */ metric?: string; targetValue?: number }
  | { mode: 'fixed'; /** Why it counts as fixed when a policy of sorts exists (`scalable target without a policy`). */ note?: string }
  | { mode: 'unknown'; reason: string };

/** `2-6 instances, SageMakerVariantInvocationsPerInstance at 900`, `fixed`, `unknown (needs ...)`. */
export function formatAutoscaling(a: Autoscaling): string {
  if (a.mode === 'unknown') return `unknown (${a.reason})`;
  if (a.mode === 'fixed') return a.note ? `fixed capacity (${a.note})` : 'fixed capacity';
  const tracks = a.metric ? `, ${a.metric}${a.targetValue !== undefined ? ` at ${a.targetValue}` : ''}` : '';
  return `${a.minCapacity}-${a.maxCapacity} instances${tracks}`;
}

export interface Resource {
  ref: ResourceRef;
  /** Provider-native identifier (ARN, resource id). */
  nativeId: string;
  status: ResourceStatus;
  /** The provider's own status word, shown to the user. */
  rawStatus: string;
  statusReason?: string;
  createdAt?: number;
  modifiedAt?: number;
  /** Endpoints: production variants; training jobs: one entry for the cluster. */
  variants?: Variant[];
  /** Training jobs: metric host names (`<job>/algo-1` ...). */
  hosts?: string[];
  /** Training jobs: the phases so far (Starting, Downloading, Training...), oldest first, epoch ms. */
  timeline?: Array<{ status: string; start: number; end?: number; message?: string }>;
  /** Datasets: where the data lives (`s3://bucket/prefix`, feature group store). */
  location?: string;
  /** Datasets: what kind of dataset (`s3`, `featureGroup`). */
  datasetType?: string;
  /** Extra facts for tooltips, already formatted. */
  details?: Record<string, string>;
  /** Training jobs whose name the platform generates (Azure ML): the name people give them and their experiment. */
  displayName?: string;
  experiment?: string;
  /** Web console URL for this resource, when one exists. */
  consoleUrl?: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Metric names after normalisation: percentages 0-100, latency in ms, rates per second. */
export type MetricName =
  | 'cpu'
  | 'memory'
  | 'gpu'
  | 'gpuMemory'
  | 'disk'
  | 'requestsPerSecond'
  | 'invocations'
  | 'errors4xxRate'
  | 'errors5xxRate'
  | 'errorRate'
  | 'latencyP50'
  | 'latencyP90'
  | 'latencyP99'
  | 'overheadLatency'
  | 'storageBytes'
  | 'objectCount'
  /** Datasets: query execution time percentiles, where the cloud publishes them (BigQuery: per project). */
  | 'queryTimeP95'
  | 'queryTimeP99';

export type MetricUnit = 'percent' | 'ms' | 'perSecond' | 'count' | 'bytes';

export interface MetricQuery {
  /** Caller-chosen id, unique within one batch. */
  id: string;
  resource: ResourceRef;
  metric: MetricName;
  /** Endpoint variant or training host; omitted = the whole resource. */
  variant?: string;
  host?: string;
  /** Seconds per datapoint; the provider may round it to what it supports. */
  periodSeconds: number;
  /** Needed to normalise per-core values (vCPU or GPU count of one instance). */
  cores?: number;
}

export interface MetricSeries {
  queryId: string;
  unit: MetricUnit;
  /** Epoch milliseconds, ascending. */
  timestamps: number[];
  values: number[];
  /** The provider returned only part of the data or a warning. */
  partial?: boolean;
  message?: string;
}

/**
 * What a scope publishes about itself as a whole over `window` (Azure ML workspace metrics): run
 * counters, compute quota in use and nodes that cannot run work. Absent = not published.
 */
export interface ScopeFigures {
  /** The scope's own name (the workspace), which findings about it carry. */
  name: string;
  window: TimeRange;
  failedRuns?: number;
  completedRuns?: number;
  modelDeployFailed?: number;
  /** % of the compute quota in use: the mean of the last 15 minutes and the highest 15-minute mean of the window. */
  quotaPercent?: number;
  quotaPeakPercent?: number;
  /** Nodes that cannot run work, over the last 15 minutes. */
  unusableNodes?: number;
}

export interface TimeRange {
  /** Epoch milliseconds. */
  start: number;
  end: number;
}

export interface RedSummary {
  p99LatencyMs?: number;
  requestsPerSecond?: number;
  errorRatePercent?: number;
}

/**
 * What a health finding is about: a resource, or a scope as a whole (an Azure ML workspace's quota
 * and nodes), named by the scope's workspace or account.
 */
export interface SubjectRef extends Omit<ResourceRef, 'kind'> {
  kind: ResourceKind | 'workspace';
}

/** A finding's subject that is a resource (not a scope as a whole). */
export function isResourceRef(ref: SubjectRef): ref is ResourceRef {
  return ref.kind !== 'workspace';
}

export function resourceKey(ref: SubjectRef): string {
  return `${ref.provider}/${ref.scopeId}/${ref.kind}/${ref.name}`;
}

/** `bq://project.dataset.table` → project: BigQuery publishes query times per project. */
export function bigQueryProject(location: string | undefined): string | undefined {
  return /^bq:\/\/([^./]+)\./.exec(location ?? '')?.[1];
}
