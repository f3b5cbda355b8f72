// Benchmark: a full refresh of the endpoint fleet (list + describe + RED metrics) against the
// sandbox with injected latency. Prints API calls against the physical minimum and wall time.
import { buildRedQueries, redWindow, summarizeRed } from '../src/core/metrics/red';
import type { Resource } from '../src/core/model';
import { AwsProvider } from '../src/providers/aws/awsProvider';
import { GcpProvider } from '../src/providers/gcp/gcpProvider';
import { planQuery as planGcpQuery } from '../src/providers/gcp/metricPlan';
import { MAX_QUERIES_PER_CALL, planQuery } from '../src/providers/aws/metrics';
import { startSandbox } from '../src/sandbox/server';
import { mainAzure } from './azureFleetRefresh';
import { ratio, tableRow } from './table';
import { listAllResources } from '../src/providers/provider';

interface Row {
  fleet: number;
  endpoints: number;
  pass: 'cold' | 'warm';
  wallMs: number;
  listCalls: number;
  describeCalls: number;
  metricCalls: number;
  metricMinimum: number;
  series: number;
  summaries: number;
}

async function refresh(provider: AwsProvider, scope = provider.listScopes()[0]): Promise<{ endpoints: Resource[]; series: number; summaries: number }> {
  const endpoints = await listAllResources(provider, scope, 'endpoint');
  const queries = buildRedQueries(endpoints);
  const series = queries.reduce((n, q, i) => n + planQuery(q, i).entries.length, 0);
  const result = await provider.queryMetrics(scope, queries, redWindow(Date.now()));
  return { endpoints, series, summaries: summarizeRed(queries, result).size };
}

function delta(after: Record<string, number>, before: Record<string, number>, match: (op: string) => boolean): number {
  return Object.entries(after).filter(([op]) => match(op)).reduce((n, [op, c]) => n + c - (before[op] ?? 0), 0);
}

async function runFleet(fleet: number, latencyMs: number): Promise<Row[]> {
  const sandbox = await startSandbox({ port: 0, fleetSize: fleet, latencyMs });
  const provider = new AwsProvider({ profiles: [], regions: ['us-east-1'], sandbox: { url: sandbox.url } });
  const rows: Row[] = [];
  try {
    for (const pass of ['cold', 'warm'] as const) {
      const before = provider.callCounts();
      const started = performance.now();
      const { endpoints, series, summaries } = await refresh(provider);
      const wallMs = performance.now() - started;
      const after = provider.callCounts();
      rows.push({
        fleet,
        endpoints: endpoints.length,
        pass,
        wallMs,
        listCalls: delta(after, before, (op) => op === 'SageMaker.ListEndpoints'),
        describeCalls: delta(after, before, (op) => op.startsWith('SageMaker.Describe')),
        metricCalls: delta(after, before, (op) => op === 'CloudWatch.GetMetricData'),
        metricMinimum: Math.ceil(series / MAX_QUERIES_PER_CALL),
        series,
        summaries,
      });
    }
  } finally {
    provider.dispose();
    await sandbox.close();
  }
  return rows;
}

export async function main(): Promise<void> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 50);
  console.log(`fleetRefresh: SageMaker list + describe + RED metrics against the sandbox, ${latencyMs} ms injected latency per call`);
  const header = 'fleet  endpoints  pass  wall (ms)  List  Describe  GetMetricData  minimum  ratio  series  summaries';
  console.log(header);
  for (const fleet of [100, 1000]) {
    for (const r of await runFleet(fleet, latencyMs)) {
      console.log(tableRow(header, [r.fleet, r.endpoints, r.pass, r.wallMs.toFixed(0), r.listCalls, r.describeCalls, r.metricCalls, r.metricMinimum, ratio(r.metricCalls, r.metricMinimum), r.series, r.summaries]));
    }
  }
  console.log('cold = first load (every endpoint described); warm = a later refresh (endpoint configs are immutable and cached; an endpoint is described again when its LastModifiedTime or status changes).');
  await mainGcp(latencyMs);
  await mainAzure(latencyMs);
}

// --- Vertex AI: list endpoints + RED metrics; metrics cost one timeSeries.list per metric type per project.

interface GcpRow {
  fleet: number;
  endpoints: number;
  pass: 'cold' | 'warm';
  wallMs: number;
  listCalls: number;
  metricCalls: number;
  metricMinimum: number;
  queries: number;
  summaries: number;
}

async function runGcpFleet(fleet: number, latencyMs: number): Promise<GcpRow[]> {
  const sandbox = await startSandbox({ port: 0, fleetSize: fleet, latencyMs });
  const provider = new GcpProvider({ projects: [], locations: [], sandbox: { url: sandbox.url } });
  const scope = provider.listScopes()[0];
  const rows: GcpRow[] = [];
  try {
    for (const pass of ['cold', 'warm'] as const) {
      const before = provider.callCounts();
      const started = performance.now();
      const endpoints: Resource[] = [];
      let token: string | undefined;
      do {
        const page = await provider.listResources(scope, 'endpoint', { pageSize: 1000, pageToken: token });
        endpoints.push(...page.items);
        token = page.nextToken;
      } while (token);
      const queries = buildRedQueries(endpoints);
      const result = await provider.queryMetrics(scope, queries, redWindow(Date.now()));
      const wallMs = performance.now() - started;
      const after = provider.callCounts();
      rows.push({
        fleet,
        endpoints: endpoints.length,
        pass,
        wallMs,
        listCalls: delta(after, before, (op) => op === 'Vertex.ListEndpoints'),
        metricCalls: delta(after, before, (op) => op === 'Monitoring.ListTimeSeries'),
        // One project, one location: one call per metric type the batch reads.
        metricMinimum: new Set(queries.map((q) => planGcpQuery(q).metricType).filter(Boolean)).size,
        queries: queries.length,
        summaries: summarizeRed(queries, result).size,
      });
    }
  } finally {
    provider.dispose();
    await sandbox.close();
  }
  return rows;
}

async function mainGcp(latencyMs: number): Promise<void> {
  console.log(`\nfleetRefresh (GCP): Vertex AI list endpoints + RED metrics from Cloud Monitoring, ${latencyMs} ms injected latency per call`);
  const header = 'fleet  endpoints  pass  wall (ms)  ListEndpoints  ListTimeSeries  minimum  ratio  queries  summaries';
  console.log(header);
  for (const fleet of [100, 1000]) {
    for (const r of await runGcpFleet(fleet, latencyMs)) {
      console.log(tableRow(header, [r.fleet, r.endpoints, r.pass, r.wallMs.toFixed(0), r.listCalls, r.metricCalls, r.metricMinimum, ratio(r.metricCalls, r.metricMinimum), r.queries, r.summaries]));
    }
  }
  console.log('GCP minimum = metric types the batch reads (response_count for rates and errors, prediction_latencies for p99), whatever the number of endpoints; Vertex has no describe calls (list pages of up to 100 carry the deployed models).');
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
