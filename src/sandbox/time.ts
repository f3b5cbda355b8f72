// Time expressions in scenarios and the sandbox clock.
import type { TimeExpr } from './scenarioTypes';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const unitMs: Record<string, number> = { s: 1000, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS };
const durationPart = /(\d+(?:\.\d+)?)([smhdw])/g;
/** Also used by the JSON schema (keep in step with docs/scenario.schema.json). */
export const DURATION_PATTERN = /^(\d+(\.\d+)?[smhdw])+$/;
const TIME_PATTERN = /^(now|start|end)?(([+-])((\d+(\.\d+)?[smhdw])+))?$/;

/** `3d12h` → milliseconds. Throws on anything else so scenario mistakes surface at load time. */
export function parseDuration(text: string): number {
  if (!DURATION_PATTERN.test(text)) throw new Error(`'${text}' is not a duration like 90m, 6h or 3d12h`);
  let total = 0;
  for (const match of text.matchAll(durationPart)) total += Number(match[1]) * unitMs[match[2]];
  return total;
}

/** What relative time expressions are measured from. `start`/`end` exist only for some resources. */
export interface TimeContext {
  now: number;
  start?: number;
  end?: number;
}

export function resolveTime(expr: TimeExpr, context: TimeContext): number {
  const match = TIME_PATTERN.exec(expr);
  if (match && expr !== '') {
    const word = (match[1] ?? 'now') as 'now' | 'start' | 'end';
    const base = context[word];
    if (base === undefined) throw new Error(`'${expr}': '${word}' has no meaning here; use a time relative to now such as -2h`);
    if (!match[2]) return base;
    const offset = parseDuration(match[4]);
    return match[3] === '-' ? base - offset : base + offset;
  }
  const absolute = Date.parse(expr);
  if (Number.isNaN(absolute)) {
    throw new Error(`'${expr}' is not a time: write now, -2h, start+10m, end-1h or an ISO 8601 timestamp`);
  }
  return absolute;
}

export function isTimeExpr(expr: string): boolean {
  try {
    resolveTime(expr, { now: 0, start: 0, end: 0 });
    return true;
  } catch {
    return false;
  }
}

export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/**
 * The sandbox clock. With an injected `now` the caller owns time completely (tests). Otherwise a
 * scenario's `clock.start` pins the anchor and the clock then advances with real time, so a demo
 * always starts from the same picture and still shows new points as minutes pass.
 */
export interface SandboxClock {
  /** Story times are relative to this instant (minute-aligned). */
  anchor: number;
  now(): number;
}

export function createClock(options: { now?: () => number; start?: string }): SandboxClock {
  if (options.now) {
    const injected = options.now;
    return { anchor: floorToMinute(options.start ? Date.parse(options.start) : injected()), now: () => injected() };
  }
  if (options.start) {
    const anchor = floorToMinute(Date.parse(options.start));
    const realStart = Date.now();
    return { anchor, now: () => anchor + (Date.now() - realStart) };
  }
  const anchor = floorToMinute(Date.now());
  return { anchor, now: () => Date.now() };
}
