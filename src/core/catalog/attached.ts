// A machine with accelerators attached to it (Vertex AI: n1-standard-8 + 1 x NVIDIA_TESLA_T4) seen
// as one instance type, so GPU rules, rightsizing and costs treat it like a type with built-in GPUs.
import type { Catalog, FitNeed, InstanceTypeSpec } from './catalog';
import { byPrice, fitsNeed, isCurrent } from './fit';
import { instanceFamily } from './names';

export function withAccelerator(spec: InstanceTypeSpec | undefined, accelerator: { type: string; count: number } | undefined, catalog: Pick<Catalog, 'findAccelerator'>): InstanceTypeSpec | undefined {
  if (!spec || !accelerator || accelerator.count <= 0) return spec;
  const device = catalog.findAccelerator(spec.provider, accelerator.type);
  // Types with built-in GPUs (a2, g2) also name them in machineSpec, and their price includes them.
  if (spec.gpus > 0) return spec;
  return {
    ...spec,
    gpus: accelerator.count,
    gpuModel: device?.model ?? accelerator.type,
    gpuMemoryGiB: device?.memoryGiB,
    accelerator: device?.kind ?? 'gpu',
    pricePerHourUsd: spec.pricePerHourUsd !== undefined && device?.pricePerHourUsd !== undefined ? spec.pricePerHourUsd + accelerator.count * device.pricePerHourUsd : undefined,
  };
}

/** Attached accelerator counts Vertex AI accepts per machine (NVIDIA GPUs on N1: 1, 2, 4, 8). */
export const ATTACHED_COUNTS: readonly number[] = [1, 2, 4, 8];

export interface AttachedPick {
  /** The machine type alone, as a deployment names it (`n1-standard-4`). */
  machine: InstanceTypeSpec;
  /** Machine plus accelerators, priced together. */
  combined: InstanceTypeSpec;
  /** Accelerators per machine. */
  count: number;
}

/**
 * The cheapest machine of `machine`'s family with at most today's count of the same accelerator
 * attached that meets `need`: fewer accelerators, a smaller machine, or both. Undefined when nothing
 * priced fits (the caller keeps what runs).
 */
export function smallestFittingAttached(
  catalog: Pick<Catalog, 'allInstanceTypes' | 'findAccelerator'>,
  machine: InstanceTypeSpec,
  accelerator: { type: string; count: number },
  need: FitNeed,
): AttachedPick | undefined {
  const family = instanceFamily(machine.provider, machine.name);
  const counts = ATTACHED_COUNTS.filter((c) => c <= accelerator.count);
  let best: AttachedPick | undefined;
  for (const m of catalog.allInstanceTypes(machine.provider)) {
    if (!isCurrent(m) || m.local || m.gpus > 0 || instanceFamily(m.provider, m.name) !== family) continue;
    for (const count of counts) {
      const combined = withAccelerator(m, { type: accelerator.type, count }, catalog);
      if (!combined || combined.pricePerHourUsd === undefined || !fitsNeed(combined, { ...need, sameFamilyAs: undefined }, undefined)) continue;
      if (!best || byPrice(combined, best.combined) < 0) best = { machine: m, combined, count };
    }
  }
  return best;
}
