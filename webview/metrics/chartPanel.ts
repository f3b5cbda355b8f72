// One chart on the page: its header with PNG export and table toggle, the canvas, the loading /
// empty / error states over it, and its summary table.
import type { ChartData, ChartLayout, Window } from '../../src/protocol/metricsMessages';
import { h, replaceChildren } from '../shared/dom';
import type { Theme } from '../shared/theme';
import { appendData, applyTheme, createChart, pointsOf, setData, setXRange } from './charts';
import type { PanelChart, ZoomHandlers } from './plugins';
import { describeChart, renderSummaryTable } from './summaryTable';

export type ChartState = 'loading' | 'ready' | 'empty' | 'error';

export interface ChartPanelHandlers extends ZoomHandlers {
  onRetry(): void;
  onExportPng(chartId: string, dataUrl: string): void;
}

export class ChartPanel {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly overlay: HTMLElement;
  private readonly table: HTMLTableElement;
  /** Made when the first data (or a theme/zoom) needs it: a page of loading charts paints at once. */
  private chartInstance: PanelChart | undefined;
  private state: ChartState = 'loading';
  private stats: ChartData['stats'] = [];

  /** Appends itself to `parent` before creating the chart, so Chart.js measures a laid-out canvas. */
  constructor(
    parent: HTMLElement,
    readonly layout: ChartLayout,
    private window: Window,
    private theme: Theme,
    private readonly handlers: ChartPanelHandlers,
  ) {
    const titleId = `chart-title-${layout.id}`;
    this.canvas = h('canvas', { role: 'img', 'aria-label': `${layout.title} chart, loading` });
    this.overlay = h('div', { class: 'chart-overlay', 'aria-live': 'polite' });
    this.table = h('table', { class: 'summary-table sr-only', 'data-chart': layout.id, id: `table-${layout.id}` });
    const tableToggle = h('vscode-button', { secondary: true, icon: 'table', title: 'Show or hide the data table', 'aria-controls': this.table.id, 'aria-expanded': 'false' }, 'Table');
    tableToggle.addEventListener('click', () => {
      const hidden = this.table.classList.toggle('sr-only');
      tableToggle.setAttribute('aria-expanded', String(!hidden));
    });
    const png = h('vscode-button', { secondary: true, icon: 'device-camera', title: `Save the ${layout.title} chart as PNG` }, 'PNG');
    png.addEventListener('click', () => this.state === 'ready' && this.handlers.onExportPng(layout.id, this.chart.toBase64Image('image/png', 1)));
    this.element = h(
      'article',
      { class: 'chart-card', 'data-chart': layout.id, 'aria-labelledby': titleId },
      h('header', { class: 'chart-header' }, h('h2', { id: titleId }, layout.title), h('div', { class: 'chart-actions' }, tableToggle, png)),
      h('div', { class: 'chart-body' }, this.canvas, this.overlay),
      this.table,
    );
    parent.appendChild(this.element);
    this.setState('loading');
  }

  private get chart(): PanelChart {
    this.chartInstance ??= createChart(this.canvas, this.layout, this.window, this.theme, this.handlers);
    return this.chartInstance;
  }

  private setState(state: ChartState, message?: string, detail?: string): void {
    this.state = state;
    this.element.dataset.state = state;
    if (state === 'ready') {
      replaceChildren(this.overlay);
      return;
    }
    if (state === 'loading') {
      replaceChildren(this.overlay, h('vscode-progress-ring', { 'aria-label': `Loading ${this.layout.title}` }));
      return;
    }
    const retry = h('vscode-button', { secondary: true, icon: 'refresh' }, 'Retry');
    retry.addEventListener('click', () => this.handlers.onRetry());
    replaceChildren(
      this.overlay,
      h(
        'div',
        { class: `chart-message ${state}`, role: state === 'error' ? 'alert' : 'status' },
        h('vscode-icon', { name: state === 'error' ? 'error' : 'info', 'aria-hidden': 'true' }),
        h('p', {}, message ?? ''),
        detail ? h('p', { class: 'detail' }, detail) : null,
        retry,
      ),
    );
  }

  private render(data: ChartData): void {
    this.stats = data.stats;
    renderSummaryTable(this.table, this.layout, data.stats, this.window);
    this.canvas.setAttribute('aria-label', describeChart(this.layout, data.stats));
    const points = data.stats.reduce((n, s) => n + s.points, 0);
    if (points === 0) this.setState('empty', 'No datapoints: is the metric enabled?', data.message ?? `Nothing was published for ${this.layout.title.toLowerCase()} in this range.`);
    else this.setState('ready');
  }

  setData(data: ChartData): void {
    setData(this.chart, data, this.layout.stepped ? this.window.end : undefined);
    this.render(data);
  }

  /** Live points; the x axis follows the window unless the user has zoomed. */
  append(data: ChartData, window: Window, zoomed: boolean): void {
    this.window = window;
    appendData(this.chart, data, window);
    if (!zoomed) setXRange(this.chart, window.start, window.end);
    else this.chart.update('none');
    this.render({ ...data, stats: data.stats });
  }

  setError(message: string): void {
    this.setState('error', message);
  }

  setXRange(min: number, max: number): void {
    if (this.chartInstance) setXRange(this.chartInstance, min, max);
  }

  applyTheme(theme: Theme): void {
    this.theme = theme;
    if (this.chartInstance) applyTheme(this.chartInstance, theme);
  }

  get hasData(): boolean {
    return this.state === 'ready';
  }

  /** Chart points kept in memory (gaps included): constant while a live window slides. */
  get heldPoints(): number {
    if (!this.chartInstance) return 0;
    return this.chartInstance.data.datasets.reduce((n, _, i) => n + pointsOf(this.chartInstance!, i).length, 0);
  }

  destroy(): void {
    this.chartInstance?.destroy();
    this.element.remove();
  }
}
