// Small runtime checks for messages that cross the webview boundary. Both sides treat what arrives
// as unknown: the host because a webview is untrusted, the webview because a version skew or a bug
// must show up as a dropped message, not as a broken page.

export type Guard<T> = (value: unknown) => value is T;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isString(value: unknown, maxLength = 1024): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

export function isOneOf<T extends string>(values: readonly T[]): Guard<T> {
  return (value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
}

export function isArrayOf<T>(guard: Guard<T>, maxLength = 100_000): Guard<T[]> {
  return (value: unknown): value is T[] => Array.isArray(value) && value.length <= maxLength && value.every(guard);
}

/** A number or a gap: what aligned series carry. */
export function isNumberOrNull(value: unknown): value is number | null {
  return value === null || isFiniteNumber(value);
}

export function isOptional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value: unknown): value is T | undefined => value === undefined || guard(value);
}

/** An object whose listed fields all pass their guards; other fields are ignored. */
export function hasShape<T>(fields: { [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  return (value: unknown): value is T => isObject(value) && Object.entries(fields).every(([key, guard]) => (guard as Guard<unknown>)(value[key]));
}
