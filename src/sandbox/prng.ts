// Hash-based randomness: every value is a pure function of (seed, key, index), so any minute of any
// series can be computed on its own, in any order, on any server, and always comes out the same.
// Math.random is never used in the sandbox.

/** 32-bit FNV-1a of a string, used to turn seeds and series names into numeric keys. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A murmur3-style finaliser: good avalanche, so neighbouring indices give unrelated values. */
function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1) for (key, index). Index may be any safe integer (e.g. an epoch minute). */
export function uniform(key: number, index: number): number {
  const lo = index >>> 0;
  const hi = Math.floor(index / 0x1_0000_0000) >>> 0;
  return mix(mix(key, lo), hi ^ 0x5bd1e995) / 0x1_0000_0000;
}

/** Standard normal for (key, index), by Box-Muller over two independent uniforms. */
export function gaussian(key: number, index: number): number {
  const u1 = Math.max(uniform(key, index), 1e-12);
  const u2 = uniform(key ^ 0x68e31da4, index);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export function seedKey(seed: number | string): number {
  return hashString(String(seed));
}

/** A key for one series: the scenario seed combined with the names that identify the series. */
export function seriesKey(seed: number, ...parts: Array<string | number>): number {
  return hashString(parts.join('\u0000'), seed ^ 0x811c9dc5);
}

/** Picks from `items` by a uniform draw; used where stories and shapes are chosen by hash. */
export function pick<T>(items: readonly T[], u: number): T {
  return items[Math.min(items.length - 1, Math.floor(u * items.length))];
}
