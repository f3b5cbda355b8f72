// Plans Azure Monitor metric queries: which resource, metric name, dimension filter, aggregation and
// interval each neutral query needs, and how series come back to neutral units. Queries that share
// a resource type, filter, aggregation and interval form one "metric-name group"; a group costs
// ceil(resources / 50) metrics:getBatch calls per subscription and region (CLOUD_APIS.md section 3).
import type { MetricQuery, MetricUnit } from '../../core/model';
import { BLOB_NAMESPACE, DEPLOYMENT_NAMESPACE, ENDPOINT_NAMESPACE, ML_NAMESPACE, STORAGE_NAMESPACE } from './ids';

export const MAX_RESOURCES_PER_CALL = 50;
/** Series per resource and metric the batch API returns at most when a filter splits them. */
export const SERIES_TOP = 1000;
/** Intervals the batch API accepts, in seconds. */
const INTERVALS: Array<[number, string]> = [
  [86400, 'P1D'],
  [43200, 'PT12H'],
  [21600, 'PT6H'],
  [3600, 'PT1H'],
  [1800, 'PT30M'],
  [900, 'PT15M'],
  [300, 'PT5M'],
  [60, 'PT1M'],
];

/** How a plan turns the returned series (one per dimension combination) into one neutral series. */
export type Reduce =
  | { kind: 'requests'; part: 'rate' | 'count' | 'errors' | '4xx' | '5xx'; deployment?: string }
  | { kind: 'byDimension'; dimension: string; value?: string; index?: number; combine: 'mean' | 'max' }
  | { kind: 'single' }
  | { kind: 'unsupported'; message: string };

export interface MetricPlan {
  /** The neutral query's id, which the series answers. */
  queryId: string;
  /** ARM id of the resource that carries the metric; undefined when it cannot be known. */
  resourceId?: string;
  namespace: string;
  metricName: string;
  aggregation: 'average' | 'total';
  /** The part of the $filter this plan needs; run filters (training) are merged per group. */
  filter: string;
  /** Training: the run this plan reads, OR-ed into the group's filter. */
  runId?: string;
  /** What the batch API is asked for, and the period the caller wanted (re-bucketed client-side). */
  interval: string;
  intervalSeconds: number;
  periodSeconds: number;
  unit: MetricUnit;
  reduce: Reduce;
}

/** The largest accepted interval that divides the period, so buckets can be merged exactly. */
export function chooseInterval(periodSeconds: number): { interval: string; seconds: number; period: number } {
  const period = Math.max(60, Math.round(periodSeconds / 60) * 60);
  const [seconds, interval] = INTERVALS.find(([s]) => period % s === 0) ?? [60, 'PT1M'];
  return { interval, seconds, period };
}

/**
 * Azure aligns buckets to the interval (UTC), the caller's periods start at its range's start. When
 * the start is not on an interval boundary, a finer interval that is keeps whole periods exact.
 */
export function alignToStart(plan: MetricPlan, startMs: number): MetricPlan {
  if (startMs % (plan.intervalSeconds * 1000) === 0) return plan;
  const [seconds, interval] = INTERVALS.find(([s]) => plan.periodSeconds % s === 0 && startMs % (s * 1000) === 0) ?? [60, 'PT1M'];
  return { ...plan, interval, intervalSeconds: seconds };
}

export interface ResourceIds {
  /** ARM id of the endpoint (Resource.nativeId) and its workspace. */
  endpointId(q: MetricQuery): string;
  workspaceId(q: MetricQuery): string;
  /** Storage account id for a dataset query, when its account is known. */
  storageAccountId(q: MetricQuery): string | undefined;
}

const utilization = {
  cpu: ['CpuUtilizationPercentage', 'CpuUtilization'],
  memory: ['CpuMemoryUtilizationPercentage', 'CpuMemoryUtilizationPercentage'],
  gpu: ['GpuUtilizationPercentage', 'GpuUtilization'],
  gpuMemory: ['GpuMemoryUtilizationPercentage', 'GpuMemoryUtilization'],
  disk: ['DiskUtilization', undefined],
} as const;

