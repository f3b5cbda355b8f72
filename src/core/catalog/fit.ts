// Predicates over specs shared by rightsizing picks and replacement suggestions.
import type { AcceleratorKind, FitNeed, InstanceTypeSpec } from './catalog';
import { instanceFamily } from './names';

/** User-added entries carry no generation; they are taken as current. */
export function isCurrent(spec: InstanceTypeSpec): boolean {
  return (spec.generation ?? 'current') === 'current';
}

/** Accelerator kind; an entry with devices but no kind (a terse override) counts as GPU. */
export function acceleratorKind(spec: InstanceTypeSpec): AcceleratorKind | undefined {
  return spec.accelerator ?? (spec.gpus > 0 ? 'gpu' : undefined);
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * Word match rather than substring, so `A10` does not match `A100` and `Inferentia` does not match
 * `Inferentia2`. The device memory counts as a word (`80gb`) so `A100 80GB` tells the two A100s apart.
 */
export function modelMatches(spec: InstanceTypeSpec, wanted: string): boolean {
  if (!spec.gpuModel) return false;
  const have = new Set(words(spec.gpuModel));
  if (spec.gpuMemoryGiB !== undefined) have.add(`${spec.gpuMemoryGiB}gb`);
  const want = words(wanted);
  return want.length > 0 && want.every((w) => have.has(w));
}

/** `family` is the resolved `need.sameFamilyAs`. */
export function fitsNeed(spec: InstanceTypeSpec, need: FitNeed, family: string | undefined): boolean {
  if (spec.vcpu < (need.vcpu ?? 0) || spec.memoryGiB < (need.memoryGiB ?? 0)) return false;
  if (spec.gpus < (need.gpus ?? 0)) return false;
  if (need.gpuMemoryGiB !== undefined && need.gpuMemoryGiB > 0 && (spec.gpuMemoryGiB ?? 0) < need.gpuMemoryGiB) return false;
  if (family !== undefined && instanceFamily(spec.provider, spec.name) !== family) return false;
  if (need.acceleratorModel !== undefined && !modelMatches(spec, need.acceleratorModel)) return false;
  // Asking for GPUs without naming a model means NVIDIA-style GPUs: an Inferentia chip is not a drop-in.
  const wantsDevices = (need.gpus ?? 0) > 0 || (need.gpuMemoryGiB ?? 0) > 0;
  const kind = need.accelerator ?? (wantsDevices && need.acceleratorModel === undefined ? 'gpu' : undefined);
  return kind === undefined || acceleratorKind(spec) === kind;
}

/** Cheapest first; unpriced entries after priced ones; then smaller, then by name for a stable order. */
export function byPrice(a: InstanceTypeSpec, b: InstanceTypeSpec): number {
  const pa = a.pricePerHourUsd ?? Number.POSITIVE_INFINITY;
  const pb = b.pricePerHourUsd ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.vcpu - b.vcpu || a.memoryGiB - b.memoryGiB || a.name.localeCompare(b.name);
}
