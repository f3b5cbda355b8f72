// Google Vertex AI adapter: resources through the Vertex AI API, metrics through Cloud Monitoring,
// both on the REST transport. Loaded lazily (its own bundle chunk) so the editor does not pay for
// the Google clients at activation.
import pLimit from 'p-limit';
import type { MetricQuery, MetricSeries, Page, Resource, ResourceKind, ScopeRef, TimeRange } from '../../core/model';
import { listAllResources, ProviderError, type CloudProvider, type ListOptions, type QueryOptions } from '../provider';
import { applicationDefaultAuth, GcpClients, tokenAuth, type GcpAuth } from './clients';
import { isRetryable, toGcpProviderError, type GcpErrorContext } from './errors';
import { queryGcpMetrics } from './metrics';
import { listDatasets, listEndpoints, listTrainingJobs, ResourceCache, type Call, type KnownResource, type ListContext } from './resources';

export interface GcpProviderConfig {
  projects: string[];
  locations: string[];
  requestTimeoutMs?: number;
  /** Attempts per call, the first included; throttling and transient errors back off between them. */
  maxAttempts?: number;
  /** Parallel timeSeries.list calls per scope. */
  metricConcurrency?: number;
  /**
   * Local sandbox clouds: every client goes to `url` with a fixed bearer token (default
   * `sandbox-token`; the sandbox fails the tokens `expired` and `denied` as Google would).
   */
  sandbox?: { url: string; accessToken?: string };
}

interface ScopeState {
  scope: ScopeRef;
  clients: GcpClients;
  cache: ResourceCache;
  metricLimit: ReturnType<typeof pLimit>;
}

export const SANDBOX_PROJECT = 'sandbox-project';
export const SANDBOX_LOCATION = 'us-central1';

export class GcpProvider implements CloudProvider {
  readonly id = 'gcp' as const;
  readonly displayName = 'Google Vertex AI';
  private readonly scopes: ScopeRef[];
  private readonly states = new Map<string, ScopeState>();
  private readonly counts: Record<string, number> = {};
  private readonly timeoutMs: number;
  private auth: GcpAuth | undefined;
  /** Clients by location ('' for the sandbox, where one server answers for every location). */
  private readonly clients = new Map<string, GcpClients>();

  constructor(private readonly config: GcpProviderConfig) {
    this.timeoutMs = config.requestTimeoutMs ?? 30_000;
    const sandbox = Boolean(config.sandbox);
    const projects = [...new Set(config.projects.length || !sandbox ? config.projects : [SANDBOX_PROJECT])];
    const locations = [...new Set(config.locations.length || !sandbox ? config.locations : [SANDBOX_LOCATION])];
    this.scopes = projects.flatMap((project) =>
      locations.map((location) => ({ provider: 'gcp' as const, id: `gcp/${project}/${location}`, label: `${project} · ${location}`, account: project, region: location, sandbox })),
    );
  }

  listScopes(): ScopeRef[] {
    return [...this.scopes];
  }

  async listResources(scope: ScopeRef, kind: ResourceKind, options: ListOptions = {}): Promise<Page<Resource>> {
    const ctx = this.listContext(this.state(scope), options.signal);
    const pageSize = Math.max(1, Math.min(options.pageSize ?? 50, 1000));
    switch (kind) {
      case 'endpoint':
        return listEndpoints(ctx, pageSize, options.pageToken);
      case 'trainingJob':
        return listTrainingJobs(ctx, pageSize, options.pageToken);
      case 'dataset':
        return listDatasets(ctx, pageSize, options.pageToken);
    }
  }

  async queryMetrics(scope: ScopeRef, queries: MetricQuery[], range: TimeRange, options: QueryOptions = {}): Promise<MetricSeries[]> {
    if (!queries.length) return [];
    if (!(range.end > range.start)) throw new ProviderError('invalidInput', 'The time range is empty: its end must come after its start.');
    const state = this.state(scope);
    // Metrics are found by resource id: resources not listed yet (a panel restored on start-up) are listed first.
    const missing = new Set(queries.filter((q) => !state.cache.byKind[q.resource.kind].has(q.resource.name)).map((q) => q.resource.kind));
    for (const kind of missing) await this.listAll(state, kind, options.signal);
    return queryGcpMetrics(
      {
        clients: state.clients,
        call: this.caller(state, options.signal, 'Cloud Monitoring'),
        limit: state.metricLimit,
        location: state.scope.region,
        project: state.scope.account,
        known: (q: MetricQuery): KnownResource | undefined => state.cache.byKind[q.resource.kind].get(q.resource.name),
      },
      queries,
      range,
    );
  }

