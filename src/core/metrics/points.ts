// The input Chart.js decimation needs: {x, y} points sorted by x with unique x (parsing off),
// gaps kept as y = null so lines break where data is missing. Live refresh edits the arrays in
// place so a chart keeps one array per series for its whole life.
import type { ChartData } from '../../protocol/metricsMessages';

export interface Point {
  x: number;
  y: number | null;
}

/** Aligned values to chart points. */
export function toPoints(data: ChartData, seriesIndex: number): Point[] {
  const { start, stepMs } = data.grid;
  const values = data.series[seriesIndex]?.values ?? [];
  const points: Point[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) points[i] = { x: start + i * stepMs, y: values[i] };
  return points;
}

/** Drops points before the window and from `from` on, then appends the new ones. In place. */
export function spliceWindow(points: Point[], windowStart: number, from: number, incoming: readonly Point[]): void {
  let keepFrom = 0;
  while (keepFrom < points.length && points[keepFrom].x < windowStart) keepFrom++;
  if (keepFrom) points.splice(0, keepFrom);
  let cut = points.length;
  while (cut > 0 && points[cut - 1].x >= from) cut--;
  points.length = cut;
  for (const p of incoming) if (p.x >= windowStart) points.push(p);
}

/** Levels (daily storage) drawn as steps: the last value is carried to `end` so the line reaches now. */
export function holdLast(points: Point[], end: number): Point[] {
  let last = points.length - 1;
  while (last >= 0 && points[last].y === null) last--;
  if (last < 0 || points[last].x >= end) return points;
  return [...points.slice(0, last + 1), { x: end, y: points[last].y }];
}
