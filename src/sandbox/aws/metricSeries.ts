// The CloudWatch metrics a region publishes, in wire units (CLOUD_APIS.md section 2): each series
// knows its namespace, name, dimensions and unit, and computes any minute on demand.
import { hashString, uniform } from '../prng';
import type { CompiledSignal } from '../signals';
import { DAY_MS, MINUTE_MS } from '../time';
import type { BucketModel, EndpointModel, RegionModel, TrainingJobModel, VariantModel } from '../workloads';
import { type MinuteData, Z_P99 } from './statistics';

export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricSeries {
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
  unit: 'Percent' | 'Microseconds' | 'Count' | 'Bytes';
  /** First instant with data (ms). */
  from: number;
  /** Data stops here (exclusive), e.g. when a training job ended. */
  until: number;
  /** Spacing of the series' datapoints: one minute, or one day for S3 storage metrics. */
  resolutionMs: number;
  minute(ms: number): MinuteData | undefined;
}

export const NS_INVOCATIONS = 'AWS/SageMaker';
export const NS_ENDPOINTS = '/aws/sagemaker/Endpoints';
export const NS_TRAINING = '/aws/sagemaker/TrainingJobs';
export const NS_S3 = 'AWS/S3';

export function seriesId(namespace: string, metricName: string, dimensions: readonly Dimension[]): string {
  const dims = [...dimensions].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0)).map((d) => `${d.Name}=${d.Value}`);
  return [namespace, metricName, ...dims].join('\u0000');
}

export interface MetricIndex {
  /** Every series of the region (built on first use: only ListMetrics needs them all). */
  all(): MetricSeries[];
  get(namespace: string, metricName: string, dimensions: readonly Dimension[]): MetricSeries | undefined;
}

/**
 * Series are built per resource on first use, so a GetMetricData over a few endpoints of a
 * fleet of thousands does not build the other endpoints' series.
 */
export function buildMetricIndex(region: RegionModel): MetricIndex {
  const endpoints = new Map(region.endpoints.map((e) => [e.name, e]));
  const jobsByHost = new Map(region.trainingJobs.flatMap((j) => j.hosts.map((h) => [h, j] as const)));
  const buckets = new Map(region.buckets.map((b) => [b.name, b]));
  const built = new Map<object, Map<string, MetricSeries>>();
  const seriesOf = (owner: object, build: () => MetricSeries[]) => {
    let byId = built.get(owner);
    if (!byId) built.set(owner, (byId = new Map(build().map((s) => [seriesId(s.namespace, s.metricName, s.dimensions), s]))));
    return byId;
  };
  const forEndpoint = (e: EndpointModel, v: VariantModel) => seriesOf(v, () => endpointSeries(e, v));
  const forJob = (job: TrainingJobModel) => seriesOf(job, () => trainingSeries(job));
  const forBucket = (bucket: BucketModel) => seriesOf(bucket, () => bucketSeries(bucket));
  const owner = (dimensions: readonly Dimension[]) => {
    const value = (name: string) => dimensions.find((d) => d.Name === name)?.Value;
    const endpoint = endpoints.get(value('EndpointName') ?? '');
    const variant = endpoint?.variants.find((v) => v.name === value('VariantName'));
    if (endpoint && variant) return forEndpoint(endpoint, variant);
    const job = jobsByHost.get(value('Host') ?? '');
    if (job) return forJob(job);
    const bucket = buckets.get(value('BucketName') ?? '');
    return bucket ? forBucket(bucket) : undefined;
  };
  let all: MetricSeries[] | undefined;
  return {
    all: () =>
      (all ??= [
        ...region.endpoints.flatMap((e) => e.variants.flatMap((v) => [...forEndpoint(e, v).values()])),
        ...region.trainingJobs.flatMap((j) => [...forJob(j).values()]),
        ...region.buckets.flatMap((b) => [...forBucket(b).values()]),
      ]),
    get: (ns, name, dims) => owner(dims)?.get(seriesId(ns, name, dims)),
  };
}

