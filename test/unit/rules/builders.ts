// Typed builders for rule inputs: observations with hourly series whose shape each test states.
import { findInstanceType } from '../../../src/core/catalog/catalog';
import type { Resource, Variant } from '../../../src/core/model';
import type { DatasetObservation, EndpointObservation, Series, TrainingObservation } from '../../../src/core/rules/types';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A whole hour, so the newest bucket of `hourly` ends exactly at END. */
export const END = Date.UTC(2026, 10, 30, 12, 0, 0);
export const WINDOW = { start: END - 7 * DAY, end: END };

/** One value per hour, the last bucket ending at `end`. */
export function hourly(values: number[], end = END, periodMs = HOUR): Series {
  const start = end - values.length * periodMs;
  return { timestamps: values.map((_, i) => start + i * periodMs), values, periodMs };
}

/** `n` hourly values from `f(i)`, i = 0 oldest. */
export function hours(n: number, f: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

export function endpointResource(name: string, variants: Variant[], over: Partial<Resource> = {}): Resource {
  return {
    ref: { provider: 'aws', scopeId: 'aws/test/us-east-1', kind: 'endpoint', name },
    nativeId: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${name}`,
    status: 'inService',
    rawStatus: 'InService',
    createdAt: END - 60 * DAY,
    variants,
    ...over,
  };
}

/** A provisioned single-variant endpoint with steady, healthy metrics unless overridden. */
export function endpointObs(instanceType: string, count: number, over: Partial<EndpointObservation> = {}, name = 'ep'): EndpointObservation {
  const variant: Variant = { name: 'AllTraffic', instanceType, instanceCount: count };
  const week = 7 * 24;
  return {
    resource: endpointResource(name, [variant]),
    variant,
    spec: findInstanceType('aws', instanceType),
    window: WINDOW,
    cpu: hourly(hours(week, () => 40)),
    memory: hourly(hours(week, () => 50)),
    disk: hourly(hours(week, () => 20)),
    invocations: hourly(hours(week, () => 36_000)),
    errorRate: hourly(hours(week, () => 0.2)),
    latencyP99: hourly(hours(week, () => 150)),
    ...over,
  };
}

export function trainingObs(instanceType: string, status: Resource['status'], over: Partial<TrainingObservation> = {}, reason?: string): TrainingObservation {
  const spec = findInstanceType('aws', instanceType);
  const resource: Resource = {
    ref: { provider: 'aws', scopeId: 'aws/test/us-east-1', kind: 'trainingJob', name: 'job' },
    nativeId: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/job',
    status,
    rawStatus: status,
    statusReason: reason,
    variants: [{ name: 'cluster', instanceType, instanceCount: 1 }],
    hosts: ['job/algo-1'],
  };
  const tenMin = (v: number) => hourly(hours(12, () => v), END, 10 * 60_000);
  return { resource, spec, span: { start: END - 2 * HOUR, end: END }, cpu: [tenMin(45)], memory: [tenMin(55)], gpu: spec?.gpus ? [tenMin(88)] : [], gpuMemory: spec?.gpus ? [tenMin(70)] : [], ...over };
}

export function datasetObs(store: string, names: string[], storageGiB: number[]): DatasetObservation {
  const resources: Resource[] = names.map((name) => ({
    ref: { provider: 'aws', scopeId: 'aws/test/us-east-1', kind: 'dataset', name },
    nativeId: name,
    status: 'inService',
    rawStatus: 'Available',
    location: `${store}/${name}/`,
  }));
  return { store, resources, window: WINDOW, storageBytes: hourly(storageGiB.map((g) => g * 2 ** 30), END, DAY) };
}
