// Benchmark section for Azure ML: a full refresh of the online-endpoint fleet of every workspace
// (list endpoints, list each endpoint's deployments, RED metrics) against the sandbox with injected
// latency. Prints metrics:getBatch calls against the minimum: per subscription, region and metric
// group, ceil(resources / 50) (CLOUD_APIS.md section 3). Run from bench/fleetRefresh.ts.
import { buildRedQueries, redWindow, summarizeRed } from '../src/core/metrics/red';
import type { MetricQuery, Resource, ScopeRef } from '../src/core/model';
import { AzureProvider } from '../src/providers/azure/azureProvider';
import { minimumCalls, type MetricPlan } from '../src/providers/azure/metricPlan';
import { defaultAzureScenario } from '../src/sandbox/azure/defaultScenario';
import { defaultScenario } from '../src/sandbox/scenarios/default';
import { startSandbox } from '../src/sandbox/server';
import { ratio, tableRow } from './table';
import { listAllResources } from '../src/providers/provider';

interface AzureRow {
  fleet: number;
  workspaces: number;
  endpoints: number;
  pass: 'cold' | 'warm';
  wallMs: number;
  listCalls: number;
  deploymentCalls: number;
  metricCalls: number;
  metricMinimum: number;
  queries: number;
  summaries: number;
}

function listEndpoints(provider: AzureProvider, scope: ScopeRef): Promise<Resource[]> {
  return listAllResources(provider, scope, 'endpoint');
}

const count = (after: Record<string, number>, before: Record<string, number>, op: string) => (after[op] ?? 0) - (before[op] ?? 0);

async function runAzureFleet(fleet: number, latencyMs: number): Promise<AzureRow[]> {
  const sandbox = await startSandbox({ port: 0, latencyMs, scenario: { ...defaultScenario, azure: { ...defaultAzureScenario, fleetSize: fleet } } });
  const provider = new AzureProvider({ subscriptions: defaultAzureScenario.subscriptions.map((s) => s.id), sandbox: { url: sandbox.httpsUrl, ca: sandbox.ca } });
  const rows: AzureRow[] = [];
  try {
    await provider.discover();
    const scopes = provider.listScopes();
    for (const pass of ['cold', 'warm'] as const) {
      const before = provider.callCounts();
      const started = performance.now();
      // The tree and the fleet overview load every workspace at once; so does this.
      const lists = await Promise.all(scopes.map((s) => listEndpoints(provider, s)));
      const queries: MetricQuery[][] = lists.map(buildRedQueries);
      const window = redWindow(Date.now());
      const results = await Promise.all(scopes.map((s, i) => provider.queryMetrics(s, queries[i], window)));
      const wallMs = performance.now() - started;
      const after = provider.callCounts();
      const regionOf = new Map<string, string>();
      const plans: MetricPlan[] = scopes.flatMap((s, i) => {
        const planned = provider.plan(s, queries[i], window);
        for (const p of planned) if (p.resourceId) regionOf.set(p.resourceId, `${s.account}|${s.region}`);
        return planned;
      });
      rows.push({
        fleet,
        workspaces: scopes.length,
        endpoints: lists.reduce((n, l) => n + l.length, 0),
        pass,
        wallMs,
        listCalls: count(after, before, 'MachineLearning.OnlineEndpoints.List'),
        deploymentCalls: count(after, before, 'MachineLearning.OnlineDeployments.List'),
        metricCalls: count(after, before, 'Metrics.GetBatch'),
        metricMinimum: minimumCalls(plans, (id) => regionOf.get(id) ?? ''),
        queries: queries.reduce((n, q) => n + q.length, 0),
        summaries: queries.reduce((n, q, i) => n + summarizeRed(q, results[i]).size, 0),
      });
    }
  } finally {
    provider.dispose();
    await sandbox.close();
  }
  return rows;
}

export async function mainAzure(latencyMs: number): Promise<void> {
  console.log(`\nfleetRefresh (Azure): Azure ML list endpoints + deployments + RED metrics from metrics:getBatch, ${latencyMs} ms injected latency per call`);
  const header = 'fleet  workspaces  endpoints  pass  wall (ms)  ListEndpoints  ListDeployments  GetBatch  minimum  ratio  queries  summaries';
  console.log(header);
  for (const fleet of [100, 1000]) {
    for (const r of await runAzureFleet(fleet, latencyMs)) {
      console.log(tableRow(header, [r.fleet, r.workspaces, r.endpoints, r.pass, r.wallMs.toFixed(0), r.listCalls, r.deploymentCalls, r.metricCalls, r.metricMinimum, ratio(r.metricCalls, r.metricMinimum), r.queries, r.summaries]));
    }
  }
  console.log(
    'Azure minimum = per subscription and region, ceil(endpoints / 50) for each metric group the RED summary reads (RequestsPerMinute split by deployment and status class; the latency percentiles split by deployment). ARM pages endpoints 20 at a time and has no expand for deployments, so a cold load costs one deployments list per endpoint; a warm refresh lists them again only for endpoints whose lastModifiedAt, provisioning state or traffic map changed, whose deployments were still changing, or whose cached list is older than 5 minutes.',
  );
}

