// Builds a chart's data and its summary card from provider series, and moves both forward when a
// live refresh brings new points. Values stay at full precision here (cards, tables and CSV are
// computed from them); compact() trims them only for the trip to the webview.
import type { MetricSeries, TimeRange } from '../model';
import type { Card, ChartData, ChartLayout } from '../../protocol/metricsMessages';
import type { ChartPlan } from './panelQueries';
import { alignSeries, breaches, combine, compact, gridFor, lastFilledSlot, percentile, present, seriesStats, slide } from './shaping';

/** The series of a chart keyed by series id, from query results keyed by query id. */
function bySeries(plan: ChartPlan, results: ReadonlyMap<string, MetricSeries>): Map<string, MetricSeries> {
  const out = new Map<string, MetricSeries>();
  for (const q of plan.queries) {
    const r = results.get(q.id);
    if (r) out.set(q.id.slice(plan.layout.id.length + 1), r);
  }
  return out;
}

function withStats(layout: ChartLayout, data: Omit<ChartData, 'stats' | 'breaches'>): ChartData {
  const values = data.series.map((s) => s.values);
  return {
    ...data,
    breaches: breaches(data.grid, values, layout.threshold),
    stats: data.series.map((s, i) => seriesStats(s.id, layout.series.find((l) => l.id === s.id)?.label ?? s.id, values[i], layout.threshold)),
  };
}

export function buildChart(plan: ChartPlan, window: TimeRange, stepMs: number, results: ReadonlyMap<string, MetricSeries>): ChartData {
  const aligned = gridFor(window, stepMs);
  const found = bySeries(plan, results);
  const messages = new Set<string>();
  const series = plan.layout.series.map((s) => {
    const r = found.get(s.id);
    if (r?.message) messages.add(r.message);
    return { id: s.id, values: r ? alignSeries(r, aligned) : new Array<number | null>(aligned.length).fill(null) };
  });
  return withStats(plan.layout, { id: plan.layout.id, grid: aligned.grid, series, message: messages.size ? [...messages].join(' ') : undefined });
}

/** The chart moved to `window` with the incremental results written over its newest slots. */
export function advanceChart(plan: ChartPlan, current: ChartData, window: TimeRange, increment: TimeRange, results: ReadonlyMap<string, MetricSeries>): ChartData {
  const stepMs = current.grid.stepMs;
  const target = gridFor(window, stepMs);
  const fresh = buildChart(plan, increment, stepMs, results);
  const series = current.series.map((s) => {
    const incoming = fresh.series.find((f) => f.id === s.id)?.values ?? [];
    return { id: s.id, values: slide(s.values, current.grid, target.grid.start, target.length, incoming, fresh.grid.start) };
  });
  return withStats(plan.layout, { id: current.id, grid: target.grid, series, message: fresh.message });
}

/** The slot a live refresh starts from: the newest one any series of any chart holds. */
export function lastSlotTime(charts: Iterable<ChartData>): number | undefined {
  let last: number | undefined;
  for (const chart of charts) {
    const slot = lastFilledSlot(chart.series.map((s) => s.values));
    if (slot === undefined) continue;
    const t = chart.grid.start + slot * chart.grid.stepMs;
    if (last === undefined || t > last) last = t;
  }
  return last;
}

/** Only the slots from `from` on, for the webview to append. */
export function tail(chart: ChartData, from: number): ChartData {
  const skip = Math.max(0, Math.floor((from - chart.grid.start) / chart.grid.stepMs));
  return { ...chart, grid: { start: chart.grid.start + skip * chart.grid.stepMs, stepMs: chart.grid.stepMs }, series: chart.series.map((s) => ({ id: s.id, values: s.values.slice(skip) })) };
}

/** What travels to the webview: values at five significant digits. */
export function forWire(chart: ChartData): ChartData {
  return { ...chart, series: chart.series.map((s) => ({ id: s.id, values: compact(s.values) })) };
}

export function buildCard(plan: ChartPlan, chart: ChartData): Card | undefined {
  const spec = plan.card;
  if (!spec) return undefined;
  const picked = chart.series.filter((s) => !spec.seriesIds || spec.seriesIds.includes(s.id)).map((s) => s.values);
  const values = combine(picked, spec.combine);
  const data = present(values);
  const threshold = plan.layout.threshold;
  const base: Card = { id: plan.layout.id, title: spec.title, unit: plan.layout.unit, threshold, health: 'unknown' };
  if (!data.length) return base;
  const sorted = [...data].sort((a, b) => a - b);
  const current = data[data.length - 1];
  return {
    ...base,
    current,
    p95: percentile(sorted, 95),
    worst: sorted[sorted.length - 1],
    overShare: threshold === undefined || spec.change ? undefined : data.filter((v) => v > threshold).length / data.length,
    change: spec.change ? current - data[0] : undefined,
    health: threshold === undefined ? 'unknown' : current > threshold ? 'warning' : 'ok',
  };
}
