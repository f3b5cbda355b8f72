// Chart.js with only what the panel draws registered (line charts on a time axis, tooltip,
// legend, decimation), so the bundle leaves the rest of the library out. Long series are
// decimated min-max per pixel column: peaks and breaches survive, and zooming in shows every point.
import { Chart, Decimation, Legend, LinearScale, LineController, LineElement, PointElement, TimeScale, Tooltip, type ChartDataset } from 'chart.js';
import 'chartjs-adapter-date-fns';
import { holdLast, spliceWindow, toPoints, type Point } from '../../src/core/metrics/points';
import { formatTick, formatValue } from '../../src/core/metrics/units';
import type { ChartData, ChartLayout, Window } from '../../src/protocol/metricsMessages';
import type { Theme } from '../shared/theme';
import { backgroundPlugin, breachPlugin, crosshairPlugin, thresholdPlugin, zoomPlugin, type PanelChart, type ZoomHandlers } from './plugins';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip, Legend, Decimation);

function dash(theme: Theme, index: number): number[] {
  // In high contrast, series differ by pattern too, not by colour alone.
  if (!theme.kind.startsWith('highContrast')) return [];
  return [[], [6, 3], [2, 3], [8, 3, 2, 3]][index % 4];
}

function styleDataset(dataset: ChartDataset<'line', Point[]>, theme: Theme, index: number): void {
  const color = theme.series[index % theme.series.length];
  dataset.borderColor = color;
  dataset.backgroundColor = color;
  dataset.borderDash = dash(theme, index);
}

export function applyTheme(chart: PanelChart, theme: Theme): void {
  chart.theme = theme;
  chart.data.datasets.forEach((d, i) => styleDataset(d as ChartDataset<'line', Point[]>, theme, i));
  const font = { family: theme.fontFamily, size: theme.fontSize - 1 };
  for (const axis of [chart.options.scales!.x!, chart.options.scales!.y!]) {
    axis.ticks!.color = theme.muted;
    axis.ticks!.font = font;
    axis.grid!.color = theme.grid;
    axis.border!.color = theme.grid;
  }
  chart.options.plugins!.legend!.labels!.color = theme.foreground;
  chart.options.plugins!.legend!.labels!.font = font;
  const tooltip = chart.options.plugins!.tooltip!;
  tooltip.backgroundColor = theme.background;
  tooltip.titleColor = theme.foreground;
  tooltip.bodyColor = theme.foreground;
  tooltip.borderColor = theme.grid;
  chart.update('none');
}

export function createChart(canvas: HTMLCanvasElement, layout: ChartLayout, window: Window, theme: Theme, zoom: ZoomHandlers): PanelChart {
  const unit = layout.unit;
  const chart = new Chart<'line', Point[]>(canvas, {
    type: 'line',
    data: {
      datasets: layout.series.map((s) => ({
        label: s.label,
        data: [] as Point[],
        borderWidth: 1.5,
        pointRadius: 0,
        pointHoverRadius: 3,
        spanGaps: false,
        // A daily figure holds until the next one.
        stepped: layout.stepped ? 'after' : false,
      })),
    },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      events: ['mousemove', 'mouseout', 'mousedown', 'mouseup', 'dblclick'],
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'time', min: window.start, max: window.end, ticks: { maxRotation: 0, autoSkipPadding: 16 }, grid: {}, border: {} },
        y: {
          // Levels (storage) grow slowly: starting at zero would flatten the growth into a line.
          beginAtZero: !layout.stepped,
          // The threshold line always shows, so a healthy chart says how far below it the data is.
          suggestedMax: Math.max(layout.threshold ?? 0, layout.yMax ?? 0) || undefined,
          ticks: { callback: (v) => formatTick(Number(v), unit), maxTicksLimit: 6 },
          grid: {},
          border: {},
        },
      },
      plugins: {
        decimation: { enabled: true, algorithm: 'min-max' },
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 2 } },
        tooltip: {
          borderWidth: 1,
          callbacks: { label: (item) => `${item.dataset.label}: ${formatValue(item.parsed.y, unit)}` },
        },
      },
    },
    plugins: [backgroundPlugin, breachPlugin, thresholdPlugin, crosshairPlugin, zoomPlugin(zoom)],
  }) as PanelChart;
  chart.overlay = { threshold: layout.threshold, thresholdLabel: layout.threshold === undefined ? undefined : `threshold ${formatValue(layout.threshold, unit)}`, breaches: [] };
  applyTheme(chart, theme);
  return chart;
}

/** The original (undecimated) points of a dataset: what appends mutate. */
export function pointsOf(chart: PanelChart, index: number): Point[] {
  const dataset = chart.data.datasets[index] as ChartDataset<'line', Point[]> & { _data?: Point[] };
  return dataset._data ?? dataset.data;
}

export function setData(chart: PanelChart, data: ChartData, holdUntil?: number): void {
  chart.data.datasets.forEach((d, i) => {
    const points = toPoints(data, i);
    (d as ChartDataset<'line', Point[]>).data = holdUntil === undefined ? points : holdLast(points, holdUntil);
  });
  chart.overlay = { ...chart.overlay!, breaches: data.breaches };
  chart.update('none');
}

export function appendData(chart: PanelChart, data: ChartData, window: Window): void {
  chart.data.datasets.forEach((_, i) => spliceWindow(pointsOf(chart, i), window.start, data.grid.start, toPoints(data, i)));
  chart.overlay = { ...chart.overlay!, breaches: data.breaches };
}

export function setXRange(chart: PanelChart, min: number, max: number): void {
  chart.options.scales!.x!.min = min;
  chart.options.scales!.x!.max = max;
  chart.update('none');
}
