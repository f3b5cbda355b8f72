// Plans Cloud Monitoring calls for a batch of metric queries: each query maps to a metric type,
// and every query of one metric type (and period) travels in ONE timeSeries.list for the whole
// project, aligned and reduced server-side and grouped by endpoint, deployed model, job or table,
// so the call count does not grow with the number of resources. BigQuery query times are
// project-wide (resource bigquery_project): one call per project serves every dataset in it.
import type { MetricQuery, MetricUnit } from '../../core/model';

export const ONLINE = 'aiplatform.googleapis.com/prediction/online/';
export const TRAINING = 'ml.googleapis.com/training/';
export const STORED_BYTES = 'bigquery.googleapis.com/storage/stored_bytes';
export const EXECUTION_TIMES = 'bigquery.googleapis.com/query/execution_times';
const ENDPOINT = 'aiplatform.googleapis.com/Endpoint';

/** How a query's values come out of its call's series. */
export type Reading =
  | { kind: 'responses'; want: 'rate' | 'count' | 'error' | '4xx' | '5xx' }
  | { kind: 'latency'; want: { percentile: number } | 'mean'; latencyType: 'model' | 'overhead' }
  /** A percentile of the merged execution-time distributions (seconds on the wire). */
  | { kind: 'queryTime'; percentile: number }
  | { kind: 'gauge'; scale: 'cpu' | 'fraction' | 'memoryBytes' | 'acceleratorBytes' | 'percent' | 'bytes' };

export interface QueryPlan {
  query: MetricQuery;
  unit: MetricUnit;
  /** Undefined: Vertex publishes nothing for this metric on this kind of resource. */
  metricType?: string;
  reading?: Reading;
  message?: string;
}

export interface TimeSeriesRequest {
  /** Identity of the call: plans with the same key share it. */
  key: string;
  /** The project whose metrics scope holds the series (BigQuery tables may live in another). */
  project: string;
  metricType: string;
  filter: string;
  aligner: string;
  reducer: string;
  groupBy: string[];
  periodS: number;
  plans: QueryPlan[];
}

/** Cloud Monitoring aligns to whole minutes at least (one sample a minute). */
export function monitoringPeriod(seconds: number): number {
  return Math.max(60, Math.round(seconds / 60) * 60);
}

const unsupported = (query: MetricQuery, unit: MetricUnit, message: string): QueryPlan => ({ query, unit, message });

export function planQuery(q: MetricQuery): QueryPlan {
  const kind = q.resource.kind;
  if (kind === 'dataset') {
    if (q.metric === 'storageBytes') return { query: q, unit: 'bytes', metricType: STORED_BYTES, reading: { kind: 'gauge', scale: 'bytes' } };
    if (q.metric === 'queryTimeP95' || q.metric === 'queryTimeP99') return { query: q, unit: 'ms', metricType: EXECUTION_TIMES, reading: { kind: 'queryTime', percentile: Number(q.metric.slice(-2)) / 100 } };
    return unsupported(q, 'count', `Vertex AI datasets publish no ${q.metric} metric; BigQuery publishes stored bytes per table and query times per project.`);
  }
  const utilization = { cpu: 'cpu/utilization', memory: kind === 'trainingJob' ? 'memory/utilization' : 'memory/bytes_used', gpu: kind === 'trainingJob' ? 'accelerator/utilization' : 'accelerator/duty_cycle', gpuMemory: kind === 'trainingJob' ? 'accelerator/memory/utilization' : 'accelerator/memory/bytes_used' } as const;
  if (q.metric === 'cpu' || q.metric === 'memory' || q.metric === 'gpu' || q.metric === 'gpuMemory') {
    const prefix = kind === 'trainingJob' ? TRAINING : ONLINE;
    const scale: Extract<Reading, { kind: 'gauge' }>['scale'] =
      q.metric === 'cpu' ? 'cpu' : kind === 'trainingJob' ? 'fraction' : q.metric === 'memory' ? 'memoryBytes' : q.metric === 'gpu' ? 'percent' : 'acceleratorBytes';
    return { query: q, unit: 'percent', metricType: prefix + utilization[q.metric], reading: { kind: 'gauge', scale } };
  }
  if (q.metric === 'disk') return unsupported(q, 'percent', 'Vertex AI publishes no disk utilization metric.');
  if (kind === 'trainingJob') return unsupported(q, 'count', `Custom jobs publish no ${q.metric} metric.`);
  switch (q.metric) {
    case 'requestsPerSecond':
      return { query: q, unit: 'perSecond', metricType: `${ONLINE}response_count`, reading: { kind: 'responses', want: 'rate' } };
    case 'invocations':
      return { query: q, unit: 'count', metricType: `${ONLINE}response_count`, reading: { kind: 'responses', want: 'count' } };
    case 'errorRate':
      return { query: q, unit: 'percent', metricType: `${ONLINE}response_count`, reading: { kind: 'responses', want: 'error' } };
    case 'errors4xxRate':
      return { query: q, unit: 'percent', metricType: `${ONLINE}response_count`, reading: { kind: 'responses', want: '4xx' } };
    case 'errors5xxRate':
      return { query: q, unit: 'percent', metricType: `${ONLINE}response_count`, reading: { kind: 'responses', want: '5xx' } };
    case 'latencyP50':
    case 'latencyP90':
    case 'latencyP99':
      return { query: q, unit: 'ms', metricType: `${ONLINE}prediction_latencies`, reading: { kind: 'latency', latencyType: 'model', want: { percentile: Number(q.metric.slice(-2)) / 100 } } };
    case 'overheadLatency':
      return { query: q, unit: 'ms', metricType: `${ONLINE}prediction_latencies`, reading: { kind: 'latency', latencyType: 'overhead', want: 'mean' } };
    default:
      return unsupported(q, 'count', `Vertex AI endpoints publish no ${q.metric} metric.`);
  }
}

