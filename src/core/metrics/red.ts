// The live RED summary (p99 latency, requests/s, error %) shown beside each endpoint.
import { findInstanceType } from '../catalog/catalog';
import type { MetricQuery, MetricSeries, RedSummary, Resource, TimeRange } from '../model';
import { resourceKey } from '../model';

/** The window the summary covers: the last five whole minutes. */
export const RED_WINDOW_SECONDS = 300;

export function redWindow(now: number): TimeRange {
  const end = Math.floor(now / 60_000) * 60_000;
  return { start: end - RED_WINDOW_SECONDS * 1000, end };
}

const redMetrics = ['latencyP99', 'requestsPerSecond', 'errorRate'] as const;

/** One query per RED metric per variant; serverless and provisioned variants alike publish these. */
export function buildRedQueries(endpoints: Resource[]): MetricQuery[] {
  const queries: MetricQuery[] = [];
  for (const endpoint of endpoints) {
    if (endpoint.ref.kind !== 'endpoint' || (endpoint.status !== 'inService' && endpoint.status !== 'updating')) continue;
    for (const variant of endpoint.variants ?? []) {
      for (const metric of redMetrics) {
        queries.push({
          id: `${resourceKey(endpoint.ref)}|${variant.name}|${metric}`,
          resource: endpoint.ref,
          metric,
          variant: variant.name,
          periodSeconds: RED_WINDOW_SECONDS,
        });
      }
    }
  }
  return queries;
}

function last(series: MetricSeries | undefined): number | undefined {
  if (!series || !series.values.length) return undefined;
  return series.values[series.values.length - 1];
}

/**
 * Combines the variants of each endpoint: the worst p99, the summed request rate and the
 * request-weighted error rate.
 */
export function summarizeRed(queries: MetricQuery[], series: MetricSeries[]): Map<string, RedSummary> {
  const byId = new Map(series.map((s) => [s.queryId, s]));
  const perVariant = new Map<string, { key: string; latency?: number; rps?: number; errors?: number }>();
  for (const q of queries) {
    const [key, variant] = q.id.split('|');
    const id = `${key}|${variant}`;
    const entry = perVariant.get(id) ?? { key };
    const value = last(byId.get(q.id));
    if (q.metric === 'latencyP99') entry.latency = value;
    if (q.metric === 'requestsPerSecond') entry.rps = value;
    if (q.metric === 'errorRate') entry.errors = value;
    perVariant.set(id, entry);
  }
  const result = new Map<string, RedSummary>();
  const weights = new Map<string, { errorWeighted: number; weight: number }>();
  for (const v of perVariant.values()) {
    const summary = result.get(v.key) ?? {};
    if (v.latency !== undefined) summary.p99LatencyMs = Math.max(summary.p99LatencyMs ?? 0, v.latency);
    if (v.rps !== undefined) summary.requestsPerSecond = (summary.requestsPerSecond ?? 0) + v.rps;
    if (v.errors !== undefined) {
      const w = weights.get(v.key) ?? { errorWeighted: 0, weight: 0 };
      const weight = v.rps ?? 1;
      w.errorWeighted += v.errors * weight;
      w.weight += weight;
      weights.set(v.key, w);
      summary.errorRatePercent = w.weight > 0 ? w.errorWeighted / w.weight : v.errors;
    }
    result.set(v.key, summary);
  }
  return result;
}

export type Health = 'ok' | 'warning' | 'error' | 'unknown';

export interface RedThresholds {
  latencyMs: number;
  errorRateWarningPercent: number;
  errorRateErrorPercent: number;
}

export const defaultRedThresholds: RedThresholds = { latencyMs: 1000, errorRateWarningPercent: 1, errorRateErrorPercent: 5 };

export function redHealth(summary: RedSummary | undefined, t: RedThresholds = defaultRedThresholds): Health {
  if (!summary || (summary.p99LatencyMs === undefined && summary.errorRatePercent === undefined)) return 'unknown';
  if ((summary.errorRatePercent ?? 0) > t.errorRateErrorPercent) return 'error';
  if ((summary.errorRatePercent ?? 0) > t.errorRateWarningPercent || (summary.p99LatencyMs ?? 0) > t.latencyMs) return 'warning';
  return 'ok';
}

export function formatRed(summary: RedSummary | undefined): string {
  if (!summary) return '';
  const parts: string[] = [];
  if (summary.p99LatencyMs !== undefined) parts.push(`p99 ${formatNumber(summary.p99LatencyMs, summary.p99LatencyMs >= 100 ? 0 : 1)} ms`);
  if (summary.requestsPerSecond !== undefined) parts.push(`${formatNumber(summary.requestsPerSecond, summary.requestsPerSecond >= 100 ? 0 : 1)} req/s`);
  if (summary.errorRatePercent !== undefined) parts.push(`${formatNumber(summary.errorRatePercent, summary.errorRatePercent >= 10 ? 0 : 1)}% err`);
  return parts.join(' · ');
}

export function formatNumber(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `ml.g5.12xlarge × 2`, `serverless 4 GB`, or both variants joined. */
export function formatCapacity(resource: Resource): string {
  return (resource.variants ?? [])
    .map((v) => {
      if (v.serverless) return `serverless ${formatNumber(v.serverless.memorySizeMb / 1024, 0)} GB`;
      if (!v.instanceType) return '';
      // Attached accelerators belong to the instance: `n1-standard-8 + T4 × 2` is two of those.
      const type = v.accelerator ? `${v.instanceType} + ${v.accelerator.count > 1 ? `${v.accelerator.count} ` : ''}${v.accelerator.type.replace(/^NVIDIA_(TESLA_)?/, '')}` : v.instanceType;
      return v.instanceCount !== undefined ? `${type} × ${v.instanceCount}` : type;
    })
    .filter(Boolean)
    .join(', ');
}

/** vCPU (cpu) or accelerator (gpu, gpuMemory) count of one instance, for per-core normalisation. */
export function coresFor(provider: Resource['ref']['provider'], instanceType: string | undefined, metric: 'cpu' | 'gpu' | 'gpuMemory'): number | undefined {
  if (!instanceType) return undefined;
  const spec = findInstanceType(provider, instanceType);
  if (!spec) return undefined;
  return metric === 'cpu' ? spec.vcpu : spec.gpus || undefined;
}
