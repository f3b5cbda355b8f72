// Benchmark: the health check over a fleet of 1,000 endpoints (plus the default scenario) served by
// the sandbox with 50 ms added to every response. Prints wall time, API calls against the minimum the
// APIs allow, and the peak memory of the checking process. The sandbox runs in a child process (the
// bundled `mlmon sandbox`), so its work and memory are not counted as the check's.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { createCatalog } from '../src/core/catalog/catalog';
import { runHealthCheck } from '../src/core/health/healthCheck';
import { planHealthCheck } from '../src/core/health/plan';
import { summaryLine, type HealthReport } from '../src/core/health/report';
import type { Resource, ScopeRef } from '../src/core/model';
import { defaultThresholds } from '../src/core/rules/thresholds';
import { AwsProvider } from '../src/providers/aws/awsProvider';
import { MAX_QUERIES_PER_CALL, planQuery } from '../src/providers/aws/metrics';
import { listAllResources } from '../src/providers/provider';

/** GetMetricData returns at most this many datapoints per call before paging. */
const MAX_DATAPOINTS_PER_CALL = 100_800;
/** SageMaker list calls return at most 100 items. */
const MAX_LIST_RESULTS = 100;
/** Application Auto Scaling's Describe calls return at most 50. */
const MAX_SCALING_RESULTS = 50;

async function startSandboxProcess(fleet: number, latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
  const cli = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0', '--fleet-size', String(fleet), '--latency-ms', String(latencyMs), '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m) resolve(m[1]);
      else reject(new Error(`unexpected sandbox output: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`)));
  });
  return { url, child };
}

/** Samples this process's memory while `task` runs; the peak is what the check needed at most. */
async function measured<T>(task: () => Promise<T>): Promise<{ value: T; wallMs: number; peakRssMb: number; peakHeapMb: number; baseRssMb: number }> {
  const mb = (n: number) => n / 2 ** 20;
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const started = performance.now();
  try {
    const value = await task();
    return { value, wallMs: performance.now() - started, peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap), baseRssMb: mb(base.rss) };
  } finally {
    clearInterval(timer);
  }
}

/** The fewest GetMetricData calls the batch could take: by queries (500 a call) and by datapoints returned. */
function metricMinimum(resources: Resource[], report: HealthReport, returnedPoints: number): { entries: number; minimum: number } {
  const plan = planHealthCheck(resources, report.thresholds, createCatalog(), report.window.end);
  const entries = plan.queries.reduce((n, q, i) => n + planQuery(q, i).entries.length, 0);
  return { entries, minimum: Math.max(Math.ceil(entries / MAX_QUERIES_PER_CALL), Math.ceil(returnedPoints / MAX_DATAPOINTS_PER_CALL)) };
}

async function listEverything(provider: AwsProvider, scope: ScopeRef): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const kind of ['endpoint', 'trainingJob', 'dataset'] as const) out.push(...(await listAllResources(provider, scope, kind)));
  return out;
}

