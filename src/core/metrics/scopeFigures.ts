// A scope's own figures (Azure ML workspace metrics) as the tree shows them: a short description
// beside the workspace's name and the tooltip lines behind it.
import type { ScopeFigures } from '../model';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const whole = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? undefined : Math.round(n));
const percent = (n: number) => `${Math.round(n)} %`;

function span(f: ScopeFigures): string {
  const hours = Math.round((f.window.end - f.window.start) / 3600_000);
  return hours % 24 === 0 && hours > 24 ? `${hours / 24} d` : `${hours} h`;
}

/** `1 failed run, 14 completed · 24 h · quota 92 % · 1 unusable node`; empty when nothing was published. */
export function scopeFiguresDescription(f: ScopeFigures): string {
  const failed = whole(f.failedRuns);
  const completed = whole(f.completedRuns);
  const unusable = whole(f.unusableNodes);
  const parts: string[] = [];
  if (failed !== undefined || completed !== undefined) {
    parts.push(`${[failed !== undefined ? plural(failed, 'failed run') : '', completed !== undefined ? `${completed.toLocaleString('en-US')} completed` : ''].filter(Boolean).join(', ')} · ${span(f)}`);
  }
  if (f.quotaPercent !== undefined && Number.isFinite(f.quotaPercent)) parts.push(`quota ${percent(f.quotaPercent)}`);
  if (unusable) parts.push(plural(unusable, 'unusable node'));
  return parts.join(' · ');
}

/** The same figures in full, one per line, for the tooltip. */
export function scopeFiguresTooltip(f: ScopeFigures): string[] {
  const lines: string[] = [];
  const counters = [
    [whole(f.failedRuns), 'failed run'],
    [whole(f.completedRuns), 'completed run'],
    [whole(f.modelDeployFailed), 'failed model deployment'],
  ] as const;
  const known = counters.flatMap(([n, what]) => (n === undefined ? [] : [plural(n, what)]));
  if (known.length) lines.push(`Last ${span(f)}: ${known.join(', ')}`);
  if (f.quotaPercent !== undefined && Number.isFinite(f.quotaPercent)) {
    const peak = f.quotaPeakPercent !== undefined && Number.isFinite(f.quotaPeakPercent) ? ` (highest 15 min ${percent(f.quotaPeakPercent)})` : '';
    lines.push(`Compute quota in use: ${percent(f.quotaPercent)}${peak}`);
  }
  const unusable = whole(f.unusableNodes);
  if (unusable !== undefined) lines.push(`Unusable nodes: ${unusable}`);
  return lines;
}