/** `job/node-2` → 2: the nodes of a run, in NodeId order, as the health check and panels name hosts. */
export function nodeIndex(host: string | undefined): number | undefined {
  const m = host?.match(/\/node-(\d+)$/);
  return m ? Number(m[1]) : undefined;
}

export function planAzureQuery(q: MetricQuery, ids: ResourceIds): MetricPlan {
  const { interval, seconds, period } = chooseInterval(q.periodSeconds);
  const base = { queryId: q.id, interval, intervalSeconds: seconds, periodSeconds: period };
  const unsupported = (message: string): MetricPlan => ({ ...base, namespace: '', metricName: '', aggregation: 'average', filter: '', unit: 'count', reduce: { kind: 'unsupported', message } });
  const kind = q.resource.kind;
  switch (q.metric) {
    case 'requestsPerSecond':
    case 'invocations':
    case 'errorRate':
    case 'errors4xxRate':
    case 'errors5xxRate': {
      if (kind !== 'endpoint') return unsupported(`${q.metric} is published for online endpoints only.`);
      const part = { requestsPerSecond: 'rate', invocations: 'count', errorRate: 'errors', errors4xxRate: '4xx', errors5xxRate: '5xx' } as const;
      return {
        ...base,
        resourceId: ids.endpointId(q),
        namespace: ENDPOINT_NAMESPACE,
        metricName: 'RequestsPerMinute',
        aggregation: 'total',
        filter: "deployment eq '*' and statusCodeClass eq '*'",
        unit: q.metric === 'invocations' ? 'count' : q.metric === 'requestsPerSecond' ? 'perSecond' : 'percent',
        reduce: { kind: 'requests', part: part[q.metric], deployment: q.variant },
      };
    }
    case 'latencyP50':
    case 'latencyP90':
    case 'latencyP99': {
      if (kind !== 'endpoint') return unsupported(`${q.metric} is published for online endpoints only.`);
      return {
        ...base,
        resourceId: ids.endpointId(q),
        namespace: ENDPOINT_NAMESPACE,
        metricName: `RequestLatency_${q.metric.slice('latency'.length)}`,
        aggregation: 'average',
        filter: "deployment eq '*'",
        unit: 'ms',
        // Without a deployment the endpoint's worst deployment is its latency.
        reduce: { kind: 'byDimension', dimension: 'deployment', value: q.variant, combine: 'max' },
      };
    }
    case 'overheadLatency':
      return unsupported('Azure Machine Learning publishes no overhead latency apart from the model\'s (RequestLatency covers both).');
    case 'cpu':
    case 'memory':
    case 'gpu':
    case 'gpuMemory':
    case 'disk': {
      const [deploymentMetric, runMetric] = utilization[q.metric];
      if (kind === 'endpoint') {
        if (!q.variant) return unsupported('Name a deployment: Azure publishes utilization per deployment.');
        return {
          ...base,
          resourceId: `${ids.endpointId(q)}/deployments/${q.variant}`,
          namespace: DEPLOYMENT_NAMESPACE,
          metricName: deploymentMetric,
          aggregation: 'average',
          filter: "instanceId eq '*'",
          unit: 'percent',
          // Values are already per instance (0-100 %); the deployment's figure is their mean.
          reduce: { kind: 'byDimension', dimension: 'instanceId', value: q.host, combine: 'mean' },
        };
      }
      if (kind === 'trainingJob') {
        if (!runMetric) return unsupported('Azure Machine Learning publishes no disk utilization for jobs.');
        return {
          ...base,
          resourceId: ids.workspaceId(q),
          namespace: ML_NAMESPACE,
          metricName: runMetric,
          aggregation: 'average',
          filter: "NodeId eq '*'",
          runId: q.resource.name,
          unit: 'percent',
          reduce: { kind: 'byDimension', dimension: 'NodeId', index: nodeIndex(q.host), combine: 'mean' },
        };
      }
      return unsupported(`${q.metric} is not published for datasets.`);
    }
    case 'queryTimeP95':
    case 'queryTimeP99':
      return unsupported('Azure storage query times (SuccessE2ELatency) are not read yet.');
    case 'storageBytes':
    case 'objectCount': {
      const account = ids.storageAccountId(q);
      if (kind !== 'dataset' || !account) return unsupported('Storage figures need the dataset\'s storage account; refresh the datasets first.');
      // Storage accounts publish hourly; a day is the coarsest grain the batch API offers.
      const daily = chooseInterval(Math.max(3600, q.periodSeconds));
      return {
        ...base,
        interval: daily.interval,
        intervalSeconds: daily.seconds,
        periodSeconds: daily.period,
        resourceId: q.metric === 'storageBytes' ? account : `${account}/blobServices/default`,
        namespace: q.metric === 'storageBytes' ? STORAGE_NAMESPACE : BLOB_NAMESPACE,
        metricName: q.metric === 'storageBytes' ? 'UsedCapacity' : 'BlobCount',
        aggregation: 'average',
        filter: '',
        unit: q.metric === 'storageBytes' ? 'bytes' : 'count',
        reduce: { kind: 'single' },
      };
    }
  }
}

