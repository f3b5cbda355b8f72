// The text alternative of a chart: a table of each series' figures over the range, read by screen
// readers and shown on demand. It is built from the same statistics as the cards.
import { formatShare, formatValue } from '../../src/core/metrics/units';
import type { ChartLayout, SeriesStats, Window } from '../../src/protocol/metricsMessages';
import { h, replaceChildren } from '../shared/dom';

const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function formatWindow(window: Window): string {
  return `${dateFormat.format(window.start)} – ${dateFormat.format(window.end)}`;
}

export function renderSummaryTable(table: HTMLTableElement, layout: ChartLayout, stats: SeriesStats[], window: Window): void {
  const unit = layout.unit;
  const threshold = layout.threshold;
  const columns: Array<[string, string, (s: SeriesStats) => string]> = [
    ['Current', 'current', (s) => formatValue(s.current, unit)],
    ['Mean', 'mean', (s) => formatValue(s.mean, unit)],
    ['p95', 'p95', (s) => formatValue(s.p95, unit)],
    ['Min', 'min', (s) => formatValue(s.min, unit)],
    ['Max', 'max', (s) => formatValue(s.max, unit)],
  ];
  if (threshold !== undefined) columns.push([`Time above ${formatValue(threshold, unit)}`, 'overShare', (s) => formatShare(s.overShare)]);
  columns.push(['Points', 'points', (s) => String(s.points)]);
  replaceChildren(
    table,
    h('caption', {}, `${layout.title}, ${formatWindow(window)}`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Series'), ...columns.map(([label]) => h('th', { scope: 'col' }, label)))),
    h(
      'tbody',
      {},
      ...stats.map((s) =>
        h('tr', { 'data-series': s.id }, h('th', { scope: 'row' }, s.label), ...columns.map(([, key, value]) => h('td', { 'data-stat': key }, value(s)))),
      ),
    ),
  );
}

/** One sentence for the canvas's accessible name. */
export function describeChart(layout: ChartLayout, stats: SeriesStats[]): string {
  const parts = stats
    .filter((s) => s.points > 0)
    .map((s) => {
      const over = layout.threshold !== undefined && s.overShare ? `, above ${formatValue(layout.threshold, layout.unit)} ${formatShare(s.overShare)} of the time` : '';
      return `${s.label} now ${formatValue(s.current, layout.unit)}${over}`;
    });
  return `${layout.title} chart. ${parts.length ? parts.join('; ') : 'No data'}. The table below lists the figures.`;
}
