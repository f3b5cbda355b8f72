// How each cloud spells its machine types, so lookups, suggestions and "same family" checks can reason
// about a name's parts (family and size) instead of treating it as an opaque string.
import type { ProviderId } from '../model';

/** Map key for a name: Azure sizes are case-insensitive in configs and APIs, the others are exact. */
export function lookupKey(provider: ProviderId, name: string): string {
  return provider === 'azure' ? name.toLowerCase() : name;
}

export interface NameParts {
  /** Lower-case family key: `g5`, `standard_ncas_t4_v3`, `n1-standard`. */
  family: string;
  /** The size part: `2xlarge`, `8`, `1g`; empty when the name has no size. */
  size: string;
}

// SageMaker: ml.<family>.<size>. Local mode names (`local`, `local_gpu`) form one family.
const awsPattern = /^ml\.([a-z0-9-]+)\.([a-z0-9-]+)$/;
// Azure: Standard_<series letters><vCPU-ish number><feature letters and suffixes>, e.g. NC24ads_A100_v4.
// The number is the size; everything else names the family.
const azurePattern = /^(standard_)?([a-z]+)(\d+)(.*)$/;
// GCP: <series>-<type>-<size>, e.g. n1-standard-8, a2-highgpu-1g, ct5lp-hightpu-4t.
const gcpPattern = /^(.+)-([^-]*\d[^-]*)$/;

export function parseInstanceName(provider: ProviderId, name: string): NameParts | undefined {
  const lower = name.trim().toLowerCase();
  if (!lower) return undefined;
  if (provider === 'aws') {
    if (lower === 'local' || lower === 'local_gpu') return { family: 'local', size: '' };
    const m = awsPattern.exec(lower);
    return m ? { family: m[1], size: m[2] } : undefined;
  }
  if (provider === 'azure') {
    const m = azurePattern.exec(lower);
    return m ? { family: `standard_${m[2]}${m[4]}`, size: m[3] } : undefined;
  }
  const m = gcpPattern.exec(lower);
  return m ? { family: m[1], size: m[2] } : { family: lower, size: '' };
}

export function instanceFamily(provider: ProviderId, name: string): string | undefined {
  return parseInstanceName(provider, name)?.family;
}

/**
 * Broad class of a family (general purpose, compute, memory, burstable, GPU series). Replacements for a
 * retired CPU type stay in its class so an `m4` is not "replaced" by a burstable `t3`.
 */
export function familyClass(provider: ProviderId, family: string): string {
  if (provider === 'azure') {
    const letters = /^standard_([a-z]+)/.exec(family)?.[1] ?? family;
    // NC, ND and NV are distinct GPU lines; among CPU sizes the first letter is the class (DS, D, Das: D).
    return letters.startsWith('n') ? letters.slice(0, 2) : letters.slice(0, 1);
  }
  return /^[a-z]+/.exec(family)?.[0] ?? family;
}

/** Rough numeric magnitude of a size, for ranking near sizes first; undefined when it does not parse. */
export function sizeMagnitude(provider: ProviderId, size: string): number | undefined {
  if (provider === 'aws') {
    if (size === 'medium') return 1;
    if (size === 'large') return 2;
    const m = /^(\d*)xlarge$/.exec(size);
    return m ? 4 * (m[1] ? Number(m[1]) : 1) : undefined;
  }
  const n = Number.parseFloat(size);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Provider prefix a config writer often leaves out: `g5.2xlarge` for `ml.g5.2xlarge`, `NC6s_v3` for `Standard_NC6s_v3`. */
export function withProviderPrefix(provider: ProviderId, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (provider === 'aws' && !lower.startsWith('ml.') && !lower.startsWith('local')) return `ml.${name}`;
  if (provider === 'azure' && !lower.startsWith('standard_')) return `Standard_${name}`;
  return undefined;
}

/** Levenshtein distance with two rolling rows (names are short; this runs over a few hundred entries). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let curr = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length];
}