/** Plans that can travel in one call: same namespace, filter shape and interval (a call asks for every aggregation its plans need). */
export function groupKey(p: MetricPlan): string {
  return [p.namespace.toLowerCase(), p.filter, p.runId === undefined ? '' : 'runs', p.interval].join('|');
}

/**
 * The workspace's own metrics (REST names with spaces, CLOUD_APIS.md section 2) in 15-minute
 * buckets (so a window floored to one stays within 15 minutes of what was asked): run counters as
 * totals, the quota and unusable nodes as means. All share one call per 50
 * workspaces of a subscription and region.
 */
export const WORKSPACE_BUCKET_SECONDS = 900;

export const WORKSPACE_FIGURES = [
  { key: 'failedRuns', metricName: 'Failed Runs', aggregation: 'total', unit: 'count' },
  { key: 'completedRuns', metricName: 'Completed Runs', aggregation: 'total', unit: 'count' },
  { key: 'modelDeployFailed', metricName: 'Model Deploy Failed', aggregation: 'total', unit: 'count' },
  { key: 'quota', metricName: 'Quota Utilization Percentage', aggregation: 'average', unit: 'percent' },
  { key: 'unusableNodes', metricName: 'Unusable Nodes', aggregation: 'average', unit: 'count' },
] as const;

export function planWorkspaceFigures(workspaceResourceId: string): MetricPlan[] {
  return WORKSPACE_FIGURES.map((m) => ({
    queryId: m.key,
    resourceId: workspaceResourceId,
    namespace: ML_NAMESPACE,
    metricName: m.metricName,
    aggregation: m.aggregation,
    filter: '',
    interval: 'PT15M',
    intervalSeconds: WORKSPACE_BUCKET_SECONDS,
    periodSeconds: WORKSPACE_BUCKET_SECONDS,
    unit: m.unit,
    reduce: { kind: 'single' },
  }));
}

/**
 * The fewest metrics:getBatch calls these plans need: per subscription, region and group,
 * ceil(distinct resources / 50). `regionOf` gives each resource's subscription and region.
 */
export function minimumCalls(plans: readonly MetricPlan[], regionOf: (resourceId: string) => string): number {
  const groups = new Map<string, Set<string>>();
  for (const p of plans) {
    if (!p.resourceId) continue;
    const key = `${regionOf(p.resourceId)}|${groupKey(p)}`;
    const set = groups.get(key) ?? new Set<string>();
    set.add(p.resourceId.toLowerCase());
    groups.set(key, set);
  }
  return [...groups.values()].reduce((n, s) => n + Math.ceil(s.size / MAX_RESOURCES_PER_CALL), 0);
}
