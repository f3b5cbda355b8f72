// The fleet table: sortable by any column (headers are buttons; aria-sort says the order),
// filterable by text and by "needs attention", each row opening its resource's panel.
import { formatValue } from '../../src/core/metrics/units';
import type { FleetMetric, FleetRow } from '../../src/protocol/fleetMessages';
import { h, replaceChildren } from '../shared/dom';
import { sparkline } from './sparkline';

type Column = { id: string; label: string; metric?: FleetMetric; text?: (r: FleetRow) => string };

const units = { requestsPerSecond: 'perSecond', latencyP99: 'ms', errorRate: 'percent', cpu: 'percent', memory: 'percent' } as const;
const healthRank = { error: 0, warning: 1, ok: 2, unknown: 3 } as const;
const healthIcons = { ok: 'pass', warning: 'warning', error: 'error', unknown: 'circle-large-outline' } as const;
const healthWords = { ok: 'Healthy', warning: 'Warning', error: 'Error', unknown: 'No data' } as const;

export const columns: Column[] = [
  { id: 'health', label: 'Health' },
  { id: 'name', label: 'Endpoint', text: (r) => r.name },
  { id: 'capacity', label: 'Capacity', text: (r) => r.capacity },
  { id: 'requestsPerSecond', label: 'Requests/s', metric: 'requestsPerSecond' },
  { id: 'latencyP99', label: 'p99 latency', metric: 'latencyP99' },
  { id: 'errorRate', label: 'Error %', metric: 'errorRate' },
  { id: 'cpu', label: 'CPU', metric: 'cpu' },
  { id: 'memory', label: 'Memory', metric: 'memory' },
];

export interface TableState {
  sort: string;
  descending: boolean;
  filter: string;
  attentionOnly: boolean;
}

function compare(a: FleetRow, b: FleetRow, column: Column): number {
  if (column.metric) return (a.metrics[column.metric]?.current ?? -Infinity) - (b.metrics[column.metric]?.current ?? -Infinity);
  if (column.text) return column.text(a).localeCompare(column.text(b));
  return healthRank[a.health] - healthRank[b.health];
}

export function visibleRows(rows: FleetRow[], state: TableState): FleetRow[] {
  const needle = state.filter.trim().toLowerCase();
  const column = columns.find((c) => c.id === state.sort) ?? columns[0];
  return rows
    .filter((r) => !state.attentionOnly || r.health === 'warning' || r.health === 'error')
    .filter((r) => !needle || [r.name, r.scope, r.status, r.capacity].some((t) => t.toLowerCase().includes(needle)))
    .sort((a, b) => (state.descending ? -1 : 1) * compare(a, b, column) || a.name.localeCompare(b.name));
}

function metricCell(row: FleetRow, metric: FleetMetric): HTMLElement {
  const cell = row.metrics[metric];
  if (!cell) return h('td', { class: 'metric empty', 'data-metric': metric }, '—');
  const value = formatValue(cell.current, units[metric]);
  return h(
    'td',
    { class: `metric${cell.over ? ' over' : ''}`, 'data-metric': metric, 'data-value': cell.current === undefined ? undefined : String(cell.current) },
    sparkline(cell.values, `${value}, last 3 hours`, `spark-${metric}${cell.over ? ' spark-over' : ''}`),
    h('span', { class: 'metric-value' }, value),
  );
}

export function renderTable(table: HTMLTableElement, rows: FleetRow[], state: TableState, onSort: (id: string) => void, onOpen: (key: string) => void): void {
  const head = h(
    'tr',
    {},
    ...columns.map((c) => {
      const sorted = c.id === state.sort;
      const button = h('button', { class: 'sort', type: 'button' }, c.label, sorted ? h('vscode-icon', { name: state.descending ? 'arrow-down' : 'arrow-up', 'aria-hidden': 'true' }) : null);
      button.addEventListener('click', () => onSort(c.id));
      return h('th', { scope: 'col', 'aria-sort': sorted ? (state.descending ? 'descending' : 'ascending') : 'none', 'data-column': c.id }, button);
    }),
  );
  const body = h('tbody');
  for (const row of rows) {
    const tr = h(
      'tr',
      { tabindex: 0, 'data-key': row.key, 'data-name': row.name, 'aria-label': `${row.name}, ${healthWords[row.health]}. Press Enter to open its metrics.` },
      h(
        'td',
        { class: `health health-${row.health}`, title: row.reasons.join('\n') || healthWords[row.health] },
        h('vscode-icon', { name: healthIcons[row.health], 'aria-hidden': 'true' }),
        h('span', { class: 'sr-only' }, healthWords[row.health]),
      ),
      h('th', { scope: 'row', class: 'name' }, row.name, h('span', { class: 'where', title: `${row.scope} · ${row.status}` }, `${row.scope} · ${row.status}`)),
      h('td', { class: 'capacity' }, row.capacity),
      ...columns.filter((c) => c.metric).map((c) => metricCell(row, c.metric!)),
    );
    tr.addEventListener('click', () => onOpen(row.key));
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onOpen(row.key);
      }
    });
    body.appendChild(tr);
  }
  replaceChildren(table, h('caption', { class: 'sr-only' }, `${rows.length} endpoints`), h('thead', {}, head), body);
}
