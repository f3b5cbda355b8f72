// Amazon SageMaker adapter: resources through the SageMaker API (scaling policies through Application
// Auto Scaling), metrics through CloudWatch.
// Loaded lazily (its own bundle chunk) so the editor does not pay for the SDK at activation.
import pLimit from 'p-limit';
import type { MetricQuery, MetricSeries, Page, Resource, ResourceKind, ScopeRef, TimeRange } from '../../core/model';
import { isProviderError, ProviderError, type CloudProvider, type ListOptions, type QueryOptions } from '../provider';
import { createAwsClients, type AwsClients, type AwsEndpointOverrides } from './clients';
import { toProviderError, type AwsErrorContext } from './errors';
import { queryAwsMetrics } from './metrics';
import { DescribeCache, listDatasets, listEndpoints, listTrainingJobs, type Call, type ListContext } from './resources';

export interface AwsProviderConfig {
  profiles: string[];
  regions: string[];
  requestTimeoutMs?: number;
  /** Attempts per call, the first included; throttling and 5xx back off exponentially between them. */
  maxAttempts?: number;
  endpointOverrides?: AwsEndpointOverrides;
  /** Parallel describe calls per scope. */
  describeConcurrency?: number;
  /** Parallel GetMetricData calls per scope (CloudWatch allows 50 TPS per region). */
  metricConcurrency?: number;
  /** Local sandbox clouds: fixed credentials, one scope per region, no console links. */
  sandbox?: { url: string };
}

interface ScopeState {
  scope: ScopeRef;
  clients: AwsClients;
  cache: DescribeCache;
  describeLimit: ReturnType<typeof pLimit>;
  metricLimit: ReturnType<typeof pLimit>;
}

export const SANDBOX_PROFILE = 'sandbox';

export class AwsProvider implements CloudProvider {
  readonly id = 'aws' as const;
  readonly displayName = 'Amazon SageMaker';
  private readonly scopes: ScopeRef[];
  private readonly states = new Map<string, ScopeState>();
  private readonly counts: Record<string, number> = {};
  private readonly timeoutMs: number;

  constructor(private readonly config: AwsProviderConfig) {
    this.timeoutMs = config.requestTimeoutMs ?? 30_000;
    const profiles = config.sandbox ? [SANDBOX_PROFILE] : [...new Set(config.profiles)];
    const regions = [...new Set(config.regions)];
    this.scopes = profiles.flatMap((profile) =>
      regions.map((region) => ({
        provider: 'aws' as const,
        id: `aws/${profile}/${region}`,
        label: `${profile} · ${region}`,
        account: profile,
        region,
        sandbox: Boolean(config.sandbox),
      })),
    );
  }

  listScopes(): ScopeRef[] {
    return [...this.scopes];
  }

  async listResources(scope: ScopeRef, kind: ResourceKind, options: ListOptions = {}): Promise<Page<Resource>> {
    const state = this.state(scope);
    const ctx: ListContext = {
      scope: state.scope,
      clients: state.clients,
      call: this.caller(state, options.signal),
      autoscalingCall: this.caller(state, options.signal, 'ApplicationAutoScaling'),
      limit: state.describeLimit,
      cache: state.cache,
    };
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
    return queryAwsMetrics(state.clients, this.caller(state, options.signal, 'CloudWatch'), state.metricLimit, queries, range);
  }

  callCounts(): Record<string, number> {
    return { ...this.counts };
  }

  dispose(): void {
    for (const state of this.states.values()) {
      state.clients.sagemaker.destroy();
      state.clients.cloudwatch.destroy();
      state.clients.autoscaling.destroy();
    }
    this.states.clear();
  }

  private state(scope: ScopeRef): ScopeState {
    const known = this.scopes.find((s) => s.id === scope.id);
    if (!known) throw new ProviderError('invalidInput', `Unknown AWS scope '${scope.id}'.`, 'Refresh the view.');
    let state = this.states.get(known.id);
    if (!state) {
      const sandbox = this.config.sandbox;
      const clients = createAwsClients(
        {
          profile: known.account,
          region: known.region,
          requestTimeoutMs: this.timeoutMs,
          maxAttempts: this.config.maxAttempts ?? 4,
          endpointOverrides: sandbox ? { sagemaker: sandbox.url, cloudwatch: sandbox.url, autoscaling: sandbox.url } : this.config.endpointOverrides,
          staticCredentials: sandbox ? { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' } : undefined,
        },
        (op) => {
          this.counts[op] = (this.counts[op] ?? 0) + 1;
        },
      );
      state = {
        scope: known,
        clients,
        cache: new DescribeCache(),
        describeLimit: pLimit(this.config.describeConcurrency ?? 16),
        metricLimit: pLimit(this.config.metricConcurrency ?? 8),
      };
      this.states.set(known.id, state);
    }
    return state;
  }

  private caller(state: ScopeState, signal: AbortSignal | undefined, service: AwsErrorContext['service'] = 'SageMaker'): Call {
    const scope = state.scope;
    return async (operation, fn) => {
      const context = { operation, profile: scope.account, region: scope.region, service, timeoutSeconds: Math.round(this.timeoutMs / 1000) };
      // A garbled body is not retried by the SDK; one more try usually gets a clean answer.
      for (let attempt = 1; ; attempt++) {
        if (signal?.aborted) throw new ProviderError('cancelled', `Cancelled: ${operation}.`);
        try {
          return await fn(signal);
        } catch (err) {
          const mapped = isProviderError(err) ? err : toProviderError(err, context);
          if (mapped.kind === 'badResponse' && attempt < 2) continue;
          throw mapped;
        }
      }
    };
  }
}

export function createAwsProvider(config: AwsProviderConfig): AwsProvider {
  return new AwsProvider(config);
}
