// Checks a user's catalog file (parsed JSON) before its entries may replace or extend the built-in tables.
// The file is hand-written, so every problem becomes a message naming the entry and the field, and the
// rest of the file still applies.
import type { ProviderId } from '../model';
import type { Catalog, InstanceTypeSpec } from './catalog';
import { editDistance, lookupKey } from './names';

type Check = (value: unknown) => string | undefined;

const positive: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'a number greater than 0');
const nonNegative: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'a number of 0 or more');
const count: Check = (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? undefined : 'a whole number of 0 or more');
const text: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'a non-empty string');
const flag: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false');
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `one of ${values.map((x) => `"${x}"`).join(', ')}`;

const providerIds: readonly ProviderId[] = ['aws', 'gcp', 'azure'];

// Every optional field of InstanceTypeSpec; provider and name are checked apart because the others depend on them.
const fieldChecks: Record<string, Check> = {
  vcpu: positive,
  memoryGiB: positive,
  gpus: count,
  gpuModel: text,
  gpuMemoryGiB: positive,
  accelerator: oneOf('gpu', 'inferentia', 'trainium', 'tpu'),
  generation: oneOf('current', 'previous', 'retired'),
  pricePerHourUsd: nonNegative,
  local: flag,
};
const knownFields = ['provider', 'name', ...Object.keys(fieldChecks)];

type Builtin = Pick<Catalog, 'findInstanceType' | 'suggestInstanceTypes'>;

export function validateOverrides(json: unknown, builtin: Builtin): { specs: InstanceTypeSpec[]; errors: string[] } {
  try {
    return validate(json, builtin);
  } catch (err) {
    // Parsed JSON cannot throw here; this guards against exotic objects (getters, proxies) from other callers.
    return { specs: [], errors: [`The catalog file could not be checked: ${err instanceof Error ? err.message : String(err)}.`] };
  }
}

function validate(json: unknown, builtin: Builtin): { specs: InstanceTypeSpec[]; errors: string[] } {
  const shape = 'an array of instance types, or an object with an "instanceTypes" array';
  let entries: unknown[];
  let path: string;
  const errors: string[] = [];
  if (Array.isArray(json)) {
    entries = json;
    path = '';
  } else if (isRecord(json)) {
    for (const key of Object.keys(json)) {
      if (key !== 'instanceTypes' && key !== '$schema') errors.push(`Unknown top-level field "${key}": the catalog file holds ${shape}.`);
    }
    if (!Array.isArray(json.instanceTypes)) {
      return { specs: [], errors: [...errors, `"instanceTypes" must be an array of instance types; got ${describe(json.instanceTypes)}.`] };
    }
    entries = json.instanceTypes;
    path = 'instanceTypes';
  } else {
    return { specs: [], errors: [`The catalog file must hold ${shape}; got ${describe(json)}.`] };
  }

  const specs: InstanceTypeSpec[] = [];
  const firstAt = new Map<string, string>();
  entries.forEach((entry, i) => {
    const where = `${path}[${i}]`;
    const result = checkEntry(entry, where, builtin);
    if ('problems' in result) {
      errors.push(...result.problems.map((p) => `${result.label}: ${p}; entry ignored.`));
      return;
    }
    const key = `${result.spec.provider}\u0000${lookupKey(result.spec.provider, result.spec.name)}`;
    const earlier = firstAt.get(key);
    if (earlier !== undefined) {
      errors.push(`${result.label}: repeats ${earlier} for the same instance type; only the first entry is used.`);
      return;
    }
    firstAt.set(key, where);
    specs.push(result.spec);
  });
  return { specs, errors };
}

type EntryResult = { spec: InstanceTypeSpec; label: string } | { problems: string[]; label: string };

function checkEntry(entry: unknown, where: string, builtin: Builtin): EntryResult {
  if (!isRecord(entry)) {
    return { label: where, problems: [`expected an object like { "provider": "aws", "name": "ml.g5.xlarge", "pricePerHourUsd": 1.2 }, got ${describe(entry)}`] };
  }
  const label = `${where}${typeof entry.provider === 'string' && typeof entry.name === 'string' ? ` (${entry.provider} "${entry.name}")` : ''}`;
  const problems: string[] = [];
  const provider = entry.provider;
  if (typeof provider !== 'string' || !providerIds.includes(provider as ProviderId)) {
    problems.push(`field "provider" must be one of "aws", "gcp", "azure"; got ${describe(provider)}`);
  }
  const name = entry.name;
  if (typeof name !== 'string' || !/^\S+$/.test(name)) {
    problems.push(`field "name" must be the instance type name without spaces; got ${describe(name)}`);
  }
  const fields: Partial<InstanceTypeSpec> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'provider' || key === 'name') continue;
    const check = fieldChecks[key];
    if (!check) {
      const near = nearestField(key);
      problems.push(`unknown field "${key}"${near ? ` (did you mean "${near}"?)` : ''}`);
      continue;
    }
    const wanted = check(value);
    if (wanted) problems.push(`field "${key}" must be ${wanted}; got ${describe(value)}`);
    else Object.assign(fields, { [key]: value });
  }
  if (problems.length) return { label, problems };

  const id = provider as ProviderId;
  const base = builtin.findInstanceType(id, name as string);
  let spec: InstanceTypeSpec;
  if (base) {
    // Canonical spelling from the table, so `standard_nc6s_v3` overrides `Standard_NC6s_v3`.
    spec = { ...base, ...fields, provider: id, name: base.name };
  } else {
    const missing = (['vcpu', 'memoryGiB'] as const).filter((f) => fields[f] === undefined);
    if (missing.length) {
      const near = builtin.suggestInstanceTypes(id, name as string, 1)[0];
      const hint = near ? `; did you mean "${near}"?` : '';
      const needs = missing.map((f) => `"${f}"`).join(' and ');
      return { label, problems: [`"${name}" is not a built-in ${id} type${hint} To add it as a new type, give ${needs}`] };
    }
    if (id === 'aws' && !(name as string).startsWith('ml.') && !fields.local) {
      return { label, problems: [`field "name": SageMaker instance types start with "ml." (for example "ml.${name}")`] };
    }
    spec = { gpus: 0, ...fields, provider: id, name: name as string } as InstanceTypeSpec;
  }
  return consistency(spec, label);
}

function consistency(spec: InstanceTypeSpec, label: string): EntryResult {
  const problems: string[] = [];
  if (spec.gpus > 0) {
    if (spec.gpuModel === undefined) problems.push(`field "gpuModel" is needed when "gpus" is ${spec.gpus}`);
    if (spec.gpuMemoryGiB === undefined) problems.push(`field "gpuMemoryGiB" is needed when "gpus" is ${spec.gpus}`);
  } else if (spec.gpuModel !== undefined && !spec.local) {
    problems.push(`field "gpus" is 0 but the entry names accelerator "${spec.gpuModel}"; set "gpus" to the device count`);
  }
  return problems.length ? { label, problems } : { label, spec };
}

function nearestField(key: string): string | undefined {
  const lower = key.toLowerCase();
  let best: { field: string; d: number } | undefined;
  for (const field of knownFields) {
    const f = field.toLowerCase();
    const d = f.startsWith(lower) && lower.length >= 3 ? 1 : editDistance(lower, f);
    if (d <= 2 && (!best || d < best.d)) best = { field, d };
  }
  return best?.field;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 40 ? `${shown.slice(0, 39)}…` : shown;
}
