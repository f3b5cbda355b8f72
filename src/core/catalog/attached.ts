// A machine with accelerators attached to it (Vertex AI: n1-standard-8 + 1 x NVIDIA_TESLA_T4) seen
// as one instance type, so GPU rules, rightsizing and costs treat it like a type with built-in GPUs.
import type { Catalog, InstanceTypeSpec } from './catalog';

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