/** One noise stream per (resource, metric, instance) so instances of a variant differ. */
function noiseKey(resourceKey: number, ...parts: Array<string | number>): number {
  return hashString(parts.join('/'), resourceKey);
}

/** Rounds `x` up with probability frac(x), so small error rates keep their average. */
function stochasticRound(x: number, u: number): number {
  const floor = Math.floor(x);
  return floor + (u < x - floor ? 1 : 0);
}

function perInstance(signal: CompiledSignal, keys: number[], scale: number): (ms: number) => MinuteData {
  return (ms) => ({ kind: 'values', values: keys.map((k) => signal.sample(ms, k) * scale) });
}

function endpointSeries(e: EndpointModel, v: VariantModel): MetricSeries[] {
  if (e.metricsFrom === undefined) return [];
  const dims = [
    { Name: 'EndpointName', Value: e.name },
    { Name: 'VariantName', Value: v.name },
  ];
  const base = { dimensions: dims, from: e.metricsFrom, until: Infinity, resolutionMs: MINUTE_MS };
  const k = (...parts: Array<string | number>) => noiseKey(e.key, v.name, ...parts);
  const rpsKey = k('rps');
  const roundKey = k('round');
  const invocations = (ms: number) => stochasticRound(Math.max(0, e.signals.requestsPerSecond.sample(ms, rpsKey) * 60 * v.share), uniform(roundKey, ms / MINUTE_MS));
  const bernoulli = (signal: CompiledSignal, name: string) => {
    const key = k(name);
    const round = k(name, 'round');
    return (ms: number): MinuteData | undefined => {
      const n = invocations(ms);
      if (n === 0) return undefined;
      const errors = Math.min(n, stochasticRound((n * signal.sample(ms, key)) / 100, uniform(round, ms / MINUTE_MS)));
      return { kind: 'values', values: [0, 1], weights: [n - errors, errors] };
    };
  };
  /** Per-request latency over a minute's requests, log-normal; `mu` places it from the signal's value in µs. */
  const latency = (signal: CompiledSignal, name: string, sigma: number, mu: (us: number) => number) => {
    const key = k(name);
    return (ms: number): MinuteData | undefined => {
      const count = invocations(ms);
      return count === 0 ? undefined : { kind: 'lognormal', count, sigma, mu: mu(signal.sample(ms, key) * 1000) };
    };
  };
  const spread = e.latencySpread;
  const overheadSpread = 0.35;
  const series: MetricSeries[] = [
    { ...base, namespace: NS_INVOCATIONS, metricName: 'Invocations', unit: 'Count', minute: (ms) => nonZeroCount(invocations(ms)) },
    { ...base, namespace: NS_INVOCATIONS, metricName: 'Invocation4XXErrors', unit: 'Count', minute: bernoulli(e.signals.errors4xxPercent, '4xx') },
    { ...base, namespace: NS_INVOCATIONS, metricName: 'Invocation5XXErrors', unit: 'Count', minute: bernoulli(e.signals.errors5xxPercent, '5xx') },
    // The latency signal states p99: the distribution is placed so its p99 lands there.
    { ...base, namespace: NS_INVOCATIONS, metricName: 'ModelLatency', unit: 'Microseconds', minute: latency(e.signals.latencyP99Ms, 'latency', spread, (p99) => Math.log(p99) - Z_P99 * spread) },
    // The overhead signal states the mean.
    {
      ...base,
      namespace: NS_INVOCATIONS,
      metricName: 'OverheadLatency',
      unit: 'Microseconds',
      minute: latency(e.signals.overheadLatencyMs, 'overhead', overheadSpread, (mean) => Math.log(mean) - (overheadSpread * overheadSpread) / 2),
    },
  ];
  if (v.serverless) {
    const coldKey = k('cold');
    series.push({
      ...base,
      namespace: NS_INVOCATIONS,
      metricName: 'ModelSetupTime',
      unit: 'Microseconds',
      // A cold start now and then, when traffic arrives after the container was recycled.
      minute: (ms) => (invocations(ms) > 0 && uniform(coldKey, ms / MINUTE_MS) < 0.06 ? { kind: 'values', values: [(1800 + 2400 * uniform(coldKey ^ 1, ms / MINUTE_MS)) * 1000] } : undefined),
    });
    return series;
  }
  const instanceKeys = (metric: string) => Array.from({ length: v.instanceCount }, (_, i) => k(metric, i));
  series.push(
    { ...base, namespace: NS_INVOCATIONS, metricName: 'InvocationsPerInstance', unit: 'Count', minute: (ms) => nonZeroCount(invocations(ms) / v.instanceCount) },
    { ...base, namespace: NS_ENDPOINTS, metricName: 'CPUUtilization', unit: 'Percent', minute: perInstance(e.signals.cpu, instanceKeys('cpu'), v.vcpu) },
    { ...base, namespace: NS_ENDPOINTS, metricName: 'MemoryUtilization', unit: 'Percent', minute: perInstance(e.signals.memory, instanceKeys('memory'), 1) },
    { ...base, namespace: NS_ENDPOINTS, metricName: 'DiskUtilization', unit: 'Percent', minute: perInstance(e.signals.disk, instanceKeys('disk'), 1) },
  );
  if (v.gpus > 0) {
    series.push(
      { ...base, namespace: NS_ENDPOINTS, metricName: 'GPUUtilization', unit: 'Percent', minute: perInstance(e.signals.gpu, instanceKeys('gpu'), v.gpus) },
      { ...base, namespace: NS_ENDPOINTS, metricName: 'GPUMemoryUtilization', unit: 'Percent', minute: perInstance(e.signals.gpuMemory, instanceKeys('gpuMemory'), v.gpus) },
    );
  }
  return series;
}

