// The shown data as CSV: one row per time slot, one column per series, in UTC ISO time so the
// file means the same in every spreadsheet. Resource names come from the cloud and may hold
// anything, so text cells are quoted and formula-looking text is defused.
import type { ChartData, ChartLayout, Window } from '../../protocol/metricsMessages';

const unitSuffix: Record<ChartLayout['unit'], string> = { percent: '%', ms: 'ms', perSecond: 'per s', count: 'count', bytes: 'bytes' };

/** RFC 4180 quoting, plus a leading apostrophe for text a spreadsheet would run as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(layouts: readonly ChartLayout[], charts: readonly ChartData[], window?: Window): string {
  const columns: Array<{ header: string; chart: ChartData; index: number }> = [];
  for (const layout of layouts) {
    const chart = charts.find((c) => c.id === layout.id);
    if (!chart) continue;
    chart.series.forEach((s, index) => {
      const label = layout.series.find((l) => l.id === s.id)?.label ?? s.id;
      columns.push({ header: `${layout.title}: ${label} (${unitSuffix[layout.unit]})`, chart, index });
    });
  }
  const times = new Set<number>();
  for (const { chart } of columns) {
    const length = Math.max(0, ...chart.series.map((s) => s.values.length));
    for (let i = 0; i < length; i++) times.add(chart.grid.start + i * chart.grid.stepMs);
  }
  const rows = [...times].filter((t) => !window || (t >= window.start && t < window.end)).sort((a, b) => a - b);
  const lines = [['time (UTC)', ...columns.map((c) => c.header)].map(csvCell).join(',')];
  for (const t of rows) {
    const cells = columns.map(({ chart, index }) => {
      const slot = (t - chart.grid.start) / chart.grid.stepMs;
      return Number.isInteger(slot) ? csvCell(chart.series[index].values[slot]) : '';
    });
    // Skip slots where no series has a value: a day of gaps is no data, not rows of commas.
    if (cells.every((c) => c === '')) continue;
    lines.push([new Date(t).toISOString(), ...cells].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