/** Percentiles Cloud Monitoring can align to server-side. */
const SERVER_PERCENTILES: Record<number, string> = { 0.99: 'ALIGN_PERCENTILE_99', 0.95: 'ALIGN_PERCENTILE_95', 0.5: 'ALIGN_PERCENTILE_50', 0.05: 'ALIGN_PERCENTILE_05' };

export interface Target {
  /** Ids of the endpoints and jobs the batch is about, to narrow the filter to when they are few. */
  ids: { endpoint: string[]; trainingJob: string[] };
  project: (plan: QueryPlan) => string;
}

const quote = (s: string) => JSON.stringify(s);
const FEW = 20;

/**
 * Groups plans into calls. Latency is the one metric type read two ways: one server-side
 * percentile when that is all the batch asks of it, otherwise the merged distributions (one call,
 * every percentile and the mean computed from the buckets, as Cloud Monitoring itself does).
 */
export function groupRequests(plans: QueryPlan[], location: string, target: Target, rangeMs = 0): TimeSeriesRequest[] {
  const byKey = new Map<string, TimeSeriesRequest>();
  for (const plan of plans) {
    if (!plan.metricType || !plan.reading) continue;
    const project = target.project(plan);
    const group = `${project}|${plan.metricType}`;
    const request = byKey.get(group) ?? { key: group, project, metricType: plan.metricType, filter: '', aligner: '', reducer: '', groupBy: [], periodS: 0, plans: [] };
    request.plans.push(plan);
    byKey.set(group, request);
  }
  // Plans of one metric type share a call at the greatest common period and are re-bucketed to
  // their own periods (sums, means and merged distributions add up exactly); a call that would
  // then return too many points per series is split by period instead.
  const requests = [...byKey.values()].flatMap((r) => {
    const periods = [...new Set(r.plans.map((p) => monitoringPeriod(p.query.periodSeconds)))];
    const common = periods.reduce(gcd);
    if (periods.length === 1 || rangeMs / (common * 1000) <= MAX_POINTS_PER_SERIES) return [{ ...r, periodS: common }];
    return periods.map((periodS) => ({ ...r, periodS, plans: r.plans.filter((p) => monitoringPeriod(p.query.periodSeconds) === periodS) }));
  });
  for (const r of requests) shape(r, location, r.metricType.startsWith(TRAINING) ? target.ids.trainingJob : target.ids.endpoint);
  return requests;
}

const MAX_POINTS_PER_SERIES = 20_000;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

function shape(r: TimeSeriesRequest, location: string, ids: string[]): void {
  const clauses = [`metric.type = ${quote(r.metricType)}`];
  const few = ids.length > 0 && ids.length <= FEW ? `one_of(${ids.map(quote).join(', ')})` : undefined;
  if (r.metricType.startsWith(ONLINE)) {
    clauses.push(`resource.type = ${quote(ENDPOINT)}`, `resource.labels.location = ${quote(location)}`);
    if (few) clauses.push(`resource.labels.endpoint_id = ${few}`);
    r.groupBy = ['resource.label.endpoint_id', 'metric.label.deployed_model_id'];
  } else if (r.metricType.startsWith(TRAINING)) {
    clauses.push('resource.type = "cloudml_job"');
    if (few) clauses.push(`resource.labels.job_id = ${few}`);
    r.groupBy = ['resource.label.job_id', 'metric.label.task_name'];
  } else if (r.metricType === EXECUTION_TIMES) {
    clauses.push('resource.type = "bigquery_project"');
    r.groupBy = ['resource.label.project_id'];
  } else {
    clauses.push('resource.type = "bigquery_dataset"');
    r.groupBy = ['resource.label.dataset_id', 'metric.label.table'];
  }
  const first = r.plans[0].reading!;
  if (first.kind === 'responses' || first.kind === 'queryTime') {
    // Request counts add up; query-time distributions (interactive and batch) merge bucket by bucket.
    if (first.kind === 'responses') r.groupBy.push('metric.label.response_code');
    [r.aligner, r.reducer] = ['ALIGN_DELTA', 'REDUCE_SUM'];
  } else if (first.kind === 'latency') {
    const wants = new Set(r.plans.map((p) => JSON.stringify(p.reading)));
    const only = r.plans[0].reading as Extract<Reading, { kind: 'latency' }>;
    // A server-side percentile cannot be re-bucketed: only when every plan asks for it at this period.
    const samePeriod = r.plans.every((p) => monitoringPeriod(p.query.periodSeconds) === r.periodS);
    const server = wants.size === 1 && samePeriod && only.latencyType === 'model' && only.want !== 'mean' ? SERVER_PERCENTILES[only.want.percentile] : undefined;
    if (server) {
      clauses.push('metric.labels.latency_type = "model"');
      [r.aligner, r.reducer] = [server, 'REDUCE_MAX'];
    } else {
      r.groupBy.push('metric.label.latency_type');
      [r.aligner, r.reducer] = ['ALIGN_DELTA', 'REDUCE_SUM'];
    }
  } else {
    [r.aligner, r.reducer] = ['ALIGN_MEAN', r.metricType === STORED_BYTES ? 'REDUCE_SUM' : 'REDUCE_MEAN'];
  }
  r.filter = clauses.join(' AND ');
  r.key = JSON.stringify([r.project, r.filter, r.aligner, r.reducer, r.groupBy, r.periodS]);
}
