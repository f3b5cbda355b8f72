// The health check: every rule over every resource of every connected scope. Per scope it lists the
// three kinds of resource, sends one metric batch (queryMetrics packs it into the fewest API calls)
// and evaluates the rules. A scope that fails (credentials, network) is reported and the others go on.
import type { Catalog } from '../catalog/catalog';
import type { Resource, ResourceKind, ScopeFigures, ScopeRef, TimeRange } from '../model';
import { isProviderError, type CloudProvider } from '../../providers/provider';
import { productionMatcher } from '../rules/availability';
import type { Thresholds } from '../rules/thresholds';
import { evaluateScope } from '../rules/workspace';
import { evaluatePlan } from './evaluate';
import { planHealthCheck } from './plan';
import { compareFindings, type HealthReport, type ScopeResult } from './report';
import { listAllResources } from '../../providers/provider';

export interface CheckTarget {
  provider: CloudProvider;
  scope: ScopeRef;
}

export interface HealthProgress {
  /** Steps done of `total` (three per scope: list, metrics, rules). */
  completed: number;
  total: number;
  message: string;
}

export interface HealthCheckOptions {
  thresholds: Thresholds;
  catalog: Catalog;
  /** Regular expression for production endpoint names; default in rules/availability. */
  productionPattern?: string;
  now?: () => number;
  signal?: AbortSignal;
  onProgress?: (progress: HealthProgress) => void;
  /** Scopes checked at once. */
  concurrency?: number;
  /** Something went wrong that the report does not carry (a rule bug); for logs. */
  onWarning?: (message: string) => void;
  /** Every resource of a scope once listed (to place findings in the configs that declare them). */
  onListed?: (resources: readonly Resource[]) => void;
}

/** The largest page providers allow, so listing a big fleet takes few calls. */
const LIST_PAGE = 1000;
const STEPS_PER_SCOPE = 3;

export class HealthCheckCancelled extends Error {
  override name = 'HealthCheckCancelled';
  constructor() {
    super('The health check was cancelled.');
  }
}

function listAll(target: CheckTarget, kind: ResourceKind, signal?: AbortSignal): Promise<Resource[]> {
  return listAllResources(target.provider, target.scope, kind, { pageSize: LIST_PAGE, signal });
}

export async function runHealthCheck(targets: readonly CheckTarget[], options: HealthCheckOptions): Promise<HealthReport> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const providers = [...new Set(targets.map((t) => t.provider))];
  const before = providers.map((p) => p.callCounts());
  const total = targets.length * STEPS_PER_SCOPE;
  let completed = 0;
  const step = (message: string) => {
    completed = Math.min(total, completed + 1);
    options.onProgress?.({ completed, total, message });
  };
  options.onProgress?.({ completed: 0, total, message: `Checking ${targets.length} ${targets.length === 1 ? 'scope' : 'scopes'}` });

  const production = productionMatcher(options.productionPattern);
  const findings: HealthReport['findings'] = [];
  const notes: string[] = [];
  const results: ScopeResult[] = [];
  let window: HealthReport['window'] = { start: startedAt, end: startedAt };

  const checkScope = async (target: CheckTarget): Promise<void> => {
    const result: ScopeResult = { scope: target.scope, endpoints: 0, trainingJobs: 0, datasets: 0, queries: 0 };
    results.push(result);
    let stepsLeft = STEPS_PER_SCOPE;
    const advance = (message: string) => {
      stepsLeft--;
      step(message);
    };
    try {
      const [endpoints, jobs, datasets] = await Promise.all(
        (['endpoint', 'trainingJob', 'dataset'] as const).map((kind) => listAll(target, kind, options.signal)),
      );
      Object.assign(result, { endpoints: endpoints.length, trainingJobs: jobs.length, datasets: datasets.length });
      options.onListed?.([...endpoints, ...jobs, ...datasets]);
      advance(`${target.scope.label}: listed ${endpoints.length + jobs.length + datasets.length} resources`);
      throwIfCancelled(options.signal);

      const plan = planHealthCheck([...endpoints, ...jobs, ...datasets], options.thresholds, options.catalog, now());
      window = { start: plan.window.start, end: plan.window.end };
      result.queries = plan.queries.length;
      // The scope's own figures (workspace quota, nodes, run counters) travel beside the resources' metrics.
      const [, figures] = await Promise.all([
        plan.queries.length ? target.provider.queryMetrics(target.scope, plan.queries, plan.window, { signal: options.signal }).then((series) => plan.apply(series)) : undefined,
        scopeFigures(target, plan.window, options.signal, (message) => notes.push(`${target.scope.label}: ${message}`)),
      ]);
      advance(`${target.scope.label}: read ${plan.queries.length} metric series`);
      throwIfCancelled(options.signal);

      const onRuleError = (what: string, err: unknown) => options.onWarning?.(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
      const found = evaluatePlan(plan, { thresholds: options.thresholds, catalog: options.catalog, production, onRuleError });
      if (figures) {
        try {
          found.push(...evaluateScope(target.scope, figures, found, options.thresholds));
        } catch (err) {
          onRuleError(`workspace rules on ${target.scope.label}`, err);
        }
      }
      findings.push(...found);
      notes.push(...plan.notes.map((n) => `${target.scope.label}: ${n}`));
      advance(`${target.scope.label}: ${found.length} ${found.length === 1 ? 'finding' : 'findings'}`);
    } catch (err) {
      if (options.signal?.aborted || (isProviderError(err) && err.kind === 'cancelled')) throw new HealthCheckCancelled();
      result.error = isProviderError(err)
        ? { kind: err.kind, message: err.message, action: err.action }
        : { kind: 'unknown', message: err instanceof Error ? err.message : String(err) };
      while (stepsLeft > 0) advance(`${target.scope.label}: could not be checked`);
    }
  };

  // A few scopes at a time: each already runs its calls in parallel inside the provider.
  const queue = [...targets];
  const workers = Array.from({ length: Math.min(queue.length, Math.max(1, options.concurrency ?? 4)) }, async () => {
    for (let target = queue.shift(); target; target = queue.shift()) await checkScope(target);
  });
  await Promise.all(workers);

  const after = providers.map((p) => p.callCounts());
  const calls: Record<string, number> = {};
  after.forEach((counts, i) => {
    for (const [op, n] of Object.entries(counts)) {
      const delta = n - (before[i][op] ?? 0);
      if (delta > 0) calls[op] = (calls[op] ?? 0) + delta;
    }
  });
  const order = new Map(targets.map((t, i) => [t.scope.id, i]));
  results.sort((a, b) => (order.get(a.scope.id) ?? 0) - (order.get(b.scope.id) ?? 0));
  return {
    startedAt,
    finishedAt: now(),
    window,
    thresholds: options.thresholds,
    scopes: results,
    findings: findings.sort(compareFindings),
    notes,
    calls,
  };
}

/** The scope's own figures where its provider publishes them; a failure is a note, the rest of the check goes on. */
async function scopeFigures(target: CheckTarget, window: TimeRange, signal: AbortSignal | undefined, note: (message: string) => void): Promise<ScopeFigures | undefined> {
  if (!target.provider.scopeFigures) return undefined;
  try {
    return await target.provider.scopeFigures(target.scope, window, { signal });
  } catch (err) {
    if (signal?.aborted || (isProviderError(err) && err.kind === 'cancelled')) throw err;
    note(`workspace metrics could not be read: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new HealthCheckCancelled();
}
