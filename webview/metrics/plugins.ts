// Chart.js plugins the panel needs and Chart.js does not have: a threshold line, shaded breaches,
// a crosshair shared by every chart, drag-to-zoom with double-click reset, and an opaque
// background so an exported PNG reads in any viewer.
import type { Chart, ChartEvent, Plugin } from 'chart.js';
import type { Theme } from '../shared/theme';

export interface Overlay {
  threshold?: number;
  thresholdLabel?: string;
  breaches: Array<[number, number]>;
}

/** Options read by the plugins, kept on the chart object so they follow theme and data changes. */
export interface PanelChart extends Chart<'line'> {
  overlay?: Overlay;
  theme?: Theme;
}

/** One crosshair for the page: the time under the pointer in whichever chart it is. */
export const crosshair = { x: undefined as number | undefined, charts: new Set<Chart>() };

export interface ZoomHandlers {
  onZoom(min: number, max: number): void;
  onReset(): void;
}

export const backgroundPlugin: Plugin<'line'> = {
  id: 'mlmonBackground',
  beforeDraw(chart: PanelChart) {
    const color = chart.theme?.background;
    if (!color) return;
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export const breachPlugin: Plugin<'line'> = {
  id: 'mlmonBreaches',
  beforeDatasetsDraw(chart: PanelChart) {
    const overlay = chart.overlay;
    const color = chart.theme?.breach;
    if (!overlay?.breaches.length || !color) return;
    const { ctx, chartArea: area, scales } = chart;
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    ctx.fillStyle = color;
    ctx.globalAlpha = chart.theme?.kind.startsWith('highContrast') ? 0.28 : 0.14;
    // Intervals closer than two pixels become one: a week of minutes would otherwise stack
    // hundreds of translucent slivers into a darker band.
    let run: [number, number] | undefined;
    const flush = () => run && ctx.fillRect(run[0], area.top, Math.max(1, run[1] - run[0]), area.bottom - area.top);
    for (const [start, end] of overlay.breaches) {
      const x0 = Math.max(area.left, scales.x.getPixelForValue(start));
      const x1 = Math.min(area.right, scales.x.getPixelForValue(end));
      if (x1 < area.left || x0 > area.right) continue;
      if (run && x0 - run[1] < 2) run[1] = Math.max(run[1], x1);
      else {
        flush();
        run = [x0, x1];
      }
    }
    flush();
    ctx.restore();
  },
};

export const thresholdPlugin: Plugin<'line'> = {
  id: 'mlmonThreshold',
  afterDatasetsDraw(chart: PanelChart) {
    const value = chart.overlay?.threshold;
    const theme = chart.theme;
    if (value === undefined || !theme) return;
    const { ctx, chartArea: area, scales } = chart;
    const y = scales.y.getPixelForValue(value);
    if (y < area.top || y > area.bottom) return;
    ctx.save();
    ctx.strokeStyle = theme.threshold;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(area.left, y);
    ctx.lineTo(area.right, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = theme.threshold;
    ctx.font = `${theme.fontSize - 1}px ${theme.fontFamily}`;
    // Left and above the line, or below it when the line runs along the top: rising data usually
    // ends on the right, where a label would cover it.
    const below = y - theme.fontSize - 2 < area.top;
    ctx.textAlign = 'left';
    ctx.textBaseline = below ? 'top' : 'bottom';
    ctx.fillText(chart.overlay?.thresholdLabel ?? String(value), area.left + 4, below ? y + 3 : y - 2);
    ctx.restore();
  },
};

export const crosshairPlugin: Plugin<'line'> = {
  id: 'mlmonCrosshair',
  install(chart) {
    crosshair.charts.add(chart);
  },
  uninstall(chart) {
    crosshair.charts.delete(chart);
  },
  afterEvent(chart, args) {
    const e = args.event;
    const area = chart.chartArea;
    const inside = e.x !== null && e.y !== null && e.x >= area.left && e.x <= area.right && e.y >= area.top && e.y <= area.bottom;
    let next = crosshair.x;
    if (e.type === 'mousemove' && inside) next = chart.scales.x.getValueForPixel(e.x!);
    else if (e.type === 'mouseout' || (e.type === 'mousemove' && !inside)) next = undefined;
    if (next === crosshair.x) return;
    crosshair.x = next;
    // Other charts only redraw (no layout): cheap enough for every mouse move.
    for (const other of crosshair.charts) if (other !== chart) other.draw();
  },
  afterDatasetsDraw(chart: PanelChart) {
    const x = crosshair.x;
    if (x === undefined || !chart.theme) return;
    const { ctx, chartArea: area } = chart;
    const px = chart.scales.x.getPixelForValue(x);
    if (px < area.left || px > area.right) return;
    ctx.save();
    ctx.strokeStyle = chart.theme.muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(px, area.top);
    ctx.lineTo(px, area.bottom);
    ctx.stroke();
    ctx.restore();
  },
};

/** Horizontal drag selects a time span; double-click goes back to the whole range. */
export function zoomPlugin(handlers: ZoomHandlers): Plugin<'line'> {
  const drags = new WeakMap<Chart, { from: number; to: number }>();
  const valueAt = (chart: Chart, e: ChartEvent) => chart.scales.x.getValueForPixel(Math.min(chart.chartArea.right, Math.max(chart.chartArea.left, e.x ?? 0)));
  return {
    id: 'mlmonZoom',
    afterEvent(chart, args) {
      const e = args.event;
      const drag = drags.get(chart);
      if (e.type === 'dblclick') {
        handlers.onReset();
      } else if (e.type === 'mousedown' && e.x !== null && e.x >= chart.chartArea.left && e.x <= chart.chartArea.right) {
        drags.set(chart, { from: e.x, to: e.x });
      } else if (e.type === 'mousemove' && drag) {
        drag.to = e.x ?? drag.to;
        args.changed = true;
      } else if ((e.type === 'mouseup' || e.type === 'mouseout') && drag) {
        drags.delete(chart);
        args.changed = true;
        if (e.type === 'mouseup' && Math.abs((e.x ?? drag.from) - drag.from) > 6) {
          const a = valueAt(chart, { ...e, x: drag.from } as ChartEvent);
          const b = valueAt(chart, e);
          if (a !== undefined && b !== undefined) handlers.onZoom(Math.min(a, b), Math.max(a, b));
        }
      }
    },
    afterDraw(chart: PanelChart) {
      const drag = drags.get(chart);
      if (!drag || !chart.theme) return;
      const { ctx, chartArea: area } = chart;
      ctx.save();
      ctx.fillStyle = chart.theme.selection;
      ctx.globalAlpha = 0.35;
      ctx.fillRect(Math.min(drag.from, drag.to), area.top, Math.abs(drag.to - drag.from), area.bottom - area.top);
      ctx.restore();
    },
  };
}
