// The figures CodeLens and hovers show for a linked endpoint: p99 latency, requests/s and error % as the
// tree shows them, plus CPU (per vCPU) and memory, per variant over the last five minutes, and the whole
// endpoint under the key ''. Pure (no vscode import): tests compute the same figures from the sandbox.
import { coresFor, RED_WINDOW_SECONDS } from '../../core/metrics/red';
import { resourceKey, type MetricQuery, type MetricSeries, type Resource } from '../../core/model';

/** Recent figures of one endpoint variant (or the whole endpoint under the key ''), last 5 minutes. */
export interface VariantFigures {
  p99LatencyMs?: number;
  requestsPerSecond?: number;
  errorRatePercent?: number;
  cpuPercent?: number;
  memoryPercent?: number;
}

const figureKey = {
  latencyP99: 'p99LatencyMs',
  requestsPerSecond: 'requestsPerSecond',
  errorRate: 'errorRatePercent',
  cpu: 'cpuPercent',
  memory: 'memoryPercent',
} as const;

/** RED as the tree shows it, plus CPU (per vCPU) and memory, per variant over the last five minutes. */
export function figureQueries(endpoints: readonly Resource[]): MetricQuery[] {
  const queries: MetricQuery[] = [];
  for (const r of endpoints) {
    for (const v of r.variants ?? []) {
      const metrics: Array<keyof typeof figureKey> = ['latencyP99', 'requestsPerSecond', 'errorRate'];
      if (!v.serverless && v.instanceType) metrics.push('cpu', 'memory');
      for (const metric of metrics) {
        const cores = metric === 'cpu' ? coresFor(r.ref.provider, v.instanceType, 'cpu') : undefined;
        queries.push({ id: `f${queries.length}`, resource: r.ref, metric, variant: v.name, periodSeconds: RED_WINDOW_SECONDS, ...(cores ? { cores } : {}) });
      }
    }
  }
  return queries;
}

/** The whole endpoint: worst latency, summed traffic, traffic-weighted errors, busiest CPU and memory. */
function combine(list: VariantFigures[]): VariantFigures {
  const out: VariantFigures = {};
  let weighted = 0;
  let weight = 0;
  for (const v of list) {
    if (v.p99LatencyMs !== undefined) out.p99LatencyMs = Math.max(out.p99LatencyMs ?? 0, v.p99LatencyMs);
    if (v.requestsPerSecond !== undefined) out.requestsPerSecond = (out.requestsPerSecond ?? 0) + v.requestsPerSecond;
    if (v.cpuPercent !== undefined) out.cpuPercent = Math.max(out.cpuPercent ?? 0, v.cpuPercent);
    if (v.memoryPercent !== undefined) out.memoryPercent = Math.max(out.memoryPercent ?? 0, v.memoryPercent);
    if (v.errorRatePercent !== undefined) {
      const w = v.requestsPerSecond ?? 1;
      weighted += v.errorRatePercent * w;
      weight += w;
      out.errorRatePercent = weight > 0 ? weighted / weight : v.errorRatePercent;
    }
  }
  return out;
}

/** Variant name (and '' for the whole endpoint) → figures, per resource key; the newest point of each series. */
export function figuresFromSeries(endpoints: readonly Resource[], queries: readonly MetricQuery[], series: readonly MetricSeries[]): Map<string, Map<string, VariantFigures>> {
  const out = new Map<string, Map<string, VariantFigures>>(endpoints.map((r) => [resourceKey(r.ref), new Map()]));
  const byId = new Map(series.map((s) => [s.queryId, s.values]));
  for (const q of queries) {
    const values = byId.get(q.id) ?? [];
    const figures = out.get(resourceKey(q.resource));
    if (!values.length || !figures) continue;
    const v = figures.get(q.variant ?? '') ?? {};
    v[figureKey[q.metric as keyof typeof figureKey]] = values[values.length - 1];
    figures.set(q.variant ?? '', v);
  }
  for (const f of out.values()) f.set('', combine([...f.values()]));
  return out;
}
