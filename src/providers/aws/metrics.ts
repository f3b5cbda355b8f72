// Plans GetMetricData calls: the fewest calls (500 queries each), error rate by metric math,
// and normalisation of SageMaker's units (µs latency, per-core sums) to the neutral model.
import { GetMetricDataCommand, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { MetricQuery, MetricSeries, MetricUnit, TimeRange } from '../../core/model';
import type { AwsClients } from './clients';
import type { Call, Limit } from './resources';
import { bucketOf } from './console';

export const MAX_QUERIES_PER_CALL = 500;

interface Plan {
  query: MetricQuery;
  /** Every MetricDataQuery this metric needs; they travel in the same call. */
  entries: MetricDataQuery[];
  resultId: string;
  unit: MetricUnit;
  scale: (value: number) => number;
  /** Set when CloudWatch publishes nothing for the metric: no entries, this message instead. */
  unsupported?: string;
}

const ENDPOINT_INVOCATIONS = 'AWS/SageMaker';
const ENDPOINT_UTILIZATION = '/aws/sagemaker/Endpoints';
const TRAINING_UTILIZATION = '/aws/sagemaker/TrainingJobs';

const utilizationNames = {
  cpu: 'CPUUtilization',
  memory: 'MemoryUtilization',
  gpu: 'GPUUtilization',
  gpuMemory: 'GPUMemoryUtilization',
  disk: 'DiskUtilization',
} as const;

/** Rounds a requested period to what CloudWatch accepts for 1-minute metrics (multiples of 60 s). */
export function cloudWatchPeriod(seconds: number): number {
  return Math.max(60, Math.round(seconds / 60) * 60);
}

function dimensionsFor(q: MetricQuery): { Name: string; Value: string }[] {
  switch (q.resource.kind) {
    case 'endpoint':
      return [
        { Name: 'EndpointName', Value: q.resource.name },
        { Name: 'VariantName', Value: q.variant ?? 'AllTraffic' },
      ];
    case 'trainingJob':
      return [{ Name: 'Host', Value: q.host ?? `${q.resource.name}/algo-1` }];
    case 'dataset':
      return [{ Name: 'BucketName', Value: bucketOf(q.resource.name) ?? bucketOf(q.host ?? '') ?? q.resource.name }];
  }
}

function stat(id: string, namespace: string, metricName: string, dims: { Name: string; Value: string }[], period: number, statistic: string, returnData = true): MetricDataQuery {
  return { Id: id, MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dims }, Period: period, Stat: statistic }, ReturnData: returnData };
}

export function planQuery(q: MetricQuery, index: number): Plan {
  const id = `m${index}`;
  const dims = dimensionsFor(q);
  const period = q.metric === 'storageBytes' || q.metric === 'objectCount' ? Math.max(86400, cloudWatchPeriod(q.periodSeconds)) : cloudWatchPeriod(q.periodSeconds);
  const perCore = (value: number) => (q.cores && q.cores > 0 ? value / q.cores : value);
  const same = (value: number) => value;
  switch (q.metric) {
    case 'cpu':
    case 'gpu':
    case 'gpuMemory':
    case 'memory':
    case 'disk': {
      const namespace = q.resource.kind === 'trainingJob' ? TRAINING_UTILIZATION : ENDPOINT_UTILIZATION;
      const summedOverCores = q.metric === 'cpu' || q.metric === 'gpu' || q.metric === 'gpuMemory';
      return { query: q, entries: [stat(id, namespace, utilizationNames[q.metric], dims, period, 'Average')], resultId: id, unit: 'percent', scale: summedOverCores ? perCore : same };
    }
    case 'latencyP50':
    case 'latencyP90':
    case 'latencyP99': {
      const percentile = q.metric.slice('latency'.length).toLowerCase();
      return { query: q, entries: [stat(id, ENDPOINT_INVOCATIONS, 'ModelLatency', dims, period, percentile)], resultId: id, unit: 'ms', scale: (us) => us / 1000 };
    }
    case 'overheadLatency':
      // Time SageMaker itself adds (routing, auth); published as a mean per request.
      return { query: q, entries: [stat(id, ENDPOINT_INVOCATIONS, 'OverheadLatency', dims, period, 'Average')], resultId: id, unit: 'ms', scale: (us) => us / 1000 };
    case 'requestsPerSecond':
      return { query: q, entries: [stat(id, ENDPOINT_INVOCATIONS, 'Invocations', dims, period, 'Sum')], resultId: id, unit: 'perSecond', scale: (n) => n / period };
    case 'invocations':
      return { query: q, entries: [stat(id, ENDPOINT_INVOCATIONS, 'Invocations', dims, period, 'Sum')], resultId: id, unit: 'count', scale: same };
    case 'errors4xxRate':
    case 'errors5xxRate': {
      const name = q.metric === 'errors4xxRate' ? 'Invocation4XXErrors' : 'Invocation5XXErrors';
      // Each request reports 1 or 0, so the average is the error fraction.
      return { query: q, entries: [stat(id, ENDPOINT_INVOCATIONS, name, dims, period, 'Average')], resultId: id, unit: 'percent', scale: (f) => f * 100 };
    }
    case 'errorRate':
      return {
        query: q,
        entries: [
          stat(`${id}i`, ENDPOINT_INVOCATIONS, 'Invocations', dims, period, 'Sum', false),
          stat(`${id}a`, ENDPOINT_INVOCATIONS, 'Invocation4XXErrors', dims, period, 'Sum', false),
          stat(`${id}b`, ENDPOINT_INVOCATIONS, 'Invocation5XXErrors', dims, period, 'Sum', false),
          { Id: id, Expression: `100*(${id}a+${id}b)/${id}i`, Label: 'Error %', ReturnData: true },
        ],
        resultId: id,
        unit: 'percent',
        scale: same,
      };
    case 'storageBytes':
      return { query: q, entries: [stat(id, 'AWS/S3', 'BucketSizeBytes', [...dims, { Name: 'StorageType', Value: 'StandardStorage' }], period, 'Average')], resultId: id, unit: 'bytes', scale: same };
    case 'objectCount':
      return { query: q, entries: [stat(id, 'AWS/S3', 'NumberOfObjects', [...dims, { Name: 'StorageType', Value: 'AllStorageTypes' }], period, 'Average')], resultId: id, unit: 'count', scale: same };
    case 'queryTimeP95':
    case 'queryTimeP99':
      return { query: q, entries: [], resultId: id, unit: 'ms', scale: same, unsupported: 'Amazon S3 and SageMaker Feature Store publish no query-time metric.' };
  }
}

