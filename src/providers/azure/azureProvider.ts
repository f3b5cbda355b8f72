// Azure Machine Learning adapter: resources through Azure Resource Manager
// (@azure/arm-machinelearning), metrics through the Azure Monitor batch API
// (@azure/monitor-query-metrics). One scope per workspace; workspaces come from settings or are
// discovered per subscription. Loaded lazily (its own bundle chunk).
import type { AzureMachineLearningWorkspaces, Workspace } from '@azure/arm-machinelearning';
import type { TokenCredential } from '@azure/core-auth';
import type { MetricsClient } from '@azure/monitor-query-metrics';
import pLimit from 'p-limit';
import type { MetricQuery, MetricSeries, Page, Resource, ResourceKind, ScopeFigures, ScopeRef, TimeRange } from '../../core/model';
import { isProviderError, ProviderError, type CloudProvider, type ListOptions, type QueryOptions } from '../provider';
import { createArmClient, createMetricsClient, publicCloud, type AzureEndpoints } from './clients';
import { chainCredentials, fixedTokenCredential, lazyDefaultCredential } from './credentials';
import { DEFAULT_AZURE_SANDBOX_TOKEN } from './sandboxInfo';
import { listDatasets } from './datasets';
import { toAzureError, type AzureErrorContext } from './errors';
import { accountOfLocation, parseWorkspaceSetting, resourceGroupOf, scopeIdOf, storageAccountId, workspaceId, type WorkspaceRef } from './ids';
import { alignToStart, planAzureQuery, planWorkspaceFigures, WORKSPACE_BUCKET_SECONDS, type MetricPlan } from './metricPlan';
import { MetricCoalescer, runPlans, toScopeFigures } from './metrics';
import { listAll, type Call } from './paging';
import { AzureCache, listEndpoints, listJobs, type AzureListContext } from './resources';

export interface AzureProviderConfig {
  /** Subscription ids to show. */
  subscriptions: string[];
  /** `resourceGroup/workspace` or `subscription/resourceGroup/workspace`; empty = every workspace found. */
  workspaces?: string[];
  /** Default: DefaultAzureCredential (Azure CLI login, environment, managed identity). */
  credential?: TokenCredential;
  /** When `credential` reports itself unavailable (no VS Code account), use DefaultAzureCredential. */
  fallbackToDefaultCredential?: boolean;
  requestTimeoutMs?: number;
  /** Retries after the first attempt; throttling (429 with Retry-After) and 5xx are retried. */
  maxRetries?: number;
  /** Parallel deployment and data-version reads, and metric calls, per provider. */
  concurrency?: number;
  /**
   * Seconds an endpoint's deployments are reused while the endpoint shows no change (default 300):
   * a change of traffic or state shows at once, scaling a deployment (which ARM does not show on
   * its endpoint) within this time.
   */
  deploymentCacheSeconds?: number;
  /** The local sandbox clouds: their HTTPS URL and certificate; a fixed token unless one is given. */
  sandbox?: { url: string; ca: string; token?: string };
}

interface ScopeState {
  scope: ScopeRef;
  ws: WorkspaceRef;
  cache: AzureCache;
}

/** A subscription that could not be listed: shown as one scope that carries the error. */
interface BrokenSubscription {
  scope: ScopeRef;
  error: ProviderError;
}

export class AzureProvider implements CloudProvider {
  readonly id = 'azure' as const;
  readonly displayName = 'Azure Machine Learning';
  private readonly states = new Map<string, ScopeState>();
  private readonly broken = new Map<string, BrokenSubscription>();
  private readonly arm = new Map<string, AzureMachineLearningWorkspaces>();
  private readonly metrics = new Map<string, MetricsClient>();
  private readonly counts: Record<string, number> = {};
  private readonly timeoutMs: number;
  private readonly credential: TokenCredential;
  private readonly endpoints: AzureEndpoints;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly coalescer = new MetricCoalescer((key, plans) => this.runCoalesced(key, plans));
  private readonly pendingRanges = new Map<string, TimeRange>();
  private order: string[] = [];

  constructor(private readonly config: AzureProviderConfig) {
    this.timeoutMs = config.requestTimeoutMs ?? 30_000;
    const given = config.credential && config.fallbackToDefaultCredential ? chainCredentials(config.credential, lazyDefaultCredential()) : config.credential;
    this.credential = given ?? (config.sandbox ? fixedTokenCredential(config.sandbox.token ?? DEFAULT_AZURE_SANDBOX_TOKEN) : lazyDefaultCredential());
    this.endpoints = config.sandbox ? { arm: config.sandbox.url, metrics: () => config.sandbox!.url, ca: config.sandbox.ca } : publicCloud;
    this.limit = pLimit(config.concurrency ?? 8);
  }

