// ARM list paging for the tree's pages: follows nextLink until a page of the asked size is full.
// ARM decides its own page sizes, so a page token is the nextLink plus how many of that page's
// items were already shown.
import { getContinuationToken } from '@azure/arm-machinelearning';
import { allPages } from '../provider';

/** Runs one SDK call with error mapping and cancellation. */
export type Call = <T>(operation: string, fn: (abortSignal?: AbortSignal) => Promise<T>) => Promise<T>;
export type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

interface PagedList<T> {
  byPage(settings?: { continuationToken?: string }): AsyncIterableIterator<T[]>;
}

interface Position {
  /** nextLink of the page to read; undefined = the first page. */
  l?: string;
  /** Items of that page already returned. */
  s: number;
}

export function encodeToken(p: Position): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url');
}

export function decodeToken(token: string | undefined): Position {
  if (!token) return { s: 0 };
  try {
    const p = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Position;
    if (typeof p.s === 'number' && (p.l === undefined || typeof p.l === 'string')) return p;
  } catch {
    // Falls through: a token from elsewhere starts over.
  }
  return { s: 0 };
}

/** Reads pages of `list(signal)` from `token` until `pageSize` items are collected or the list ends. */
export async function collectPages<T>(call: Call, operation: string, list: (abortSignal?: AbortSignal) => PagedList<T>, pageSize: number, token?: string): Promise<{ items: T[]; nextToken?: string }> {
  const items: T[] = [];
  let position = decodeToken(token);
  for (;;) {
    const link = position.l;
    const { page, next } = await call(operation, async (abortSignal) => {
      const result = await list(abortSignal).byPage(link ? { continuationToken: link } : undefined).next();
      const value = result.done ? [] : result.value;
      return { page: value, next: getContinuationToken(value) };
    });
    const wanted = pageSize - items.length;
    const rest = page.slice(position.s);
    items.push(...rest.slice(0, wanted));
    if (rest.length > wanted) return { items, nextToken: encodeToken({ l: link, s: position.s + wanted }) };
    if (!next) return { items };
    position = { l: next, s: 0 };
    if (items.length >= pageSize) return { items, nextToken: encodeToken(position) };
  }
}

/** Every item of a list (small lists: deployments of an endpoint, computes, datastores). */
export function listAll<T>(call: Call, operation: string, list: (abortSignal?: AbortSignal) => PagedList<T>): Promise<T[]> {
  return allPages(async (token) => {
    const page = await collectPages(call, operation, list, 1000, token);
    return { items: page.items, next: page.nextToken };
  });
}
