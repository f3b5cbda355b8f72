// The resource panel's page: renders what the extension sends (it fetches, this draws) and turns
// clicks into typed messages. The page keeps no data the host does not have.
import '../shared/elements';
import type { RangeSpec } from '../../src/core/metrics/periods';
import { parseMetricsHostMessage, type MetricsHostMessage, type MetricsViewMessage, type ResourceInfo, type Window } from '../../src/protocol/metricsMessages';
import { h, replaceChildren } from '../shared/dom';
import { readTheme, watchTheme } from '../shared/theme';
import { connect } from '../shared/vscodeApi';
import { renderCards } from './cards';
import { ChartPanel } from './chartPanel';
import { renderTimeline } from './timeline';
import { Toolbar } from './toolbar';

const scriptStart = Date.now();
const ipc = connect<MetricsHostMessage, MetricsViewMessage>(parseMetricsHostMessage);
// Said first: the host's answer travels while the rest of the page is built (messages are
// handled only after this script has run).
ipc.onMessage((m) => onMessage(m));
ipc.post({ type: 'ready' });
let theme = readTheme();
let resource: ResourceInfo | undefined;
let presets: string[] = [];
let requestId = -1;
let window_: Window = { start: Date.now() - 86_400_000, end: Date.now() };
let zoom: Window | undefined;
let openedAt = 0;
let requestedAt = 0;
let painted = false;
let updates = 0;
/** Messages from the host so far, `sync` aside: the host may have sent some before this page listened. */
let received = 0;
const charts = new Map<string, ChartPanel>();

const header = h('header', { class: 'page-header' });
const status = h('div', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
const cards = h('div', { class: 'cards', role: 'region', 'aria-label': 'Summary' });
const timeline = h('section', { class: 'timeline', hidden: true });
const note = h('p', { class: 'note', hidden: true });
const grid = h('main', { class: 'charts' });

const zoomTo = (z: Window | undefined) => {
  zoom = z;
  const shown = z ?? window_;
  for (const panel of charts.values()) panel.setXRange(shown.start, shown.end);
  toolbar.setZoom(z);
  drawTimeline();
};

const toolbar = new Toolbar({
  onRange(next: RangeSpec) {
    requestedAt = Date.now();
    ipc.post({ type: 'setRange', range: next });
  },
  onLive: (live) => ipc.post({ type: 'setLive', live }),
  onRefresh: () => ipc.post({ type: 'refresh' }),
  onExportCsv: () => ipc.post({ type: 'exportCsv', window: zoom }),
  onResetZoom: () => zoomTo(undefined),
});

const chartHandlers = {
  onZoom: (min: number, max: number) => zoomTo({ start: min, end: max }),
  onReset: () => zoomTo(undefined),
  onRetry: () => {
    requestedAt = Date.now();
    ipc.post({ type: 'retry' });
  },
  onExportPng: (chartId: string, dataUrl: string) => ipc.post({ type: 'exportPng', chartId, dataUrl }),
};

function drawTimeline(): void {
  if (!resource?.timeline?.length) return;
  timeline.hidden = false;
  renderTimeline(timeline, resource.timeline, zoom ?? window_, Date.now());
}

function drawHeader(info: ResourceInfo): void {
  const kind = { endpoint: 'Endpoint', trainingJob: 'Training job', dataset: 'Dataset' }[info.kind];
  replaceChildren(
    header,
    h('h1', {}, info.title, ' ', h('vscode-badge', { variant: 'counter', title: 'Status' }, info.status)),
    h('p', { class: 'facts' }, [kind, ...info.facts.map(([label, value]) => `${label}: ${value}`)].join(' · ')),
  );
}

/**
 * Marks the first chart of a load as painted: a task queued from the next animation frame runs
 * once that frame, the one with the chart, has been produced.
 */
function markPainted(id: number): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      const first = !painted;
      const ms = Date.now() - (first ? openedAt : requestedAt || openedAt);
      painted = true;
      if (first) {
        document.body.dataset.firstPaintMs = String(ms);
        document.body.dataset.scriptStartMs = String(scriptStart - openedAt);
        // Where the boot time went (bench/panel): the page's document requested, this script downloaded.
        document.body.dataset.pageStartMs = String(Math.round(performance.timeOrigin - openedAt));
        const script = performance.getEntriesByType('resource').find((e) => /\/metrics\.js(\?|$)/.test(e.name));
        if (script) document.body.dataset.scriptLoadedMs = String(Math.round(performance.timeOrigin + (script as PerformanceResourceTiming).responseEnd - openedAt));
      }
      document.body.dataset.paintMs = String(ms);
      ipc.post({ type: 'painted', requestId: id, ms, scriptMs: first ? scriptStart - openedAt : undefined });
    }),
  );
}

