// Instance catalog: vCPU, memory, accelerators and indicative prices of the machine types the three ML
// services run on, with lookups, typo suggestions and rightsizing picks. The data lives in one file per
// cloud beside this one; a Catalog indexes it (plus the user's overrides) in Maps once, so lookups are cheap
// enough for diagnostics that run on every keystroke.
import type { ProviderId } from '../model';
import { azureInstanceTypes, azureSource } from './azure';
import { byPrice, fitsNeed, isCurrent } from './fit';
import { gcpAccelerators, gcpInstanceTypes, gcpSource } from './gcp';
import { instanceFamily, lookupKey } from './names';
import { validateOverrides } from './overrides';
import { sagemakerInstanceTypes, sagemakerSource } from './sagemaker';
import { suggestNames } from './suggest';

export type AcceleratorKind = 'gpu' | 'inferentia' | 'trainium' | 'tpu';
export type Generation = 'current' | 'previous' | 'retired';

export interface InstanceTypeSpec {
  provider: ProviderId;
  /** Canonical name as the cloud spells it: `ml.g5.2xlarge`, `Standard_NC6s_v3`, `n1-standard-8`. */
  name: string;
  /** 0 only for SageMaker local mode, where the host machine decides. */
  vcpu: number;
  memoryGiB: number;
  /** Accelerator count of one instance (GPUs, Inferentia/Trainium chips, TPU chips); 0 for CPU only. */
  gpus: number;
  gpuModel?: string;
  /** Accelerator memory per device. */
  gpuMemoryGiB?: number;
  accelerator?: AcceleratorKind;
  /** Missing means current (user-added entries). */
  generation?: Generation;
  /** Indicative on-demand USD per hour in the catalog's default region; an estimate. */
  pricePerHourUsd?: number;
  /** SageMaker local mode: runs on the developer's machine, so no fixed size and no price. */
  local?: boolean;
}

/** An accelerator attached to a machine type rather than built into it (GCP N1 + NVIDIA_TESLA_T4, TPU_V3). */
export interface AcceleratorSpec {
  provider: ProviderId;
  /** The API enum: `NVIDIA_TESLA_T4`, `TPU_V3`. */
  name: string;
  model: string;
  /** Memory per device as the API counts devices (GPUs; TPU v2/v3 cores). */
  memoryGiB: number;
  kind: AcceleratorKind;
  generation: Generation;
  /** Machine series it attaches to (`n1`, `cloud-tpu`). */
  machineSeries: readonly string[];
  /** Indicative USD per device-hour in the catalog's default region, on top of the machine's price. */
  pricePerHourUsd?: number;
}

/** Where a cloud's figures come from, for "estimate" labels next to every price the product shows. */
export interface CatalogSource {
  provider: ProviderId;
  /** Region the prices are for. */
  region: string;
  /** Date the table was compiled (ISO). */
  compiledOn: string;
  sources: readonly string[];
  note: string;
}

/** Minimums a workload needs; every field is optional. */
export interface FitNeed {
  vcpu?: number;
  memoryGiB?: number;
  gpus?: number;
  /** Per device. */
  gpuMemoryGiB?: number;
  /** An instance type name of the family (any size), or a family key as `instanceFamily()` returns it. */
  sameFamilyAs?: string;
  /** Matched by words, case-insensitive: `A10G`, `nvidia a100`, `A100 80GB`, `Inferentia2`. */
  acceleratorModel?: string;
  /** Defaults to `gpu` when GPUs or GPU memory are asked for without a model. */
  accelerator?: AcceleratorKind;
}

export interface Catalog {
  /** Exact name (Azure: any case; the result carries the canonical spelling). */
  findInstanceType(provider: ProviderId, name: string): InstanceTypeSpec | undefined;
  allInstanceTypes(provider?: ProviderId): readonly InstanceTypeSpec[];
  /** Closest valid names for a typo, or current equivalents for a retired or previous-generation type; [] for a valid current one. */
  suggestInstanceTypes(provider: ProviderId, name: string, max?: number): string[];
  /** Cheapest current type that meets every minimum in `need`; priced types win over unpriced ones. */
  smallestFitting(provider: ProviderId, need: FitNeed): InstanceTypeSpec | undefined;
  findAccelerator(provider: ProviderId, name: string): AcceleratorSpec | undefined;
}

const providers: readonly ProviderId[] = ['aws', 'gcp', 'azure'];
const builtinTypes: readonly (readonly InstanceTypeSpec[])[] = [sagemakerInstanceTypes, gcpInstanceTypes, azureInstanceTypes];
const sources: Record<ProviderId, CatalogSource> = { aws: sagemakerSource, gcp: gcpSource, azure: azureSource };

