// The Cloud Monitoring time series a Vertex location publishes, in wire units (CLOUD_APIS.md
// section 2): per deployed model and replica for endpoints (CPU as a fraction summed over vCPUs,
// memory in bytes, accelerator duty cycle in %, latency as a distribution in ms, responses by
// code), per task for custom jobs (utilization fractions), BigQuery stored bytes per table and
// query execution times per project (a distribution in seconds).
// Each series computes the sample of any minute on demand.
import { exponentialBounds, type ExponentialBuckets } from '../../core/metrics/distribution';
import { normalCdf, normalQuantile, Z_P99 } from '../aws/statistics';
import { hashString, uniform } from '../prng';
import type { CompiledSignal } from '../signals';
import { MINUTE_MS } from '../time';
import type { BigQueryProjectModel, CustomJobModel, DeployedModelModel, GcpLocationModel, VertexDatasetModel, VertexEndpointModel } from './model';

export type Sample =
  | { kind: 'double'; value: number }
  | { kind: 'int64'; value: number }
  | { kind: 'distribution'; count: number; mean: number; ssd: number; counts: number[] };

export interface GcpSeries {
  metricType: string;
  metricLabels: Record<string, string>;
  resourceType: string;
  resourceLabels: Record<string, string>;
  metricKind: 'GAUGE' | 'DELTA';
  valueType: 'DOUBLE' | 'INT64' | 'DISTRIBUTION';
  unit: string;
  /** First sample's end time and the end (exclusive) of the data, epoch ms. */
  from: number;
  until: number;
  /** Spacing of samples: a minute, or 30 minutes for BigQuery storage. */
  resolutionMs: number;
  /** Bucket layout of distribution samples. */
  buckets?: ExponentialBuckets;
  /** The sample for the interval that ends at `end`. */
  sample(end: number): Sample | undefined;
}

export const ENDPOINT_RESOURCE = 'aiplatform.googleapis.com/Endpoint';
export const JOB_RESOURCE = 'cloudml_job';
export const BQ_DATASET_RESOURCE = 'bigquery_dataset';
export const BQ_PROJECT_RESOURCE = 'bigquery_project';
const ONLINE = 'aiplatform.googleapis.com/prediction/online/';
const TRAINING = 'ml.googleapis.com/training/';

/** Prediction latencies in ms: 1 ms to about 11 minutes in 60 buckets of x1.25. */
export const LATENCY_BUCKETS: ExponentialBuckets = { numFiniteBuckets: 60, growthFactor: 1.25, scale: 1 };
const latencyLogBounds = exponentialBounds(LATENCY_BUCKETS).map(Math.log);
/** Query execution times in seconds: 10 ms to about 1.8 hours in 60 buckets of x1.25. */
export const QUERY_TIME_BUCKETS: ExponentialBuckets = { numFiniteBuckets: 60, growthFactor: 1.25, scale: 0.01 };
const queryLogBounds = exponentialBounds(QUERY_TIME_BUCKETS).map(Math.log);
const Z_P95 = normalQuantile(0.95);
const GiB = 2 ** 30;
const STORAGE_RESOLUTION_MS = 30 * MINUTE_MS;

export function locationSeries(loc: GcpLocationModel): GcpSeries[] {
  return [
    ...loc.endpoints.flatMap((e) => e.deployedModels.flatMap((d) => endpointSeries(loc, e, d))),
    ...loc.customJobs.flatMap((j) => jobSeries(loc, j)),
    ...loc.datasets.flatMap((d) => datasetSeries(loc, d)),
  ];
}

function stochasticRound(x: number, u: number): number {
  const floor = Math.floor(x);
  return floor + (u < x - floor ? 1 : 0);
}

/** Counts of a lognormal minute spread over buckets (log bounds), summing to `count`. */
function lognormalCounts(count: number, mu: number, sigma: number, logBounds: readonly number[]): number[] {
  const cdf = logBounds.map((b) => normalCdf((b - mu) / sigma));
  const shares = [cdf[0], ...cdf.slice(1).map((c, i) => c - cdf[i]), 1 - cdf[cdf.length - 1]];
  // Largest remainder: integer counts (int64 on the wire) that add up exactly.
  const raw = shares.map((s) => s * count);
  const counts = raw.map(Math.floor);
  let missing = count - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; missing > 0 && k < order.length; k++, missing--) counts[order[k][1]]++;
  let last = counts.length;
  while (last > 0 && counts[last - 1] === 0) last--;
  return counts.slice(0, last);
}

function distribution(count: number, mu: number, sigma: number, logBounds: readonly number[] = latencyLogBounds): Sample {
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  const variance = (Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma);
  return { kind: 'distribution', count, mean, ssd: variance * count, counts: lognormalCounts(count, mu, sigma, logBounds) };
}