  callCounts(): Record<string, number> {
    return { ...this.counts };
  }

  dispose(): void {
    for (const clients of this.clients.values()) clients.close();
    this.clients.clear();
    this.states.clear();
  }

  private async listAll(state: ScopeState, kind: ResourceKind, signal?: AbortSignal): Promise<void> {
    await listAllResources(this, state.scope, kind, { signal });
  }

  private listContext(state: ScopeState, signal?: AbortSignal): ListContext {
    return { scope: state.scope, clients: state.clients, call: this.caller(state, signal, 'Vertex AI'), cache: state.cache, parent: `projects/${state.scope.account}/locations/${state.scope.region}` };
  }

  private state(scope: ScopeRef): ScopeState {
    const known = this.scopes.find((s) => s.id === scope.id);
    if (!known) throw new ProviderError('invalidInput', `Unknown Google Cloud scope '${scope.id}'.`, 'Refresh the view.');
    let state = this.states.get(known.id);
    if (!state) {
      const sandbox = this.config.sandbox;
      // One credential for every scope: ADC is looked up once, and its token is shared.
      const auth = (this.auth ??= sandbox ? tokenAuth(sandbox.accessToken ?? 'sandbox-token') : applicationDefaultAuth());
      const key = sandbox ? '' : known.region;
      let clients = this.clients.get(key);
      if (!clients) this.clients.set(key, (clients = new GcpClients(sandbox ? { kind: 'local', url: sandbox.url } : { kind: 'google', location: known.region }, auth)));
      state = {
        scope: known,
        clients,
        cache: new ResourceCache(),
        metricLimit: pLimit(this.config.metricConcurrency ?? 8),
      };
      this.states.set(known.id, state);
    }
    return state;
  }

  private caller(state: ScopeState, signal: AbortSignal | undefined, service: GcpErrorContext['service']): Call {
    const scope = state.scope;
    const maxAttempts = Math.max(1, this.config.maxAttempts ?? 4);
    return async (operation, counter, fn) => {
      const context: GcpErrorContext = { operation, project: scope.account, location: scope.region, service, timeoutSeconds: Math.round(this.timeoutMs / 1000), sandbox: scope.sandbox ?? false };
      for (let attempt = 1; ; attempt++) {
        if (signal?.aborted) throw new ProviderError('cancelled', `Cancelled: ${operation}.`);
        this.counts[counter] = (this.counts[counter] ?? 0) + 1;
        try {
          return await withDeadline(fn({ retry: null, autoPaginate: false }), this.timeoutMs, signal, context);
        } catch (err) {
          const mapped = toGcpProviderError(err, context);
          // Throttling and transient errors back off and retry; a garbled body gets one more try.
          const again = (isRetryable(err) && attempt < maxAttempts) || (mapped.kind === 'badResponse' && attempt < 2);
          if (!again || signal?.aborted) throw mapped;
          await sleep(Math.min(8000, 200 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5), signal);
        }
      }
    };
  }
}

/** Rejects when the call outlives the timeout or the caller cancels, and cancels the HTTP request. */
function withDeadline<T>(promise: Promise<T>, timeoutMs: number, signal: AbortSignal | undefined, context: GcpErrorContext): Promise<T> {
  const cancellable = promise as Promise<T> & { cancel?: () => void };
  return new Promise<T>((resolve, reject) => {
    const stop = (error: ProviderError) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      cancellable.cancel?.();
      reject(error);
    };
    const onAbort = () => stop(new ProviderError('cancelled', `Cancelled: ${context.operation}.`));
    const timer = setTimeout(() => stop(toGcpProviderError(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }), context)), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

export function createGcpProvider(config: GcpProviderConfig): GcpProvider {
  return new GcpProvider(config);
}
