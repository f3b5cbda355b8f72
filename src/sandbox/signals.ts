// Turns a scenario signal (relative times, person units) into a function of the epoch minute.
import { gaussian } from './prng';
import type { Signal } from './scenarioTypes';
import { DAY_MS, HOUR_MS, resolveTime, type TimeContext } from './time';

/** A signal with every time resolved to epoch ms; evaluated per minute and per instance. */
export interface CompiledSignal {
  /** Level at `ms` before noise: what the story says the value should be. */
  level(ms: number): number;
  /** Level plus noise for one noise stream (e.g. one instance), clamped. */
  sample(ms: number, noiseKey: number): number;
}

const DIURNAL_PEAK_HOUR_UTC = 14;

export function compileSignal(signal: Signal, context: TimeContext, defaults: { min?: number; max?: number } = {}): CompiledSignal {
  const at = (expr: string) => resolveTime(expr, context);
  const base = signal.base ?? 0;
  const steps = (signal.steps ?? []).map((s) => ({ at: at(s.at), value: s.value })).sort((a, b) => a.at - b.at);
  const spikes = (signal.spikes ?? []).map((s) => ({ from: at(s.from), to: s.to === undefined ? Infinity : at(s.to), value: s.value }));
  const trend = signal.trend && { from: at(signal.trend.from), until: signal.trend.until ? at(signal.trend.until) : Infinity, perDay: signal.trend.perDay };
  const rampSpec = signal.ramp;
  const min = signal.min ?? defaults.min ?? -Infinity;
  const max = signal.max ?? defaults.max ?? Infinity;
  const noise = signal.noise ?? 0;
  const diurnal = signal.diurnal ?? 0;

  const stepped = (ms: number): number => {
    let value = base;
    for (const step of steps) if (step.at <= ms) value = step.value;
    return value;
  };
  const ramp = rampSpec && { from: at(rampSpec.from), to: at(rampSpec.to), value: rampSpec.value };

  const level = (ms: number): number => {
    for (const spike of spikes) if (ms >= spike.from && ms < spike.to) return spike.value;
    let value = stepped(ms);
    if (trend && ms > trend.from) value += (trend.perDay * (Math.min(ms, trend.until) - trend.from)) / DAY_MS;
    if (ramp && ms > ramp.from) {
      // Moves from wherever the rest of the signal is at `from` to the target, so a ramp
      // composes with steps and trends instead of jumping.
      const startLevel = stepped(ramp.from);
      const progress = Math.min(1, (ms - ramp.from) / Math.max(1, ramp.to - ramp.from));
      value += (ramp.value - startLevel) * progress;
    }
    if (diurnal) value += diurnal * Math.cos((2 * Math.PI * ((ms / HOUR_MS) % 24 - DIURNAL_PEAK_HOUR_UTC)) / 24);
    return value;
  };

  return {
    level,
    sample(ms, noiseKey) {
      const value = level(ms) + (noise ? noise * gaussian(noiseKey, Math.floor(ms / 60_000)) : 0);
      return Math.min(max, Math.max(min, value));
    },
  };
}

/** Shallow merge per signal: later layers replace the fields they name and keep the others. */
export function mergeSignals<K extends string>(...layers: Array<Partial<Record<K, Signal>> | undefined>): Partial<Record<K, Signal>> {
  const merged: Partial<Record<K, Signal>> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [name, signal] of Object.entries(layer) as Array<[K, Signal]>) {
      merged[name] = { ...merged[name], ...signal };
    }
  }
  return merged;
}