  /** Finds the workspaces to show: one list call per subscription (or none when all are named in settings). */
  async discover(signal?: AbortSignal): Promise<void> {
    const subscriptions = [...new Set(this.config.subscriptions.map((s) => s.toLowerCase()))];
    const named = (this.config.workspaces ?? []).flatMap((w) => parseWorkspaceSetting(w) ?? []);
    const found = await Promise.all(
      subscriptions.map(async (sub) => {
        try {
          const list = await listAll(this.caller(sub, 'Azure Machine Learning', signal), 'list workspaces', (abortSignal) => this.armFor(sub).workspaces.listBySubscription({ abortSignal }));
          const wanted = named.filter((n) => !n.subscriptionId || n.subscriptionId === sub);
          return { sub, workspaces: list.filter((w) => !wanted.length || wanted.some((n) => n.workspace.toLowerCase() === (w.name ?? '').toLowerCase() && n.resourceGroup.toLowerCase() === (resourceGroupOf(w.id) ?? '').toLowerCase())) };
        } catch (err) {
          return { sub, error: isProviderError(err) ? err : toAzureError(err, this.context(sub, 'Azure Machine Learning', 'list workspaces')) };
        }
      }),
    );
    this.states.clear();
    this.broken.clear();
    this.order = [];
    for (const entry of found) {
      if ('error' in entry && entry.error) {
        const scope: ScopeRef = { provider: 'azure', id: `azure/${entry.sub}`, label: `subscription ${entry.sub}`, region: '', account: entry.sub, sandbox: Boolean(this.config.sandbox) };
        this.broken.set(scope.id, { scope, error: entry.error });
        this.order.push(scope.id);
        continue;
      }
      for (const w of (entry.workspaces ?? []).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))) this.addWorkspace(entry.sub, w);
    }
  }

  private addWorkspace(sub: string, w: Workspace): void {
    const ws: WorkspaceRef = { subscriptionId: sub, resourceGroup: resourceGroupOf(w.id) ?? '', workspace: w.name ?? '', location: (w.location ?? '').toLowerCase() };
    const scope: ScopeRef = {
      provider: 'azure',
      id: scopeIdOf(ws),
      label: `${w.friendlyName && w.friendlyName !== w.name ? `${w.name} (${w.friendlyName})` : w.name} · ${ws.location}`,
      region: ws.location,
      account: sub,
      sandbox: Boolean(this.config.sandbox),
    };
    this.states.set(scope.id, { scope, ws, cache: new AzureCache() });
    this.order.push(scope.id);
  }

  listScopes(): ScopeRef[] {
    return this.order.map((id) => this.states.get(id)?.scope ?? this.broken.get(id)!.scope);
  }

  async listResources(scope: ScopeRef, kind: ResourceKind, options: ListOptions = {}): Promise<Page<Resource>> {
    const state = this.state(scope);
    const pageSize = Math.max(1, Math.min(options.pageSize ?? 50, 1000));
    const ctx: AzureListContext = {
      scope: state.scope,
      ws: state.ws,
      arm: this.armFor(state.ws.subscriptionId),
      call: this.caller(state.ws.subscriptionId, 'Azure Machine Learning', options.signal, state.ws.workspace),
      limit: this.limit,
      cache: state.cache,
      deploymentTtlMs: (this.config.deploymentCacheSeconds ?? 300) * 1000,
    };
    switch (kind) {
      case 'endpoint':
        return listEndpoints(ctx, pageSize, options.pageToken);
      case 'trainingJob':
        return listJobs(ctx, pageSize, options.pageToken);
      case 'dataset':
        return listDatasets(ctx, pageSize, options.pageToken);
    }
  }

  async queryMetrics(scope: ScopeRef, queries: MetricQuery[], range: TimeRange, options: QueryOptions = {}): Promise<MetricSeries[]> {
    if (!queries.length) return [];
    if (!(range.end > range.start)) throw new ProviderError('invalidInput', 'The time range is empty: its end must come after its start.');
    const plans = this.plan(scope, queries, range);
    return this.runShared(this.state(scope), plans, range, options.signal);
  }

  /** The workspace's run counters, quota and unusable nodes, in whole 15-minute buckets up to `range.end`. */
  async scopeFigures(scope: ScopeRef, range: TimeRange, options: QueryOptions = {}): Promise<ScopeFigures> {
    const state = this.state(scope);
    const bucketMs = WORKSPACE_BUCKET_SECONDS * 1000;
    const window = { start: Math.floor(range.start / bucketMs) * bucketMs, end: range.end };
    if (!(window.end > window.start)) throw new ProviderError('invalidInput', 'The time range is empty: its end must come after its start.');
    const plans = planWorkspaceFigures(workspaceId(state.ws));
    return toScopeFigures(state.ws.workspace, await this.runShared(state, plans, window, options.signal), window);
  }

  /** Workspaces of one subscription and region share batches when their queries arrive together. */
  private async runShared(state: ScopeState, plans: MetricPlan[], range: TimeRange, signal?: AbortSignal): Promise<MetricSeries[]> {
    const key = `${state.ws.subscriptionId}|${state.ws.location}|${range.start}|${range.end}`;
    this.pendingRanges.set(key, range);
    const result = await this.coalescer.submit(key, plans, signal);
    return plans.map((p) => result.get(p)!);
  }

  /** Deployments are kept while their endpoint shows no change, compute sizes for minutes; finished jobs never change. */
  forget(scope: ScopeRef, kind?: ResourceKind): void {
    const cache = this.states.get(scope.id)?.cache;
    if (!cache) return;
    if (!kind || kind === 'endpoint') cache.deployments.clear();
    if (!kind || kind === 'trainingJob') cache.computes = undefined;
  }

  /** The plans behind queries (for benchmarks: the call minimum per subscription, region and type). */
  plan(scope: ScopeRef, queries: MetricQuery[], range?: TimeRange): MetricPlan[] {
    const state = this.state(scope);
    const ws = state.ws;
    const align = (p: MetricPlan) => (range ? alignToStart(p, range.start) : p);
    return queries.map((q) =>
      align(planAzureQuery(q, {
        endpointId: (x) => `${workspaceId(ws)}/onlineEndpoints/${x.resource.name}`,
        workspaceId: () => workspaceId(ws),
        storageAccountId: (x) => {
          const account = accountOfLocation(x.host) ?? accountOfLocation(x.resource.name);
          if (!account) return undefined;
          const known = state.cache.accounts.get(account);
          return storageAccountId(known?.subscriptionId ?? ws.subscriptionId, known?.resourceGroup ?? ws.resourceGroup, account);
        },
      })),
    );
  }

  private async runCoalesced(key: string, plans: MetricPlan[]): Promise<Map<MetricPlan, MetricSeries>> {
    const [sub, region] = key.split('|');
    const range = this.pendingRanges.get(key)!;
    this.pendingRanges.delete(key);
    const client = this.metricsFor(region);
    return runPlans(client, this.caller(sub, 'Azure Monitor'), this.limit, plans, range);
  }

  callCounts(): Record<string, number> {
    return { ...this.counts };
  }

  dispose(): void {
    this.arm.clear();
    this.metrics.clear();
    this.states.clear();
  }

  private state(scope: ScopeRef): ScopeState {
    const broken = this.broken.get(scope.id);
    if (broken) throw broken.error;
    const state = this.states.get(scope.id);
    if (!state) throw new ProviderError('invalidInput', `Unknown Azure scope '${scope.id}'.`, 'Refresh the view.');
    return state;
  }

  private clientOptions() {
    return {
      credential: this.credential,
      endpoints: this.endpoints,
      timeoutMs: this.timeoutMs,
      maxRetries: this.config.maxRetries ?? 3,
      count: (op: string) => {
        this.counts[op] = (this.counts[op] ?? 0) + 1;
      },
    };
  }

  private armFor(sub: string): AzureMachineLearningWorkspaces {
    let client = this.arm.get(sub);
    if (!client) this.arm.set(sub, (client = createArmClient(sub, this.clientOptions())));
    return client;
  }

  private metricsFor(region: string): MetricsClient {
    let client = this.metrics.get(region);
    if (!client) this.metrics.set(region, (client = createMetricsClient(region, this.clientOptions())));
    return client;
  }

  private context(sub: string, service: AzureErrorContext['service'], operation: string, workspace?: string, aborted?: boolean): AzureErrorContext {
    return { operation, service, subscriptionId: sub, workspace, timeoutSeconds: Math.round(this.timeoutMs / 1000), sandbox: Boolean(this.config.sandbox), aborted };
  }

  private caller(sub: string, service: AzureErrorContext['service'], signal?: AbortSignal, workspace?: string): Call {
    return async (operation, fn) => {
      if (signal?.aborted) throw new ProviderError('cancelled', `Cancelled: ${operation}.`);
      try {
        return await fn(signal);
      } catch (err) {
        throw isProviderError(err) ? err : toAzureError(err, this.context(sub, service, operation, workspace, signal?.aborted));
      }
    };
  }
}

/** Builds the provider and finds its workspaces (failures become scopes that show the error). */
export async function createAzureProvider(config: AzureProviderConfig): Promise<AzureProvider> {
  const provider = new AzureProvider(config);
  await provider.discover();
  return provider;
}

// The chunk's entry point also carries what callers need to reach a sandbox started elsewhere.
export { DEFAULT_AZURE_SANDBOX_TOKEN, fetchSandboxAzure, type SandboxAzure } from './sandboxInfo';
