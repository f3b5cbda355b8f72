// The fleet overview's data: for every serving endpoint, short series of requests/s, p99 latency,
// error %, CPU and memory over the last hours, a health verdict with its reasons, all from one
// batch of queries per scope.
import type { FleetCell, FleetMetric, FleetRow } from '../../protocol/fleetMessages';
import { resourceKey, type MetricQuery, type MetricSeries, type Resource, type TimeRange } from '../model';
import type { PanelThresholds } from './panelQueries';
import { HOUR } from './periods';
import { coresFor, formatCapacity, redHealth, type Health } from './red';
import { alignSeries, combine, gridFor, present } from './shaping';
import { formatValue } from './units';

export const FLEET_WINDOW_MS = 3 * HOUR;
export const FLEET_PERIOD_SECONDS = 300;

const combineBy: Record<FleetMetric, 'sum' | 'max'> = { requestsPerSecond: 'sum', latencyP99: 'max', errorRate: 'max', cpu: 'max', memory: 'max' };

export function fleetWindow(now: number): TimeRange {
  return { start: now - FLEET_WINDOW_MS, end: now };
}

function serving(r: Resource): boolean {
  return r.ref.kind === 'endpoint' && (r.status === 'inService' || r.status === 'updating');
}

export function buildFleetQueries(endpoints: readonly Resource[]): MetricQuery[] {
  const queries: MetricQuery[] = [];
  for (const e of endpoints.filter(serving)) {
    for (const v of e.variants ?? [{ name: 'AllTraffic' }]) {
      const metrics: FleetMetric[] = v.serverless ? ['requestsPerSecond', 'latencyP99', 'errorRate'] : ['requestsPerSecond', 'latencyP99', 'errorRate', 'cpu', 'memory'];
      for (const metric of metrics) {
        queries.push({
          id: `${resourceKey(e.ref)}|${v.name}|${metric}`,
          resource: e.ref,
          metric,
          variant: v.name,
          periodSeconds: FLEET_PERIOD_SECONDS,
          cores: metric === 'cpu' ? coresFor(e.ref.provider, v.instanceType, 'cpu') : undefined,
        });
      }
    }
  }
  return queries;
}

const thresholdOf = (t: PanelThresholds): Partial<Record<FleetMetric, number>> => ({ latencyP99: t.latencyMs, errorRate: t.errorRatePercent, cpu: t.cpu, memory: t.memory });
const units = { requestsPerSecond: 'perSecond', latencyP99: 'ms', errorRate: 'percent', cpu: 'percent', memory: 'percent' } as const;
const words: Record<FleetMetric, string> = { requestsPerSecond: 'requests', latencyP99: 'p99', errorRate: 'errors', cpu: 'CPU', memory: 'memory' };
const rank: Record<Health, number> = { unknown: 0, ok: 1, warning: 2, error: 3 };

function worse(a: Health, b: Health): Health {
  return rank[b] > rank[a] ? b : a;
}

export interface FleetEndpoint {
  resource: Resource;
  scopeLabel: string;
}

export function buildFleetRows(endpoints: readonly FleetEndpoint[], queries: readonly MetricQuery[], series: readonly MetricSeries[], window: TimeRange, thresholds: PanelThresholds): { rows: FleetRow[]; grid: { start: number; stepMs: number } } {
  const aligned = gridFor(window, FLEET_PERIOD_SECONDS * 1000);
  const byId = new Map(series.map((s) => [s.queryId, s]));
  const perMetric = new Map<string, Array<Array<number | null>>>();
  for (const q of queries) {
    const [key, , metric] = q.id.split('|');
    const s = byId.get(q.id);
    if (!s) continue;
    const list = perMetric.get(`${key}|${metric}`) ?? [];
    list.push(alignSeries(s, aligned));
    perMetric.set(`${key}|${metric}`, list);
  }
  const limits = thresholdOf(thresholds);
  const rows = endpoints.map(({ resource, scopeLabel }): FleetRow => {
    const key = resourceKey(resource.ref);
    const metrics: FleetRow['metrics'] = {};
    const reasons: string[] = [];
    for (const metric of Object.keys(combineBy) as FleetMetric[]) {
      const parts = perMetric.get(`${key}|${metric}`);
      if (!parts) continue;
      const values = combine(parts, combineBy[metric]);
      const data = present(values);
      const current = data[data.length - 1];
      const limit = limits[metric];
      const over = limit !== undefined && current !== undefined && current > limit;
      if (over) reasons.push(`${words[metric]} ${formatValue(current, units[metric])} above ${formatValue(limit, units[metric])}`);
      const cell: FleetCell = { current, values, over };
      metrics[metric] = cell;
    }
    let health: Health = 'unknown';
    if (resource.status === 'failed') {
      health = 'error';
      reasons.push(resource.statusReason ? `failed: ${resource.statusReason}` : 'failed');
    } else if (serving(resource)) {
      const summary = { p99LatencyMs: metrics.latencyP99?.current, requestsPerSecond: metrics.requestsPerSecond?.current, errorRatePercent: metrics.errorRate?.current };
      health = redHealth(summary, { latencyMs: thresholds.latencyMs, errorRateWarningPercent: 1, errorRateErrorPercent: thresholds.errorRatePercent });
      if (metrics.cpu?.over || metrics.memory?.over) health = worse(health, 'warning');
    }
    return {
      key,
      name: resource.ref.name,
      scope: scopeLabel,
      provider: resource.ref.provider,
      status: resource.rawStatus,
      capacity: formatCapacity(resource),
      health,
      reasons,
      metrics,
    };
  });
  return { rows, grid: aligned.grid };
}
