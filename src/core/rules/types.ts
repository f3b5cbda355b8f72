// What a rule produces and what it reads. Rules are pure: they get observations (metric series
// already normalised by a provider, plus the resource and its catalog entry) and return Findings.
// No vscode import (lint-enforced); vscode/ and cli/ map Findings to their own views.
import type { InstanceTypeSpec } from '../catalog/catalog';
import type { Resource, ResourceRef, SubjectRef, TimeRange, Variant } from '../model';

export type Severity = 'error' | 'warning' | 'info';

export type RuleFamily = 'red' | 'utilization' | 'training' | 'datasets' | 'availability';

export interface FindingFix {
  /** One sentence: what to change. */
  summary: string;
  /** Recommended instance type (rightsizing, more memory). */
  instanceType?: string;
  /** Recommended instance count per variant. */
  instanceCount?: number;
  /** Recommended accelerators per instance, for machines with attached ones (Vertex AI N1 + GPUs). */
  acceleratorCount?: number;
  /** Estimated USD per month the change saves (catalog prices, estimates). */
  monthlySavingUsd?: number;
  /** Estimated USD per month the change adds (more or bigger instances). */
  monthlyExtraCostUsd?: number;
  /** Training jobs: estimated USD per hour of training the change adds. */
  hourlyExtraCostUsd?: number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  resource: SubjectRef;
  /** Endpoint variant or training instance group the finding is about, when it is about one. */
  variant?: string;
  /** Short, for lists and badges: "p99 latency 1,454 ms". */
  title: string;
  /** The whole finding with the figures behind it, fit to show a person as is. */
  message: string;
  /** The figures in the message, machine-readable (golden tests, JSON output, dashboards). */
  figures: Record<string, number | string>;
  fix?: FindingFix;
  /** Other resources the same finding concerns (datasets sharing a bucket). */
  related?: ResourceRef[];
}

/** The documentation entry each rule carries: docs/rules.md has one anchor per id. */
export interface RuleDoc {
  id: string;
  family: RuleFamily;
  /** PascalCase, as SARIF's reportingDescriptor.name wants it. */
  name: string;
  /** One line. */
  summary: string;
  /** Why it matters and what it looks at. */
  description: string;
  defaultSeverity: Severity;
  /** Threshold keys (see thresholds.ts) the rule reads. */
  thresholds: readonly string[];
}

/** A metric as rules see it: ascending buckets of `periodMs` starting at each timestamp. */
export interface Series {
  timestamps: number[];
  values: number[];
  periodMs: number;
}

/** What the health check saw for one endpoint variant over the check window. */
export interface EndpointObservation {
  resource: Resource;
  variant: Variant;
  /** Catalog entry of the variant's instance type; undefined for serverless or unknown types. */
  spec?: InstanceTypeSpec;
  window: TimeRange;
  /** Utilization in % of one instance (CPU and GPU already divided by core count). */
  cpu?: Series;
  memory?: Series;
  disk?: Series;
  gpu?: Series;
  gpuMemory?: Series;
  /** Request count per bucket. */
  invocations?: Series;
  /** 4xx + 5xx as % of requests, per bucket. */
  errorRate?: Series;
  latencyP99?: Series;
}

export interface TrainingObservation {
  resource: Resource;
  spec?: InstanceTypeSpec;
  /** When the job's metrics start and stop (now for a running job). */
  span: TimeRange;
  /** One series per host, each in % of that host. */
  cpu: Series[];
  memory: Series[];
  gpu: Series[];
  gpuMemory: Series[];
}

/** Storage of one location (an S3 bucket) and the dataset resources kept in it. */
export interface DatasetObservation {
  /** Bucket or store name. */
  store: string;
  /** The datasets in it, the first one carries the findings. */
  resources: Resource[];
  window: TimeRange;
  storageBytes?: Series;
  /** Query time p95 in ms per bucket, from clouds that publish one (BigQuery, Azure storage). */
  queryTimeP95Ms?: Series;
  /** `project` when the query time covers every query of a project (BigQuery), not this store's alone. */
  queryScope?: 'store' | 'project';
}