function nonZeroCount(n: number): MinuteData | undefined {
  return n > 0 ? { kind: 'values', values: [n] } : undefined;
}

function trainingSeries(job: TrainingJobModel): MetricSeries[] {
  // Utilization starts once the instances are up and the data is downloading.
  const from = job.startedAt + 2 * MINUTE_MS;
  const until = job.endedAt ?? Infinity;
  const metrics: Array<[string, CompiledSignal, number]> = [
    ['CPUUtilization', job.signals.cpu, job.vcpu],
    ['MemoryUtilization', job.signals.memory, 1],
    ['DiskUtilization', job.signals.disk, 1],
  ];
  if (job.gpus > 0) metrics.push(['GPUUtilization', job.signals.gpu, job.gpus], ['GPUMemoryUtilization', job.signals.gpuMemory, job.gpus]);
  return job.hosts.flatMap((host) =>
    metrics.map(([metricName, signal, scale]): MetricSeries => ({
      namespace: NS_TRAINING,
      metricName,
      dimensions: [{ Name: 'Host', Value: host }],
      unit: 'Percent',
      from,
      until,
      resolutionMs: MINUTE_MS,
      minute: perInstance(signal, [noiseKey(job.key, host, metricName)], scale),
    })),
  );
}

function bucketSeries(bucket: BucketModel): MetricSeries[] {
  // S3 storage metrics are daily, stamped at midnight UTC.
  const from = Math.ceil(bucket.createdAt / DAY_MS) * DAY_MS;
  const daily = (signal: CompiledSignal, scale: number, metric: string) => {
    const key = noiseKey(bucket.key, metric);
    return (ms: number): MinuteData => ({ kind: 'values', values: [Math.round(signal.sample(ms, key) * scale)] });
  };
  const series = (metricName: string, storageType: string, unit: MetricSeries['unit'], minute: MetricSeries['minute']): MetricSeries => ({
    namespace: NS_S3,
    metricName,
    dimensions: [
      { Name: 'BucketName', Value: bucket.name },
      { Name: 'StorageType', Value: storageType },
    ],
    unit,
    from,
    until: Infinity,
    resolutionMs: DAY_MS,
    minute,
  });
  return [
    series('BucketSizeBytes', 'StandardStorage', 'Bytes', daily(bucket.signals.sizeGiB, 2 ** 30, 'size')),
    series('NumberOfObjects', 'AllStorageTypes', 'Count', daily(bucket.signals.objects, 1, 'objects')),
  ];
}
