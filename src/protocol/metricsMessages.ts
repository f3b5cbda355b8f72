// The resource panel's messages, declared once for the extension host and the webview bundle.
// Every message has a `type`; each direction has one parser that returns undefined for anything
// malformed, so neither side acts on a message it has not checked.
import type { MetricUnit, ResourceKind, ResourceRef } from '../core/model';
import {
  hasShape,
  isArrayOf,
  isBoolean,
  isFiniteNumber,
  isNumberOrNull,
  isObject,
  isOneOf,
  isOptional,
  isString,
  type Guard,
} from './guards';
import type { RangeSpec } from '../core/metrics/periods';
import type { Health } from '../core/metrics/red';
import { isRangeSpec, isResourceRef } from './panelState';

/** Timestamps of an aligned series: `start + i * stepMs`. */
export interface Grid {
  start: number;
  stepMs: number;
}

export interface Window {
  start: number;
  end: number;
}

export interface SeriesLayout {
  id: string;
  label: string;
}

export interface ChartLayout {
  id: string;
  title: string;
  unit: MetricUnit;
  series: SeriesLayout[];
  /** Drawn as a line; values above it are shaded as breaches. */
  threshold?: number;
  /** Daily values (storage) read better as steps. */
  stepped?: boolean;
  /** The axis shows at least up to here (100 for utilization, which is normalised to 0-100 %). */
  yMax?: number;
}

export interface SeriesStats {
  id: string;
  label: string;
  points: number;
  current?: number;
  mean?: number;
  p95?: number;
  min?: number;
  max?: number;
  /** 0..1 of the points above the chart's threshold. */
  overShare?: number;
}

export interface SeriesData {
  id: string;
  /** Aligned to the chart's grid; null is a gap. */
  values: Array<number | null>;
}

export interface ChartData {
  id: string;
  grid: Grid;
  series: SeriesData[];
  /** [start, end) intervals, epoch ms, where a series was above the threshold. */
  breaches: Array<[number, number]>;
  stats: SeriesStats[];
  /** The provider returned part of the data or a warning. */
  message?: string;
}

export interface Card {
  id: string;
  title: string;
  unit: MetricUnit;
  current?: number;
  p95?: number;
  worst?: number;
  overShare?: number;
  threshold?: number;
  /** Last minus first value over the range (storage growth). */
  change?: number;
  health: Health;
}

export interface Phase {
  status: string;
  start: number;
  end?: number;
  message?: string;
}

export interface ResourceInfo {
  ref: ResourceRef;
  title: string;
  kind: ResourceKind;
  status: string;
  /** Label/value pairs shown under the title (instance type, region...). */
  facts: Array<[string, string]>;
  timeline?: Phase[];
}

export type MetricsHostMessage =
  | { type: 'init'; resource: ResourceInfo; range: RangeSpec; presets: string[]; live: boolean; openedAt: number }
  | { type: 'loading'; requestId: number; range: RangeSpec; window: Window; periodSeconds: number; charts: ChartLayout[]; note?: string }
  | { type: 'chart'; requestId: number; chart: ChartData; cards: Card[] }
  | { type: 'chartError'; requestId: number; chartId: string; message: string }
  | { type: 'append'; requestId: number; window: Window; charts: ChartData[]; cards: Card[] }
  | { type: 'failed'; requestId: number; message: string; action?: string }
  | { type: 'notice'; level: 'info' | 'error'; message: string }
  /** Said once the page is ready, if messages went out before: how many, so a page that missed some asks again. */
  | { type: 'sync'; expect: number };

export type MetricsViewMessage =
  | { type: 'ready' }
  /** The page got fewer messages than `sync` said were sent: it wants the whole state again. */
  | { type: 'resync' }
  | { type: 'setRange'; range: RangeSpec }
  | { type: 'retry' }
  | { type: 'refresh' }
  | { type: 'setLive'; live: boolean }
  | { type: 'exportCsv'; window?: Window }
  | { type: 'exportPng'; chartId: string; dataUrl: string }
  | { type: 'painted'; requestId: number; ms: number; scriptMs?: number };

