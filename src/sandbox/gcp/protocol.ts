// What Google's REST APIs (Vertex AI v1, Cloud Monitoring v3) look like on the wire, as the
// @google-cloud clients speak them with `fallback: true`: bearer tokens, query parameters,
// `$alt=json;enum-encoding=int`, camelCase JSON with int64 as strings, RFC 3339 times, and errors
// as `{"error":{"code","message","status"}}`.
import type { IncomingHttpHeaders } from 'node:http';
import { jsonResponse, type SandboxResponse } from '../handler';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
};

export class GoogleError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  get status(): string {
    return STATUS_NAMES[this.code] ?? 'UNKNOWN';
  }
}

export function renderGoogleError(error: GoogleError): SandboxResponse {
  return jsonResponse(error.code, { error: { code: error.code, message: error.message, status: error.status } }, { vary: 'X-Origin, Referer' });
}

const AUTH_HELP = 'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/**
 * The sandbox's stand-in for Google's token check: any bearer token signs in except two magic
 * ones, `expired` (401, as a stale access token) and `denied` (403, an identity without roles).
 */
export function checkBearer(headers: IncomingHttpHeaders, permission: string, resource: string): void {
  const header = headers.authorization;
  const token = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header)?.[1] : undefined;
  if (!token) throw new GoogleError(401, `Request is missing required authentication credential. ${AUTH_HELP}`);
  if (token === 'expired') throw new GoogleError(401, `Request had invalid authentication credentials. ${AUTH_HELP}`);
  if (token === 'denied') throw permissionDenied(permission, resource);
}

export function permissionDenied(permission: string, resource: string): GoogleError {
  return new GoogleError(403, `Permission '${permission}' denied on resource '${resource}' (or it may not exist).`);
}

/** Whether the client asked for enums as numbers (`$alt=json;enum-encoding=int`). */
export function wantsIntEnums(params: URLSearchParams): boolean {
  return /enum-encoding=int/.test(params.get('$alt') ?? '');
}

/** RFC 3339 as Google sends and accepts it; fractions past milliseconds are read and dropped. */
export function parseRfc3339(text: string, field: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  const ms = m ? Date.parse(`${m[1]}${(m[2] ?? '').slice(0, 4)}${m[3]}`) : NaN;
  if (!Number.isFinite(ms)) throw new GoogleError(400, `Invalid value at '${field}' (type.googleapis.com/google.protobuf.Timestamp), Field '${field}', Illegal timestamp format; timestamps must end with 'Z' or have a valid timezone offset.`);
  return ms;
}

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

/** `60s`, `3600s`, `1.5s` → milliseconds (a google.protobuf.Duration in JSON). */
export function parseDuration(text: string, field: string): number {
  const m = /^(\d+(?:\.\d{1,9})?)s$/.exec(text);
  if (!m) throw new GoogleError(400, `Invalid value at '${field}' (type.googleapis.com/google.protobuf.Duration), Field '${field}', Illegal duration format; duration must end with 's'.`);
  return Math.round(Number(m[1]) * 1000);
}

/** An enum query parameter sent as its name or as its number. */
export function readEnum<T extends string>(value: string | null, table: Record<T, number>, field: string): T | undefined {
  if (value === null || value === '') return undefined;
  const byNumber = Object.entries(table).find(([, n]) => String(n) === value)?.[0] as T | undefined;
  const name = Object.hasOwn(table, value) ? (value as T) : byNumber;
  if (!name) throw new GoogleError(400, `Invalid value at '${field}' (type.googleapis.com/${field.includes('Reducer') ? 'google.monitoring.v3.Aggregation.Reducer' : 'google.monitoring.v3.Aggregation.Aligner'}), "${value}"`);
  return name;
}

/** Reads pageSize as Google does: absent or 0 means the default, above the maximum is capped. */
export function readPageSize(params: URLSearchParams, defaultSize: number, max: number): number {
  const raw = params.get('pageSize');
  if (raw === null || raw === '') return defaultSize;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new GoogleError(400, `Invalid value at 'page_size' (TYPE_INT32), "${raw}"`);
  if (n < 0) throw new GoogleError(400, 'page_size must not be negative.');
  return n === 0 ? defaultSize : Math.min(n, max);
}
