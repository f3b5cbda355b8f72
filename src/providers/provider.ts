// The contract every cloud adapter fulfils. No vscode import (lint-enforced).
import type { MetricQuery, MetricSeries, Page, Resource, ResourceKind, ScopeFigures, ScopeRef, TimeRange } from '../core/model';

export interface ListOptions {
  pageToken?: string;
  /** Upper bound on items returned; providers page internally to fill it. */
  pageSize?: number;
  signal?: AbortSignal;
}

export interface QueryOptions {
  signal?: AbortSignal;
}

export interface CloudProvider {
  readonly id: ScopeRef['provider'];
  readonly displayName: string;
  /** Accounts/projects/subscriptions x regions this provider is configured for. */
  listScopes(): ScopeRef[];
  listResources(scope: ScopeRef, kind: ResourceKind, options?: ListOptions): Promise<Page<Resource>>;
  /** Runs every query in as few API calls as the cloud allows. Results keep the queries' ids. */
  queryMetrics(scope: ScopeRef, queries: MetricQuery[], range: TimeRange, options?: QueryOptions): Promise<MetricSeries[]>;
  /** What the scope publishes about itself as a whole (Azure ML workspaces); absent where clouds publish nothing such. */
  scopeFigures?(scope: ScopeRef, range: TimeRange, options?: QueryOptions): Promise<ScopeFigures>;
  /**
   * The user asked for a fresh look (Refresh): drop what is kept between refreshes that could be out
   * of date, for one kind of the scope's resources or all of them. Providers whose caches cannot go
   * stale need not implement it.
   */
  forget?(scope: ScopeRef, kind?: ResourceKind): void;
  /** API calls made so far, by operation name (for benchmarks and diagnostics). */
  callCounts(): Record<string, number>;
  dispose(): void;
}

/** Follows a list's continuation tokens to its end: every item of every page. */
export async function allPages<T>(fetch: (token: string | undefined) => Promise<{ items?: readonly T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...(page.items ?? []));
    token = page.next;
  } while (token);
  return out;
}

/** Every resource of one kind in a scope, page after page (1,000 a page unless told otherwise). */
export function listAllResources(provider: CloudProvider, scope: ScopeRef, kind: ResourceKind, options: Omit<ListOptions, 'pageToken'> = {}): Promise<Resource[]> {
  return allPages(async (pageToken) => {
    const page = await provider.listResources(scope, kind, { pageSize: 1000, ...options, pageToken });
    return { items: page.items, next: page.nextToken };
  });
}

export type ProviderErrorKind =
  | 'auth'
  | 'permission'
  | 'throttled'
  | 'timeout'
  | 'network'
  | 'notFound'
  | 'badResponse'
  | 'invalidInput'
  | 'cancelled'
  | 'unknown';

/** An error whose message is fit to show a user: what failed and what to do. */
export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly action?: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof Error && e.name === 'ProviderError' && typeof (e as ProviderError).kind === 'string';
}