function showFailure(message: string, action?: string): void {
  const retry = h('vscode-button', { icon: 'refresh' }, 'Retry');
  retry.addEventListener('click', chartHandlers.onRetry);
  for (const panel of charts.values()) panel.destroy();
  charts.clear();
  replaceChildren(cards);
  replaceChildren(grid, h('div', { class: 'page-error', role: 'alert' }, h('vscode-icon', { name: 'error', 'aria-hidden': 'true' }), h('p', {}, message), action ? h('p', { class: 'detail' }, action) : null, retry));
  document.body.dataset.state = 'error';
}

type ChartMessage = Extract<MetricsHostMessage, { type: 'chart' }>;

function drawChart(m: ChartMessage): void {
  if (m.requestId !== requestId) return;
  const panel = charts.get(m.chart.id);
  if (!panel) return;
  const first = ![...charts.values()].some((p) => p.hasData);
  panel.setData(m.chart);
  renderCards(cards, m.cards);
  if (first && panel.hasData) markPainted(m.requestId);
  document.body.dataset.loadedCharts = String([...charts.values()].filter((p) => p.element.dataset.state !== 'loading').length);
  if ([...charts.values()].every((p) => p.element.dataset.state !== 'loading')) {
    document.body.dataset.state = 'ready';
    document.body.dataset.heldPoints = String([...charts.values()].reduce((n, p) => n + p.heldPoints, 0));
  }
}

/**
 * Charts are drawn one per frame: queued messages would otherwise all be drawn before the
 * browser paints any, and the first chart would wait for the last.
 */
const chartQueue: ChartMessage[] = [];
let draining = false;

function drainCharts(): void {
  const next = chartQueue.shift();
  if (!next) {
    draining = false;
    return;
  }
  drawChart(next);
  requestAnimationFrame(() => setTimeout(drainCharts));
}

function queueChart(m: ChartMessage): void {
  chartQueue.push(m);
  if (draining) return;
  draining = true;
  drainCharts();
}

/** Before anything that builds on the charts (live points), draws what is still queued. */
function flushCharts(): void {
  while (chartQueue.length) drawChart(chartQueue.shift()!);
}

function onMessage(m: MetricsHostMessage): void {
  if (m.type !== 'sync') received++;
  switch (m.type) {
    case 'sync':
      if (received < m.expect) ipc.post({ type: 'resync' });
      return;
    case 'init':
      resource = m.resource;
      presets = m.presets;
      openedAt = m.openedAt;
      drawHeader(m.resource);
      toolbar.setLive(m.live);
      ipc.setState({ v: 1, ref: m.resource.ref, range: m.range });
      return;
    case 'loading': {
      requestId = m.requestId;
      chartQueue.length = 0;
      window_ = m.window;
      zoom = undefined;
      ipc.setState({ v: 1, ref: resource?.ref, range: m.range });
      toolbar.setRange(presets, m.range, m.window);
      toolbar.setZoom(undefined);
      for (const panel of charts.values()) panel.destroy();
      charts.clear();
      replaceChildren(cards);
      replaceChildren(grid);
      note.hidden = !m.note;
      note.textContent = m.note ?? '';
      for (const layout of m.charts) {
        charts.set(layout.id, new ChartPanel(grid, layout, m.window, theme, chartHandlers));
      }
      drawTimeline();
      document.body.dataset.state = 'loading';
      document.body.dataset.requestId = String(m.requestId);
      return;
    }
    case 'chart':
      if (m.requestId === requestId) queueChart(m);
      return;
    case 'chartError':
      if (m.requestId === requestId) charts.get(m.chartId)?.setError(m.message);
      return;
    case 'append':
      if (m.requestId !== requestId) return;
      flushCharts();
      window_ = m.window;
      for (const data of m.charts) charts.get(data.id)?.append(data, m.window, zoom !== undefined);
      renderCards(cards, m.cards);
      drawTimeline();
      document.body.dataset.updates = String(++updates);
      document.body.dataset.heldPoints = String([...charts.values()].reduce((n, p) => n + p.heldPoints, 0));
      return;
    case 'failed':
      if (m.requestId >= requestId) {
        requestId = m.requestId;
        showFailure(m.message, m.action);
      }
      return;
    case 'notice':
      status.textContent = m.message;
      status.className = `status-line ${m.level}`;
      return;
  }
}

document.body.append(header, toolbar.element, status, cards, timeline, note, grid);
watchTheme((next) => {
  theme = next;
  for (const panel of charts.values()) panel.applyTheme(next);
});

