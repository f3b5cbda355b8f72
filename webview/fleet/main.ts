// The fleet overview page: filters and sorts what the host listed; opening a row is a request the
// host checks against its own list.
import '../shared/elements';
import { parseFleetHostMessage, type FleetHostMessage, type FleetRow, type FleetViewMessage } from '../../src/protocol/fleetMessages';
import { h, replaceChildren } from '../shared/dom';
import { watchTheme } from '../shared/theme';
import { connect } from '../shared/vscodeApi';
import { renderTable, visibleRows, type TableState } from './table';

const ipc = connect<FleetHostMessage, FleetViewMessage>(parseFleetHostMessage);
const saved = ipc.getState() as Partial<TableState> | undefined;
const state: TableState = {
  sort: typeof saved?.sort === 'string' ? saved.sort : 'health',
  descending: saved?.descending === true,
  filter: typeof saved?.filter === 'string' ? saved.filter : '',
  attentionOnly: saved?.attentionOnly === true,
};
let rows: FleetRow[] = [];
let requestId = -1;
let painted = false;
let requestedAt = Date.now();

const filter = h('vscode-textfield', { placeholder: 'Filter by name, account, status or instance type', 'aria-label': 'Filter endpoints', value: state.filter }) as HTMLElement & { value: string };
const attention = h('vscode-checkbox', { label: 'Only endpoints that need attention', checked: state.attentionOnly }) as HTMLElement & { checked: boolean };
const refresh = h('vscode-button', { secondary: true, icon: 'refresh' }, 'Refresh');
const summary = h('p', { class: 'fleet-summary', role: 'status', 'aria-live': 'polite' });
const problems = h('ul', { class: 'fleet-problems' });
const table = h('table', { class: 'fleet-table' });
const loading = h('vscode-progress-ring', { 'aria-label': 'Loading the fleet', hidden: true });

function draw(): void {
  ipc.setState({ v: 1, ...state });
  const shown = visibleRows(rows, state);
  const attentionCount = rows.filter((r) => r.health === 'warning' || r.health === 'error').length;
  summary.textContent = `${shown.length} of ${rows.length} endpoints shown · ${attentionCount} need attention`;
  renderTable(
    table,
    shown,
    state,
    (id) => {
      state.descending = state.sort === id ? !state.descending : false;
      state.sort = id;
      draw();
    },
    (key) => ipc.post({ type: 'open', key }),
  );
}

filter.addEventListener('input', () => {
  state.filter = filter.value;
  draw();
});
attention.addEventListener('change', () => {
  state.attentionOnly = attention.checked;
  draw();
});
refresh.addEventListener('click', () => {
  requestedAt = Date.now();
  ipc.post({ type: 'refresh' });
});

ipc.onMessage((m) => {
  switch (m.type) {
    case 'loading':
      requestId = m.requestId;
      loading.hidden = false;
      document.body.dataset.state = 'loading';
      return;
    case 'rows':
      // Rows replayed to a rebuilt page may come before any 'loading'; only older loads are stale.
      if (m.requestId < requestId) return;
      requestId = m.requestId;
      loading.hidden = true;
      rows = m.rows;
      replaceChildren(problems, ...m.problems.map((p) => h('li', { role: 'alert' }, p)));
      draw();
      document.body.dataset.state = 'ready';
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const ms = Date.now() - (painted ? requestedAt : m.openedAt);
          painted = true;
          ipc.post({ type: 'painted', ms });
        }),
      );
      return;
    case 'failed':
      loading.hidden = true;
      replaceChildren(problems, h('li', { role: 'alert' }, m.message, m.action ? ` ${m.action}` : ''));
      document.body.dataset.state = 'error';
      return;
  }
});

document.body.append(
  h('header', { class: 'page-header' }, h('h1', {}, 'Fleet overview'), h('p', { class: 'facts' }, 'Every endpoint across connected clouds; sparklines cover the last 3 hours at 5-minute resolution. Select a row to open its metrics.')),
  h('div', { class: 'toolbar' }, filter, attention, refresh, loading),
  summary,
  problems,
  h('div', { class: 'table-wrap' }, table),
);
// Sparklines are SVG coloured by CSS variables: a theme change needs no redraw, only noting.
watchTheme(() => undefined);
ipc.post({ type: 'ready' });