function endpointSeries(loc: GcpLocationModel, e: VertexEndpointModel, d: DeployedModelModel): GcpSeries[] {
  if (e.metricsFrom === undefined) return [];
  const resourceLabels = { resource_container: loc.project, location: loc.location, endpoint_id: e.id };
  const base = { resourceType: ENDPOINT_RESOURCE, resourceLabels, from: e.metricsFrom + MINUTE_MS, until: Infinity, resolutionMs: MINUTE_MS };
  const k = (...parts: Array<string | number>) => hashString(parts.join('/'), e.key ^ hashString(d.id));
  const minuteIndex = (end: number) => (end - MINUTE_MS) / MINUTE_MS;
  const at = (end: number) => end - MINUTE_MS;
  const requests = (end: number) => stochasticRound(Math.max(0, e.signals.requestsPerSecond.sample(at(end), k('rps')) * 60 * d.share), uniform(k('round'), minuteIndex(end)));
  const errors = (end: number, signal: CompiledSignal, name: string) =>
    stochasticRound((requests(end) * signal.sample(at(end), k(name))) / 100, uniform(k(name, 'round'), minuteIndex(end)));
  const byCode: Record<string, (end: number) => number> = {
    '200': (end) => Math.max(0, requests(end) - errors(end, e.signals.errors4xxPercent, '4xx') - errors(end, e.signals.errors5xxPercent, '5xx')),
    '400': (end) => Math.min(requests(end), errors(end, e.signals.errors4xxPercent, '4xx')),
    '500': (end) => Math.min(requests(end), errors(end, e.signals.errors5xxPercent, '5xx')),
  };
  const count = (n: number): Sample | undefined => (n > 0 ? { kind: 'int64', value: n } : undefined);
  const delta = (metric: string, labels: Record<string, string>, fn: (end: number) => number): GcpSeries => ({
    ...base,
    metricType: ONLINE + metric,
    metricLabels: { deployed_model_id: d.id, ...labels },
    metricKind: 'DELTA',
    valueType: 'INT64',
    unit: '1',
    sample: (end) => count(fn(end)),
  });
  const latency = (type: 'model' | 'overhead', signal: CompiledSignal, sigma: number, mu: (ms: number) => number): GcpSeries => ({
    ...base,
    metricType: `${ONLINE}prediction_latencies`,
    metricLabels: { deployed_model_id: d.id, latency_type: type },
    metricKind: 'DELTA',
    valueType: 'DISTRIBUTION',
    unit: 'ms',
    buckets: LATENCY_BUCKETS,
    sample: (end) => {
      const n = requests(end);
      return n > 0 ? distribution(n, mu(signal.sample(at(end), k('latency', type))), sigma) : undefined;
    },
  });
  const spread = e.latencySpread;
  const series: GcpSeries[] = [
    ...Object.entries(byCode).map(([code, fn]) => delta('response_count', { response_code: code }, fn)),
    delta('prediction_count', {}, requests),
    delta('error_count', {}, (end) => byCode['400'](end) + byCode['500'](end)),
    // The story states p99 (as on SageMaker): the distribution is placed so its p99 lands there.
    latency('model', e.signals.latencyP99Ms, spread, (p99) => Math.log(p99) - Z_P99 * spread),
    latency('overhead', e.signals.overheadLatencyMs, 0.35, (mean) => Math.log(mean) - 0.35 ** 2 / 2),
  ];
  const gauge = (metric: string, valueType: 'DOUBLE' | 'INT64', unit: string, labels: Record<string, string>, value: (end: number) => number): GcpSeries => ({
    ...base,
    metricType: ONLINE + metric,
    metricLabels: { deployed_model_id: d.id, ...labels },
    metricKind: 'GAUGE',
    valueType,
    unit,
    sample: (end) => (valueType === 'INT64' ? { kind: 'int64', value: Math.round(value(end)) } : { kind: 'double', value: value(end) }),
  });
  series.push(gauge('replicas', 'INT64', '1', {}, () => d.replicas), gauge('target_replicas', 'INT64', '1', {}, () => d.replicas));
  const m = d.machine;
  for (let r = 0; r < d.replicas; r++) {
    const replica = { replica_id: `${d.id.slice(-6)}-${r}` };
    const sample = (signal: CompiledSignal, name: string) => (end: number) => signal.sample(at(end), k(name, r));
    const cpu = sample(e.signals.cpu, 'cpu');
    const memory = sample(e.signals.memory, 'memory');
    series.push(
      // A fraction of one vCPU summed over the replica's vCPUs, so it exceeds 1.0 on larger machines.
      gauge('cpu/utilization', 'DOUBLE', '10^2.%', replica, (end) => (cpu(end) / 100) * m.vcpu),
      gauge('memory/bytes_used', 'INT64', 'By', replica, (end) => (memory(end) / 100) * m.memoryGiB * GiB),
    );
    if (m.acceleratorCount > 0) {
      const gpu = sample(e.signals.gpu, 'gpu');
      const gpuMemory = sample(e.signals.gpuMemory, 'gpuMemory');
      series.push(
        gauge('accelerator/duty_cycle', 'DOUBLE', '%', replica, gpu),
        gauge('accelerator/memory/bytes_used', 'INT64', 'By', replica, (end) => (gpuMemory(end) / 100) * m.acceleratorCount * m.acceleratorMemoryGiB * GiB),
      );
    }
  }
  return series;
}

