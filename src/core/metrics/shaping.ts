// Turns provider series into what a chart draws: values on one shared grid of slots (gaps as
// null, so lines break instead of bridging missing data), statistics over the range, the
// intervals above a threshold, and the sliding window a live chart keeps.
import type { MetricSeries, TimeRange } from '../model';
import type { Grid, SeriesStats } from '../../protocol/metricsMessages';
import { slotStart } from './periods';

export interface Aligned {
  grid: Grid;
  /** Number of slots from grid.start to the end of the window. */
  length: number;
}

/** Slots covering the window; the first one contains window.start. */
export function gridFor(window: TimeRange, stepMs: number): Aligned {
  const start = slotStart(window.start, stepMs);
  return { grid: { start, stepMs }, length: Math.max(1, Math.ceil((window.end - start) / stepMs)) };
}

/**
 * Places each point in its slot. Points outside the grid are dropped; a later point for the same
 * slot wins (pages may repeat a boundary point).
 */
export function alignSeries(series: Pick<MetricSeries, 'timestamps' | 'values'>, aligned: Aligned): Array<number | null> {
  const out: Array<number | null> = new Array(aligned.length).fill(null);
  const { start, stepMs } = aligned.grid;
  for (let i = 0; i < series.timestamps.length; i++) {
    const v = series.values[i];
    if (!Number.isFinite(v)) continue;
    const slot = Math.floor((series.timestamps[i] - start) / stepMs);
    if (slot >= 0 && slot < aligned.length) out[slot] = v;
  }
  return out;
}

/** Linear interpolation between closest ranks (the common "type 7" definition); `p` in 0..100. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (!sorted.length) return undefined;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function present(values: ReadonlyArray<number | null>): number[] {
  const out: number[] = [];
  for (const v of values) if (v !== null && Number.isFinite(v)) out.push(v);
  return out;
}

/** Current (last present), mean, p95, min, max and the share of slots above the threshold. */
export function seriesStats(id: string, label: string, values: ReadonlyArray<number | null>, threshold?: number): SeriesStats {
  const data = present(values);
  if (!data.length) return { id, label, points: 0 };
  const sorted = [...data].sort((a, b) => a - b);
  const sum = data.reduce((a, b) => a + b, 0);
  return {
    id,
    label,
    points: data.length,
    current: data[data.length - 1],
    mean: sum / data.length,
    p95: percentile(sorted, 95),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    overShare: threshold === undefined ? undefined : data.filter((v) => v > threshold).length / data.length,
  };
}

/** Slot-wise combination of aligned series (worst instance, total traffic); gaps stay gaps. */
export function combine(series: ReadonlyArray<ReadonlyArray<number | null>>, how: 'max' | 'sum'): Array<number | null> {
  if (!series.length) return [];
  const length = Math.max(...series.map((s) => s.length));
  const out: Array<number | null> = new Array(length).fill(null);
  for (const s of series) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i];
      if (v === null) continue;
      const prev = out[i];
      out[i] = prev === null ? v : how === 'max' ? Math.max(prev, v) : prev + v;
    }
  }
  return out;
}

/** [start, end) intervals where any series is above the threshold; touching slots merge. */
export function breaches(grid: Grid, series: ReadonlyArray<ReadonlyArray<number | null>>, threshold: number | undefined): Array<[number, number]> {
  if (threshold === undefined) return [];
  const worst = combine(series, 'max');
  const out: Array<[number, number]> = [];
  for (let i = 0; i < worst.length; i++) {
    const v = worst[i];
    if (v === null || !(v > threshold)) continue;
    const from = grid.start + i * grid.stepMs;
    const last = out[out.length - 1];
    if (last && last[1] === from) last[1] = from + grid.stepMs;
    else out.push([from, from + grid.stepMs]);
  }
  return out;
}

/** Five significant digits: far below what a chart or a card shows, and a third of the JSON. */
export function compact(values: ReadonlyArray<number | null>): Array<number | null> {
  return values.map((v) => (v === null ? null : Number(v.toPrecision(5))));
}

/** Index of the last slot holding a value in any series, or undefined when all are empty. */
export function lastFilledSlot(series: ReadonlyArray<ReadonlyArray<number | null>>): number | undefined {
  let last = -1;
  for (const s of series) {
    for (let i = s.length - 1; i > last; i--) {
      if (s[i] !== null) {
        last = i;
        break;
      }
    }
  }
  return last >= 0 ? last : undefined;
}

/**
 * Moves an aligned series to a later window: drops the slots before `newStart`, writes the
 * incoming values (aligned on `incomingStart`) over what was there and pads to `newLength`.
 * The result never holds more than `newLength` slots, so a live chart does not grow.
 */
export function slide(
  values: ReadonlyArray<number | null>,
  grid: Grid,
  newStart: number,
  newLength: number,
  incoming: ReadonlyArray<number | null>,
  incomingStart: number,
): Array<number | null> {
  const shift = Math.round((newStart - grid.start) / grid.stepMs);
  const out: Array<number | null> = new Array(newLength).fill(null);
  for (let i = Math.max(0, shift); i < values.length && i - shift < newLength; i++) out[i - shift] = values[i];
  const offset = Math.round((incomingStart - newStart) / grid.stepMs);
  for (let i = 0; i < incoming.length; i++) {
    const at = offset + i;
    if (at >= 0 && at < newLength && incoming[i] !== null) out[at] = incoming[i];
  }
  return out;
}
