// Filtering, sorting and NextToken paging for the SageMaker List* operations (and the token paging
// Application Auto Scaling's Describe* operations share).
import { hashString } from '../prng';
import { type InputReader } from './input';
import { AwsError, decodeToken, encodeToken } from './protocol';

export interface ListSpec<T> {
  /** Real defaults and maxima: SageMaker lists return 10 by default and at most 100. */
  defaultMaxResults?: number;
  maxMaxResults?: number;
  sortKeys: Record<string, (item: T) => string | number>;
  defaultSortBy: string;
  /** Name of the request member that filters by status, and how to read an item's status. */
  statusField?: string;
  statusValues?: readonly string[];
  statusOf?: (item: T) => string | undefined;
  nameOf: (item: T) => string;
  createdOf: (item: T) => number;
  modifiedOf?: (item: T) => number;
}

/** Applies the request's filters and sort, then returns the page the NextToken points at. */
export function listPage<T>(items: readonly T[], reader: InputReader, spec: ListSpec<T>): { page: T[]; nextToken?: string } {
  const maxResults = reader.integer('MaxResults', { min: 1, max: spec.maxMaxResults ?? 100 }) ?? spec.defaultMaxResults ?? 10;
  const sortBy = reader.string('SortBy', { values: Object.keys(spec.sortKeys) }) ?? spec.defaultSortBy;
  const sortOrder = reader.string('SortOrder', { values: ['Ascending', 'Descending'] }) ?? 'Descending';
  const nameContains = reader.string('NameContains', { maxLength: 63 });
  const status = spec.statusField ? reader.string(spec.statusField, { values: spec.statusValues }) : undefined;
  const createdAfter = reader.timestamp('CreationTimeAfter');
  const createdBefore = reader.timestamp('CreationTimeBefore');
  const modifiedAfter = spec.modifiedOf ? reader.timestamp('LastModifiedTimeAfter') : undefined;
  const modifiedBefore = spec.modifiedOf ? reader.timestamp('LastModifiedTimeBefore') : undefined;
  const token = reader.string('NextToken', { maxLength: 8192 });

  const filtered = items.filter((item) => {
    const created = spec.createdOf(item);
    const modified = spec.modifiedOf?.(item) ?? created;
    // SageMaker matches NameContains case-insensitively.
    if (nameContains !== undefined && !spec.nameOf(item).toLowerCase().includes(nameContains.toLowerCase())) return false;
    if (status !== undefined && spec.statusOf?.(item) !== status) return false;
    if (createdAfter !== undefined && !(created > createdAfter)) return false;
    if (createdBefore !== undefined && !(created < createdBefore)) return false;
    if (modifiedAfter !== undefined && !(modified > modifiedAfter)) return false;
    if (modifiedBefore !== undefined && !(modified < modifiedBefore)) return false;
    return true;
  });
  const key = spec.sortKeys[sortBy];
  const direction = sortOrder === 'Ascending' ? 1 : -1;
  const sorted = filtered.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * direction;
    return spec.nameOf(a) < spec.nameOf(b) ? -1 : spec.nameOf(a) > spec.nameOf(b) ? 1 : 0;
  });

  const filters = [sortBy, sortOrder, nameContains, status, createdAfter, createdBefore, modifiedAfter, modifiedBefore];
  return pageAt(sorted, maxResults, token, filters, () =>
    new AwsError('ValidationException', 'Invalid pagination token. Repeat the request without NextToken, or with the same filters it was issued for.'),
  );
}

/**
 * The page of `items` that `token` points at. The token carries the offset and a fingerprint of
 * `filters`, tying it to the request it was issued for as the real services do; a token that does
 * not fit throws `invalid()`.
 */
export function pageAt<T>(items: readonly T[], maxResults: number, token: string | undefined, filters: unknown[], invalid: () => AwsError): { page: T[]; nextToken?: string } {
  const fingerprint = hashString(JSON.stringify(filters));
  let offset = 0;
  if (token !== undefined) {
    const state = decodeToken(token);
    if (!state || state.f !== fingerprint || typeof state.o !== 'number' || state.o < 0 || !Number.isInteger(state.o)) throw invalid();
    offset = state.o;
  }
  const page = items.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return { page, nextToken: next < items.length ? encodeToken({ o: next, f: fingerprint }) : undefined };
}
