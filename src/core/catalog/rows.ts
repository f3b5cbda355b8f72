// The data files write one instance type per line as a tuple, so each table reads like the provider's
// own spec sheet; this turns those rows into specs.
import type { ProviderId } from '../model';
import type { AcceleratorKind, Generation, InstanceTypeSpec } from './catalog';

/** An accelerator model as a row names it. `memoryGiB` is per device. */
export interface Device {
  model: string;
  memoryGiB: number;
  kind: AcceleratorKind;
}

// Short names keep the table columns narrow.
export const cur: Generation = 'current';
export const prev: Generation = 'previous';
export const ret: Generation = 'retired';

/** name, vCPU, memory GiB, devices per instance, device model, generation, USD per hour (null: no price). */
export type Row = readonly [string, number, number, number, Device | null, Generation, number | null];

export function specsFromRows(provider: ProviderId, rows: readonly Row[]): InstanceTypeSpec[] {
  return rows.map(([name, vcpu, memoryGiB, gpus, device, generation, price]) => ({
    provider,
    name,
    vcpu,
    memoryGiB,
    gpus,
    ...(device ? { gpuModel: device.model, gpuMemoryGiB: device.memoryGiB, accelerator: device.kind } : {}),
    generation,
    ...(price === null ? {} : { pricePerHourUsd: price }),
  }));
}
