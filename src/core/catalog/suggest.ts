// Suggestions for a name the catalog does not accept as current: typos, a missing `ml.`/`Standard_`
// prefix, and retired or previous-generation types (answered with current equivalents).
import type { ProviderId } from '../model';
import type { Catalog, InstanceTypeSpec } from './catalog';
import { acceleratorKind, byPrice, isCurrent } from './fit';
import { editDistance, familyClass, instanceFamily, parseInstanceName, sizeMagnitude, withProviderPrefix } from './names';

const generationRank = { current: 0, previous: 1, retired: 2 } as const;

export function suggestNames(
  provider: ProviderId,
  list: readonly InstanceTypeSpec[],
  query: string,
  max: number,
  find: Catalog['findInstanceType'],
): string[] {
  const name = query.trim();
  if (!name || !(max > 0)) return [];
  const exact = find(provider, name);
  if (exact) return isCurrent(exact) ? [] : replacementsFor(exact, list, max);

  const prefixed = withProviderPrefix(provider, name);
  const completed = prefixed === undefined ? undefined : find(provider, prefixed);
  if (completed) {
    // The user meant this type; a retired one is no longer a valid answer, so offer what replaces it.
    if (completed.generation === 'retired') return replacementsFor(completed, list, max);
    const extra = isCurrent(completed) ? [] : replacementsFor(completed, list, max);
    return [completed.name, ...extra].slice(0, max);
  }
  const ranked = rankByDistance(provider, list, prefixed === undefined ? [name] : [name, prefixed]);
  const out: string[] = [];
  for (const spec of ranked) {
    const names = spec.generation === 'retired' ? replacementsFor(spec, list, max) : [spec.name];
    for (const n of names) if (!out.includes(n)) out.push(n);
    if (out.length >= max) break;
  }
  return out.slice(0, max);
}

interface Scored {
  spec: InstanceTypeSpec;
  score: number;
  sizeGap: number;
}

/**
 * Edit distance over the lower-cased name plus one when the family differs, so a wrong size stays in its
 * family (`ml.g5.3xlarge` → g5 sizes before `ml.g6.2xlarge`). Ties go to current types, then to the
 * nearest size.
 */
function rankByDistance(provider: ProviderId, list: readonly InstanceTypeSpec[], variants: string[]): InstanceTypeSpec[] {
  const queries = variants.map((v) => {
    const lower = v.toLowerCase();
    const parts = parseInstanceName(provider, lower);
    return { lower, family: parts?.family, size: parts ? sizeMagnitude(provider, parts.size) : undefined };
  });
  const limit = 1 + Math.max(2, Math.floor(queries[0].lower.length / 4));
  const scored: Scored[] = [];
  for (const spec of list) {
    const lower = spec.name.toLowerCase();
    // The edit distance is at least the difference in length: most names are too far to score at all.
    if (queries.every((q) => Math.abs(q.lower.length - lower.length) > limit)) continue;
    const parts = parseInstanceName(provider, lower);
    let best: Scored | undefined;
    for (const q of queries) {
      const sameFamily = q.family !== undefined && q.family === parts?.family;
      const score = editDistance(q.lower, lower) + (sameFamily ? 0 : 1);
      const mine = parts ? sizeMagnitude(provider, parts.size) : undefined;
      const sizeGap = sameFamily && q.size && mine ? Math.abs(Math.log(q.size / mine)) : Number.POSITIVE_INFINITY;
      if (!best || score < best.score || (score === best.score && sizeGap < best.sizeGap)) best = { spec, score, sizeGap };
    }
    if (best && best.score <= limit) scored.push(best);
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      generationRank[a.spec.generation ?? 'current'] - generationRank[b.spec.generation ?? 'current'] ||
      a.sizeGap - b.sizeGap ||
      byPrice(a.spec, b.spec),
  );
  return scored.map((s) => s.spec);
}

/**
 * Current types that can take over the old type's work, cheapest first, one per family so the list shows
 * real alternatives. Accelerated types must match the kind, per-device memory, total device memory and
 * vCPUs (host memory on old GPU types was incidental: a p2.xlarge had 61 GiB for one K80). CPU types must
 * match vCPUs and memory, and prefer their own class (m stays m, c stays c).
 */
export function replacementsFor(old: InstanceTypeSpec, list: readonly InstanceTypeSpec[], max: number): string[] {
  const kind = acceleratorKind(old);
  const total = (s: InstanceTypeSpec): number => s.gpus * (s.gpuMemoryGiB ?? 0);
  const oldClass = familyClass(old.provider, instanceFamily(old.provider, old.name) ?? '');
  const classRank = (s: InstanceTypeSpec): number =>
    kind === undefined && familyClass(s.provider, instanceFamily(s.provider, s.name) ?? '') === oldClass ? 0 : 1;
  const candidates = list
    .filter((s) => isCurrent(s) && !s.local && s.name !== old.name && acceleratorKind(s) === kind && s.vcpu >= old.vcpu)
    .filter((s) =>
      kind === undefined
        ? s.memoryGiB >= old.memoryGiB
        : (s.gpuMemoryGiB ?? 0) >= (old.gpuMemoryGiB ?? 0) && total(s) >= total(old),
    )
    .sort((a, b) => classRank(a) - classRank(b) || byPrice(a, b));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of candidates) {
    const family = instanceFamily(s.provider, s.name) ?? s.name;
    if (seen.has(family)) continue;
    seen.add(family);
    out.push(s.name);
    if (out.length >= max) break;
  }
  return out;
}