/**
 * Packs metrics into calls without splitting one metric's entries (an expression must travel with
 * the metrics it reads). Largest first, then single entries fill the gaps: with groups of 4 and 1
 * this reaches ceil(entries / 500), the minimum.
 */
export function packPlans(plans: Plan[], max = MAX_QUERIES_PER_CALL): Plan[][] {
  const calls: Plan[][] = [];
  let current: Plan[] = [];
  let size = 0;
  const ordered = [...plans].sort((a, b) => b.entries.length - a.entries.length);
  for (const plan of ordered) {
    if (size + plan.entries.length > max && current.length) {
      calls.push(current);
      current = [];
      size = 0;
    }
    current.push(plan);
    size += plan.entries.length;
  }
  if (current.length) calls.push(current);
  return calls;
}

export async function queryAwsMetrics(
  clients: AwsClients,
  call: Call,
  limit: Limit,
  queries: MetricQuery[],
  range: TimeRange,
): Promise<MetricSeries[]> {
  const plans = queries.map(planQuery);
  const batches = packPlans(plans.filter((p) => p.entries.length));
  const results = await Promise.all(batches.map((batch) => limit(() => runBatch(clients, call, batch, range))));
  const byId = new Map(results.flat().map((r) => [r.Id ?? '', r]));
  return plans.map((plan) => toSeries(plan, byId.get(plan.resultId)));
}

async function runBatch(clients: AwsClients, call: Call, batch: Plan[], range: TimeRange): Promise<MetricDataResult[]> {
  const merged = new Map<string, MetricDataResult>();
  let token: string | undefined;
  do {
    const out = await call('get metric data', (abortSignal) =>
      clients.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch.flatMap((p) => p.entries),
          StartTime: new Date(range.start),
          EndTime: new Date(range.end),
          ScanBy: 'TimestampAscending',
          NextToken: token,
        }),
        { abortSignal },
      ),
    );
    for (const r of out.MetricDataResults ?? []) {
      const prev = merged.get(r.Id ?? '');
      if (!prev) merged.set(r.Id ?? '', { ...r, Timestamps: [...(r.Timestamps ?? [])], Values: [...(r.Values ?? [])] });
      else {
        prev.Timestamps!.push(...(r.Timestamps ?? []));
        prev.Values!.push(...(r.Values ?? []));
        if (r.StatusCode !== 'Complete') prev.StatusCode = r.StatusCode;
        prev.Messages = [...(prev.Messages ?? []), ...(r.Messages ?? [])];
      }
    }
    token = out.NextToken;
  } while (token);
  return [...merged.values()];
}

function toSeries(plan: Plan, result: MetricDataResult | undefined): MetricSeries {
  if (plan.unsupported) return { queryId: plan.query.id, unit: plan.unit, timestamps: [], values: [], message: plan.unsupported };
  const raw = (result?.Timestamps ?? []).map((t, i) => [new Date(t).getTime(), result?.Values?.[i]] as const);
  const points = raw.filter((p): p is readonly [number, number] => Number.isFinite(p[0]) && typeof p[1] === 'number' && Number.isFinite(p[1]));
  // CloudWatch promises the requested order, but a merged page boundary or a proxy may not keep it.
  points.sort((a, b) => a[0] - b[0]);
  const messages = (result?.Messages ?? []).map((m) => m.Value ?? m.Code ?? '').filter(Boolean);
  const summedUnknown = plan.unit === 'percent' && ['cpu', 'gpu', 'gpuMemory'].includes(plan.query.metric) && !plan.query.cores;
  if (summedUnknown) messages.push('Instance type unknown: values are summed over cores (0 to N x 100 %).');
  return {
    queryId: plan.query.id,
    unit: plan.unit,
    timestamps: points.map((p) => p[0]),
    values: points.map((p) => plan.scale(p[1])),
    partial: result ? result.StatusCode !== 'Complete' : true,
    message: result ? messages.join(' ') || undefined : 'CloudWatch returned no result for this query.',
  };
}
