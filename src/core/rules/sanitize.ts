// What rules accept from a provider. Series can carry gaps, NaN, negative counts or values no real
// system produces (a proxy's garbage, a unit mix-up); left in, they would turn into "Infinity
// instances" or NaN in a message. Each rule family cleans its input here first.
import type { DatasetObservation, EndpointObservation, Series, TrainingObservation } from './types';

/** Bounds per kind of value; beyond them a datapoint is clamped (percent) or dropped (the rest). */
const LIMITS = {
  percent: [0, 100],
  count: [0, 1e15],
  ms: [0, 1e9],
  bytes: [0, 2 ** 70],
} as const;

type Kind = keyof typeof LIMITS;

export function cleanSeries(series: Series | undefined, kind: Kind): Series | undefined {
  if (!series) return undefined;
  const [low, high] = LIMITS[kind];
  const timestamps: number[] = [];
  const values: number[] = [];
  const n = Math.min(series.timestamps.length, series.values.length);
  for (let i = 0; i < n; i++) {
    const t = series.timestamps[i];
    let v = series.values[i];
    if (!Number.isFinite(t) || !Number.isFinite(v)) continue;
    if (kind === 'percent') v = Math.min(high, Math.max(low, v));
    else if (v < low || v > high) continue;
    timestamps.push(t);
    values.push(v);
  }
  const periodMs = Number.isFinite(series.periodMs) && series.periodMs > 0 ? series.periodMs : 60_000;
  return { timestamps, values, periodMs };
}

/** Observations this module produced: every rule family cleans its input, but only once each. */
const cleaned = new WeakSet<object>();

function remember<T extends object>(obs: T): T {
  cleaned.add(obs);
  return obs;
}

export function cleanEndpoint(obs: EndpointObservation): EndpointObservation {
  if (cleaned.has(obs)) return obs;
  const count = obs.variant.instanceCount;
  return remember({
    ...obs,
    variant: { ...obs.variant, instanceCount: count === undefined || (Number.isInteger(count) && count >= 0 && count <= 10_000) ? count : undefined },
    cpu: cleanSeries(obs.cpu, 'percent'),
    memory: cleanSeries(obs.memory, 'percent'),
    disk: cleanSeries(obs.disk, 'percent'),
    gpu: cleanSeries(obs.gpu, 'percent'),
    gpuMemory: cleanSeries(obs.gpuMemory, 'percent'),
    invocations: cleanSeries(obs.invocations, 'count'),
    errorRate: cleanSeries(obs.errorRate, 'percent'),
    latencyP99: cleanSeries(obs.latencyP99, 'ms'),
  });
}

export function cleanTraining(obs: TrainingObservation): TrainingObservation {
  const all = (list: Series[]) => list.map((s) => cleanSeries(s, 'percent')!);
  return { ...obs, cpu: all(obs.cpu), memory: all(obs.memory), gpu: all(obs.gpu), gpuMemory: all(obs.gpuMemory) };
}

export function cleanDataset(obs: DatasetObservation): DatasetObservation {
  return { ...obs, storageBytes: cleanSeries(obs.storageBytes, 'bytes'), queryTimeP95Ms: cleanSeries(obs.queryTimeP95Ms, 'ms') };
}