function jobSeries(loc: GcpLocationModel, job: CustomJobModel): GcpSeries[] {
  // Utilization starts once the replicas are up and the container runs.
  const from = job.startedAt + 2 * MINUTE_MS + MINUTE_MS;
  const until = (job.endedAt ?? Infinity) + MINUTE_MS;
  const metrics: Array<[string, CompiledSignal, (task: string) => number]> = [
    // CPU as on endpoints: fractions of a vCPU summed over the task's vCPUs.
    ['cpu/utilization', job.signals.cpu, (task) => machineOf(job, task).vcpu],
    ['memory/utilization', job.signals.memory, () => 1],
  ];
  const withAccelerators = job.tasks.filter((t) => machineOf(job, t).acceleratorCount > 0);
  const series = job.tasks.flatMap((task) => {
    const list = [...metrics];
    if (withAccelerators.includes(task)) list.push(['accelerator/utilization', job.signals.gpu, () => 1], ['accelerator/memory/utilization', job.signals.gpuMemory, () => 1]);
    return list.map(([metric, signal, scale]): GcpSeries => {
      const key = hashString(`${task}/${metric}`, job.key);
      return {
        metricType: TRAINING + metric,
        metricLabels: { task_name: task },
        resourceType: JOB_RESOURCE,
        resourceLabels: { project_id: loc.project, job_id: job.id },
        metricKind: 'GAUGE',
        valueType: 'DOUBLE',
        unit: '10^2.%',
        from,
        until,
        resolutionMs: MINUTE_MS,
        sample: (end) => ({ kind: 'double', value: (signal.sample(end - MINUTE_MS, key) / 100) * scale(task) }),
      };
    });
  });
  return series;
}

function machineOf(job: CustomJobModel, task: string) {
  const pool = Number(/^workerpool(\d+)-/.exec(task)?.[1] ?? 0);
  return (job.pools[pool] ?? job.pools[0]).machine;
}

/** `bq://project.dataset.table` → its parts. */
export function parseBigQueryUri(uri: string | undefined): { project: string; dataset: string; table: string } | undefined {
  const m = /^bq:\/\/([^.]+)\.([^.]+)\.(.+)$/.exec(uri ?? '');
  return m ? { project: m[1], dataset: m[2], table: m[3] } : undefined;
}

function datasetSeries(loc: GcpLocationModel, d: VertexDatasetModel): GcpSeries[] {
  const bq = parseBigQueryUri(d.bigquerySource);
  // BigQuery bills and reports storage in the project that owns the table.
  if (!bq || bq.project !== loc.project) return [];
  const key = hashString('stored_bytes', d.key);
  return [
    {
      metricType: 'bigquery.googleapis.com/storage/stored_bytes',
      metricLabels: { table: bq.table },
      resourceType: BQ_DATASET_RESOURCE,
      resourceLabels: { project_id: bq.project, dataset_id: bq.dataset },
      metricKind: 'GAUGE',
      valueType: 'INT64',
      unit: 'By',
      from: Math.ceil(d.createdAt / STORAGE_RESOLUTION_MS) * STORAGE_RESOLUTION_MS,
      until: Infinity,
      resolutionMs: STORAGE_RESOLUTION_MS,
      sample: (end) => ({ kind: 'int64', value: Math.round(d.signals.sizeGiB.sample(end, key) * GiB) }),
    },
  ];
}

const QUERY_SIGMA = 0.6;
const PRIORITIES: Array<[string, number]> = [
  ['interactive', 0.85],
  ['batch', 0.15],
];

/**
 * `query/execution_times` of one project: BigQuery publishes it per project and location (resource
 * `bigquery_project`), split by priority only, so every dataset of the project shares it. Both
 * priorities are placed so the minute's p95 is the queryP95Ms signal.
 */
export function querySeries(bq: BigQueryProjectModel): GcpSeries[] {
  const at = (end: number) => end - MINUTE_MS;
  return PRIORITIES.map(([priority, share]): GcpSeries => {
    const k = (name: string) => hashString(`${priority}/${name}`, bq.key);
    return {
      metricType: 'bigquery.googleapis.com/query/execution_times',
      metricLabels: { priority },
      resourceType: BQ_PROJECT_RESOURCE,
      resourceLabels: { project_id: bq.project, location: bq.location },
      metricKind: 'DELTA',
      valueType: 'DISTRIBUTION',
      unit: 's',
      from: bq.metricsFrom + MINUTE_MS,
      until: Infinity,
      resolutionMs: MINUTE_MS,
      buckets: QUERY_TIME_BUCKETS,
      sample: (end) => {
        const n = stochasticRound(Math.max(0, bq.signals.queriesPerMinute.sample(at(end), k('count')) * share), uniform(k('round'), (end - MINUTE_MS) / MINUTE_MS));
        if (n <= 0) return undefined;
        const p95Seconds = bq.signals.queryP95Ms.sample(at(end), k('p95')) / 1000;
        return distribution(n, Math.log(p95Seconds) - Z_P95 * QUERY_SIGMA, QUERY_SIGMA, queryLogBounds);
      },
    };
  });
}
