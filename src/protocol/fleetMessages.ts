// The fleet overview's messages: one row per endpoint across every connected cloud, with short
// sparklines. Rows are addressed by key; the host maps a key back to a resource it listed itself,
// so a webview can only open what the host showed it.
import {
  hasShape,
  isArrayOf,
  isFiniteNumber,
  isNumberOrNull,
  isObject,
  isOneOf,
  isOptional,
  isString,
  type Guard,
} from './guards';
import type { Health } from '../core/metrics/red';

export const FLEET_METRICS = ['requestsPerSecond', 'latencyP99', 'errorRate', 'cpu', 'memory'] as const;
export type FleetMetric = (typeof FLEET_METRICS)[number];

export interface FleetCell {
  current?: number;
  /** Aligned to the message's grid; null is a gap. */
  values: Array<number | null>;
  /** Above its threshold right now. */
  over?: boolean;
}

export interface FleetRow {
  key: string;
  name: string;
  scope: string;
  provider: string;
  status: string;
  capacity: string;
  health: Health;
  /** Why the health is what it is, for the badge's tooltip. */
  reasons: string[];
  metrics: Partial<Record<FleetMetric, FleetCell>>;
}

export type FleetHostMessage =
  | { type: 'loading'; requestId: number }
  | { type: 'rows'; requestId: number; rows: FleetRow[]; grid: { start: number; stepMs: number }; problems: string[]; updatedAt: number; openedAt: number }
  | { type: 'failed'; requestId: number; message: string; action?: string };

export type FleetViewMessage = { type: 'ready' } | { type: 'refresh' } | { type: 'open'; key: string } | { type: 'painted'; ms: number };

const text: Guard<string> = (v): v is string => isString(v, 4000);
const requestId: Guard<number> = (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isCell = hasShape<FleetCell>({
  current: isOptional(isFiniteNumber),
  values: isArrayOf(isNumberOrNull, 10_000),
  over: isOptional((v): v is boolean => typeof v === 'boolean'),
});
const isMetrics: Guard<FleetRow['metrics']> = (v): v is FleetRow['metrics'] =>
  isObject(v) && Object.entries(v).every(([k, cell]) => (FLEET_METRICS as readonly string[]).includes(k) && isCell(cell));
const isRow = hasShape<FleetRow>({
  key: text,
  name: text,
  scope: text,
  provider: text,
  status: text,
  capacity: text,
  health: isOneOf(['ok', 'warning', 'error', 'unknown'] as const),
  reasons: isArrayOf(text, 20),
  metrics: isMetrics,
});

export function parseFleetHostMessage(raw: unknown): FleetHostMessage | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw.type) {
    case 'loading':
      return requestId(raw.requestId) ? { type: 'loading', requestId: raw.requestId } : undefined;
    case 'rows': {
      const ok =
        requestId(raw.requestId) &&
        isArrayOf(isRow, 50_000)(raw.rows) &&
        isObject(raw.grid) &&
        isFiniteNumber(raw.grid.start) &&
        isFiniteNumber(raw.grid.stepMs) &&
        isArrayOf(text, 100)(raw.problems) &&
        isFiniteNumber(raw.updatedAt) &&
        isFiniteNumber(raw.openedAt);
      return ok ? (raw as FleetHostMessage) : undefined;
    }
    case 'failed':
      return requestId(raw.requestId) && text(raw.message) && isOptional(text)(raw.action) ? (raw as FleetHostMessage) : undefined;
    default:
      return undefined;
  }
}

export function parseFleetViewMessage(raw: unknown): FleetViewMessage | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
    case 'refresh':
      return { type: raw.type };
    case 'open':
      return isString(raw.key, 2000) ? { type: 'open', key: raw.key } : undefined;
    case 'painted':
      return isFiniteNumber(raw.ms) ? { type: 'painted', ms: raw.ms } : undefined;
    default:
      return undefined;
  }
}
