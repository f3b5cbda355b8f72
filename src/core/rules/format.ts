// How findings write their figures: the same number always reads the same way, in every view and
// in the CLI, so a message can be searched for and compared across runs.

// toLocaleString with options builds a formatter on every call (most of a 1,000-endpoint check's
// rule time); one per digit setting, built once, does the same work.
const formatters = new Map<string, Intl.NumberFormat>();

/** At most `digits` decimals, trailing zeros dropped: `5`, `7.3`, `1,454`. */
function fixed(value: number, digits: number, minDigits = 0): string {
  const key = `${minDigits}/${digits}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: minDigits, maximumFractionDigits: digits })));
  return f.format(value);
}

/** Three significant figures or so: `0.35`, `7.3`, `93.9`, `1,454`. */
export function num(value: number): string {
  const abs = Math.abs(value);
  return fixed(value, abs >= 100 ? 0 : abs >= 1 ? 1 : 2);
}

export function pct(value: number): string {
  return `${num(value)} %`;
}

export function ms(value: number): string {
  return `${fixed(value, value >= 100 ? 0 : 1)} ms`;
}

export function usd(value: number): string {
  return Math.abs(value) >= 100 ? `$${fixed(value, 0)}` : `$${fixed(value, 2, 2)}`;
}

export function gib(bytesOrGiB: number, unit: 'bytes' | 'GiB' = 'GiB'): string {
  const value = unit === 'bytes' ? bytesOrGiB / 2 ** 30 : bytesOrGiB;
  if (Math.abs(value) >= 1024) return `${fixed(value / 1024, 2)} TiB`;
  return `${fixed(value, value >= 100 ? 0 : 1)} GiB`;
}

export function duration(msValue: number): string {
  const minutes = Math.max(0, Math.round(msValue / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return minutes % 60 && hours < 6 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** `7 days`, `1 day`: windows as people say them. */
export function days(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return `${num(rounded)} ${rounded === 1 ? 'day' : 'days'}`;
}

/** Rounds a figure for `Finding.figures` so golden files do not change with float noise. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Rounds every number of a finding's figures (see `round`). */
export function roundFigures(figures: Record<string, number | string>): Record<string, number | string> {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));
}

/** Money in a fix to whole cents; a figure that is not finite is left out rather than shown. */
export function roundFix<T extends { monthlySavingUsd?: number; monthlyExtraCostUsd?: number; hourlyExtraCostUsd?: number }>(fix: T | undefined): T | undefined {
  if (!fix) return undefined;
  const out = { ...fix };
  for (const key of ['monthlySavingUsd', 'monthlyExtraCostUsd', 'hourlyExtraCostUsd'] as const) {
    const v = out[key];
    if (v === undefined) continue;
    if (Number.isFinite(v)) out[key] = round(v);
    else delete out[key];
  }
  return out;
}