/** AWS, Azure and GCP all quote monthly estimates at 730 hours. */
export const HOURS_PER_MONTH = 730;

/** The built-in tables with `overrides` applied: same provider and name replaces, anything else is added. */
export function createCatalog(overrides: readonly InstanceTypeSpec[] = []): Catalog {
  const lists = new Map<ProviderId, InstanceTypeSpec[]>(providers.map((p) => [p, []]));
  const index = new Map<string, InstanceTypeSpec>();
  const keyOf = (provider: ProviderId, name: string): string => `${provider}\u0000${lookupKey(provider, name)}`;
  const put = (spec: InstanceTypeSpec): void => {
    const list = lists.get(spec.provider);
    if (!list) return;
    // Frozen so a caller cannot change the table under every other caller.
    const frozen = Object.freeze({ ...spec });
    const key = keyOf(spec.provider, spec.name);
    const existing = index.get(key);
    if (existing) list[list.indexOf(existing)] = frozen;
    else list.push(frozen);
    index.set(key, frozen);
  };
  for (const table of builtinTypes) table.forEach(put);
  overrides.forEach(put);
  for (const list of lists.values()) Object.freeze(list);
  const all = Object.freeze(providers.flatMap((p) => lists.get(p) ?? []));
  const accelerators = new Map(gcpAccelerators.map((a) => [`${a.provider}\u0000${a.name}`, a]));

  const findInstanceType = (provider: ProviderId, name: string): InstanceTypeSpec | undefined =>
    typeof name === 'string' ? index.get(keyOf(provider, name)) : undefined;
  const listOf = (provider: ProviderId): readonly InstanceTypeSpec[] => lists.get(provider) ?? [];

  return {
    findInstanceType,
    allInstanceTypes: (provider) => (provider ? listOf(provider) : all),
    suggestInstanceTypes: (provider, name, max = 3) =>
      typeof name === 'string' ? suggestNames(provider, listOf(provider), name, max, findInstanceType) : [],
    smallestFitting(provider, need) {
      const family = need.sameFamilyAs === undefined ? undefined : familyOfNeed(provider, need.sameFamilyAs, findInstanceType);
      let best: InstanceTypeSpec | undefined;
      for (const spec of listOf(provider)) {
        if (!isCurrent(spec) || spec.local || !fitsNeed(spec, need, family)) continue;
        if (!best || byPrice(spec, best) < 0) best = spec;
      }
      return best;
    },
    findAccelerator: (provider, name) => accelerators.get(`${provider}\u0000${name}`),
  };
}

function familyOfNeed(provider: ProviderId, value: string, find: Catalog['findInstanceType']): string {
  const known = find(provider, value);
  return instanceFamily(provider, known?.name ?? value) ?? value.trim().toLowerCase();
}

// The built-in catalog is immutable data, built on first use; code that honours the user's overrides
// builds its own with createCatalog() and passes it along.
let builtin: Catalog | undefined;
function builtinCatalog(): Catalog {
  return (builtin ??= createCatalog());
}

export function findInstanceType(provider: ProviderId, name: string): InstanceTypeSpec | undefined {
  return builtinCatalog().findInstanceType(provider, name);
}

export function allInstanceTypes(provider?: ProviderId): readonly InstanceTypeSpec[] {
  return builtinCatalog().allInstanceTypes(provider);
}

export function suggestInstanceTypes(provider: ProviderId, name: string, max = 3): string[] {
  return builtinCatalog().suggestInstanceTypes(provider, name, max);
}

export function smallestFitting(provider: ProviderId, need: FitNeed): InstanceTypeSpec | undefined {
  return builtinCatalog().smallestFitting(provider, need);
}

export function findAccelerator(provider: ProviderId, name: string): AcceleratorSpec | undefined {
  return builtinCatalog().findAccelerator(provider, name);
}

export function catalogSource(provider: ProviderId): CatalogSource {
  return sources[provider];
}

/** Estimated USD per month for `count` instances running all month; undefined when the type has no price. */
export function monthlyCostUsd(spec: InstanceTypeSpec, count = 1): number | undefined {
  if (spec.pricePerHourUsd === undefined || !Number.isFinite(count) || count < 0) return undefined;
  return Math.round(spec.pricePerHourUsd * HOURS_PER_MONTH * count * 100) / 100;
}

/**
 * Checks the parsed JSON of a user's catalog file (`mlMonitor.catalogFile`). Entries for built-in types
 * may give only the fields to change; new types need vcpu and memoryGiB. Entries with a problem are left
 * out and each problem is described in `errors`; this never throws.
 */
export function loadCatalogOverrides(json: unknown): { specs: InstanceTypeSpec[]; errors: string[] } {
  return validateOverrides(json, builtinCatalog());
}