export async function main(): Promise<void> {
  const fleet = Number(process.env.BENCH_FLEET ?? 1000);
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 50);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  console.log(`healthCheck: every rule over ${fleet} fleet endpoints + the default scenario (us-east-1), sandbox in a child process, ${latencyMs} ms added per call, look-back ${defaultThresholds.lookbackDays} days`);
  const { url, child } = await startSandboxProcess(fleet, latencyMs);
  // The sandbox computes each metric batch on one thread, seconds per 500 queries; requests queued
  // behind it would hit Node's 60 s header timeout on the server, so metric calls go one at a time
  // (CloudWatch itself takes 8 at once). The request timeout is long for the same reason.
  const provider = new AwsProvider({ profiles: [], regions: ['us-east-1'], sandbox: { url }, requestTimeoutMs: 600_000, metricConcurrency: 1 });
  const scope = provider.listScopes()[0];
  try {
    let points = 0;
    const counting = new Proxy(provider, {
      get(obj, prop, receiver) {
        if (prop !== 'queryMetrics') return Reflect.get(obj, prop, receiver);
        return async (...args: Parameters<AwsProvider['queryMetrics']>) => {
          const series = await obj.queryMetrics(...args);
          points += series.reduce((n, s) => n + s.values.length, 0);
          return series;
        };
      },
    });
    const phases: number[] = [];
    let started = 0;
    const run = await measured(() => {
      started = performance.now();
      return runHealthCheck([{ provider: counting, scope }], { thresholds: defaultThresholds, catalog: createCatalog(), onProgress: (p) => p.completed > 0 && phases.push(performance.now()) });
    });
    const report = run.value;
    if (report.scopes[0].error) throw new Error(`the check failed: ${report.scopes[0].error.message}`);
    const calls = report.calls;
    const resources = await listEverything(provider, scope);
    const endpoints = resources.filter((r) => r.ref.kind === 'endpoint');
    const { entries, minimum } = metricMinimum(resources, report, points);
    const metricCalls = calls['CloudWatch.GetMetricData'] ?? 0;
    const listCalls = Object.entries(calls).filter(([op]) => op.startsWith('SageMaker.List')).reduce((n, [, c]) => n + c, 0);
    const listMinimum = Math.ceil(endpoints.length / MAX_LIST_RESULTS) + 2 + 1;
    const describeCalls = Object.entries(calls).filter(([op]) => op.startsWith('SageMaker.Describe')).reduce((n, [, c]) => n + c, 0);
    // Variants with a scalable target: autoscaled ones (one policy each) and fixed ones the adapter found a target for.
    const variants = endpoints.flatMap((e) => e.variants ?? []);
    const targets = variants.filter((v) => v.autoscaling?.mode === 'autoscaled' || (v.autoscaling?.mode === 'fixed' && v.autoscaling.note)).length;
    const policies = variants.filter((v) => v.autoscaling?.mode === 'autoscaled').length;
    const scalingCalls = (calls['ApplicationAutoScaling.DescribeScalableTargets'] ?? 0) + (calls['ApplicationAutoScaling.DescribeScalingPolicies'] ?? 0);
    const scalingMinimum = Math.max(1, Math.ceil(targets / MAX_SCALING_RESULTS)) + (targets ? Math.max(1, Math.ceil(policies / MAX_SCALING_RESULTS)) : 0);
    const [listed, fetched, judged] = phases;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`endpoints checked         ${endpoints.length} (+ ${resources.length - endpoints.length} training jobs and datasets)`);
    console.log(`wall time                 ${s(run.wallMs)}: list + describe ${s(listed - started)}, metrics ${s(fetched - listed)}, rules ${s(judged - fetched)}`);
    console.log(`GetMetricData calls       ${metricCalls} (minimum ${minimum}: ${entries} query entries / 500 a call, ${points} datapoints / ${MAX_DATAPOINTS_PER_CALL} a call) ratio ${(metricCalls / minimum).toFixed(2)}`);
    console.log(`metric series             ${report.scopes[0].queries}, one queryMetrics call for the scope`);
    console.log(`SageMaker List calls      ${listCalls} (minimum ${listMinimum}: ceil(endpoints / 100) ListEndpoints + 2 ListTrainingJobs + 1 ListFeatureGroups)`);
    console.log(`Auto Scaling calls        ${scalingCalls} (minimum ${scalingMinimum}: ceil(${targets} scalable targets / 50) DescribeScalableTargets + ceil(${policies} policies / 50) DescribeScalingPolicies, once per scope)`);
    console.log(`SageMaker Describe calls  ${describeCalls} (one per endpoint and endpoint config, training job and feature group: SageMaker has no batch describe; cached across runs)`);
    console.log(`findings                  ${report.findings.length} (${summaryLine(report)})`);
    console.log(`peak memory               ${run.peakRssMb.toFixed(0)} MB RSS, ${run.peakHeapMb.toFixed(0)} MB heap (process at ${run.baseRssMb.toFixed(0)} MB RSS before the check; the sandbox is another process)`);
  } finally {
    provider.dispose();
    child.kill('SIGTERM');
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