const id: Guard<string> = (v): v is string => isString(v, 200);
const text: Guard<string> = (v): v is string => isString(v, 4000);
const units = isOneOf(['percent', 'ms', 'perSecond', 'count', 'bytes'] as const);
const health = isOneOf(['ok', 'warning', 'error', 'unknown'] as const);
const num = isOptional(isFiniteNumber);
const requestId: Guard<number> = (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

export const isWindow: Guard<Window> = (v): v is Window => isObject(v) && isFiniteNumber(v.start) && isFiniteNumber(v.end) && v.end > v.start;
const isGrid: Guard<Grid> = (v): v is Grid => isObject(v) && isFiniteNumber(v.start) && isFiniteNumber(v.stepMs) && v.stepMs > 0;
const isSeriesLayout = hasShape<SeriesLayout>({ id, label: text });
const isChartLayout = hasShape<ChartLayout>({
  id,
  title: text,
  unit: units,
  series: isArrayOf(isSeriesLayout, 200),
  threshold: num,
  stepped: isOptional(isBoolean),
  yMax: num,
});
const isSeriesStats = hasShape<SeriesStats>({ id, label: text, points: isFiniteNumber, current: num, mean: num, p95: num, min: num, max: num, overShare: num });
const isSeriesData = hasShape<SeriesData>({ id, values: isArrayOf(isNumberOrNull, 200_000) });
const isInterval: Guard<[number, number]> = (v): v is [number, number] => Array.isArray(v) && v.length === 2 && isFiniteNumber(v[0]) && isFiniteNumber(v[1]);
const isChartData = hasShape<ChartData>({
  id,
  grid: isGrid,
  series: isArrayOf(isSeriesData, 200),
  breaches: isArrayOf(isInterval, 100_000),
  stats: isArrayOf(isSeriesStats, 200),
  message: isOptional(text),
});
const isCard = hasShape<Card>({ id, title: text, unit: units, current: num, p95: num, worst: num, overShare: num, threshold: num, change: num, health });
const isPhase = hasShape<Phase>({ status: text, start: isFiniteNumber, end: num, message: isOptional(text) });
const isFact: Guard<[string, string]> = (v): v is [string, string] => Array.isArray(v) && v.length === 2 && text(v[0]) && text(v[1]);
const isResourceInfo = hasShape<ResourceInfo>({
  ref: isResourceRef,
  title: text,
  kind: isOneOf(['trainingJob', 'endpoint', 'dataset'] as const),
  status: text,
  facts: isArrayOf(isFact, 50),
  timeline: isOptional(isArrayOf(isPhase, 200)),
});

const hostGuards: { [K in MetricsHostMessage['type']]: Guard<Extract<MetricsHostMessage, { type: K }>> } = {
  init: hasShape({ type: isOneOf(['init'] as const), resource: isResourceInfo, range: isRangeSpec, presets: isArrayOf(id, 20), live: isBoolean, openedAt: isFiniteNumber }),
  loading: hasShape({
    type: isOneOf(['loading'] as const),
    requestId,
    range: isRangeSpec,
    window: isWindow,
    periodSeconds: isFiniteNumber,
    charts: isArrayOf(isChartLayout, 50),
    note: isOptional(text),
  }),
  chart: hasShape({ type: isOneOf(['chart'] as const), requestId, chart: isChartData, cards: isArrayOf(isCard, 50) }),
  chartError: hasShape({ type: isOneOf(['chartError'] as const), requestId, chartId: id, message: text }),
  append: hasShape({ type: isOneOf(['append'] as const), requestId, window: isWindow, charts: isArrayOf(isChartData, 50), cards: isArrayOf(isCard, 50) }),
  failed: hasShape({ type: isOneOf(['failed'] as const), requestId, message: text, action: isOptional(text) }),
  notice: hasShape({ type: isOneOf(['notice'] as const), level: isOneOf(['info', 'error'] as const), message: text }),
  sync: hasShape({ type: isOneOf(['sync'] as const), expect: requestId }),
};

/** PNG data URLs only, and not huge: a chart image is tens of kilobytes. */
export const MAX_PNG_DATA_URL = 16 * 1024 * 1024;
const isPngDataUrl: Guard<string> = (v): v is string => isString(v, MAX_PNG_DATA_URL) && /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(v);

const viewGuards: { [K in MetricsViewMessage['type']]: Guard<Extract<MetricsViewMessage, { type: K }>> } = {
  ready: hasShape({ type: isOneOf(['ready'] as const) }),
  resync: hasShape({ type: isOneOf(['resync'] as const) }),
  setRange: hasShape({ type: isOneOf(['setRange'] as const), range: isRangeSpec }),
  retry: hasShape({ type: isOneOf(['retry'] as const) }),
  refresh: hasShape({ type: isOneOf(['refresh'] as const) }),
  setLive: hasShape({ type: isOneOf(['setLive'] as const), live: isBoolean }),
  exportCsv: hasShape({ type: isOneOf(['exportCsv'] as const), window: isOptional(isWindow) }),
  exportPng: hasShape({ type: isOneOf(['exportPng'] as const), chartId: id, dataUrl: isPngDataUrl }),
  painted: hasShape({ type: isOneOf(['painted'] as const), requestId, ms: isFiniteNumber, scriptMs: isOptional(isFiniteNumber) }),
};

function parseWith<M extends { type: string }>(guards: Record<string, Guard<M>>, raw: unknown): M | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string' || !Object.prototype.hasOwnProperty.call(guards, raw.type)) return undefined;
  const guard = guards[raw.type];
  return guard(raw) ? raw : undefined;
}

export function parseMetricsHostMessage(raw: unknown): MetricsHostMessage | undefined {
  return parseWith(hostGuards as Record<string, Guard<MetricsHostMessage>>, raw);
}

export function parseMetricsViewMessage(raw: unknown): MetricsViewMessage | undefined {
  return parseWith(viewGuards as Record<string, Guard<MetricsViewMessage>>, raw);
}
