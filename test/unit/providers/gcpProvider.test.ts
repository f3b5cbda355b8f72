// The GCP adapter with the real @google-cloud clients (REST fallback) against the sandbox clouds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildRedQueries, redWindow, summarizeRed } from '../../../src/core/metrics/red';
import { resourceKey, type MetricName, type MetricQuery, type Resource, type ScopeRef } from '../../../src/core/model';
import { GcpProvider, type GcpProviderConfig } from '../../../src/providers/gcp/gcpProvider';
import { groupRequests, planQuery } from '../../../src/providers/gcp/metricPlan';
import { byName, listAll, rejection } from './helpers';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox/server';

const NOON = Date.parse('2026-12-01T12:00:00Z');
const HOUR = 3600_000;

async function withSandbox<T>(options: SandboxOptions, fn: (sandbox: RunningSandbox, provider: GcpProvider, scope: ScopeRef) => Promise<T>, config: Partial<GcpProviderConfig> = {}): Promise<T> {
  const sandbox = await startSandbox({ port: 0, now: () => NOON, ...options });
  const provider = new GcpProvider({ projects: [], locations: [], sandbox: { url: sandbox.url }, ...config, ...(config.sandbox ? { sandbox: { ...config.sandbox, url: sandbox.url } } : {}) });
  try {
    return await fn(sandbox, provider, provider.listScopes()[0]);
  } finally {
    provider.dispose();
    await sandbox.close();
  }
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const last3h = { start: NOON - 3 * HOUR, end: NOON };

describe('providers/gcp against the sandbox', function () {
  this.timeout(30000);

  it('lists endpoints with deployed models, machines, accelerators and replicas', () =>
    withSandbox({}, async (_s, provider, scope) => {
      assert.equal(scope.id, 'gcp/sandbox-project/us-central1');
      assert.equal(scope.label, 'sandbox-project · us-central1');
      const endpoints = await listAll(provider, scope, 'endpoint');
      const t4 = byName(endpoints, 'image-tagger-t4');
      assert.equal(t4.status, 'inService');
      assert.equal(t4.variants?.length, 1);
      assert.equal(t4.variants![0].instanceType, 'n1-standard-8');
      assert.equal(t4.variants![0].instanceCount, 2);
      assert.deepEqual(t4.variants![0].accelerator, { type: 'NVIDIA_TESLA_T4', count: 1 });
      assert.deepEqual(t4.variants![0].autoscaling, { mode: 'fixed' }, 'min 2 = max 2 replicas');
      assert.deepEqual(byName(endpoints, 'fraud-scorer').variants![0].autoscaling, { mode: 'autoscaled', minCapacity: 2, maxCapacity: 4, metric: 'cpu/utilization', targetValue: 60 });
      assert.match(t4.nativeId, /^projects\/\d+\/locations\/us-central1\/endpoints\/\d+$/);
      assert.equal(t4.consoleUrl, undefined, 'sandbox resources have no console link');
      const recs = byName(endpoints, 'recs-retrieval');
      assert.deepEqual(recs.variants?.map((v) => v.instanceCount), [3, 1]);
      assert.match(Object.values(recs.details ?? {}).join(' '), /90 % of traffic/);
      const empty = byName(endpoints, 'sentiment-staging');
      assert.equal(empty.status, 'outOfService');
      assert.equal(empty.rawStatus, 'No model deployed');
      const names = endpoints.map((e) => e.ref.name);
      assert.deepEqual(names, [...names].sort(), 'ordered by display name');
    }));

  it('pages through long lists without losing or repeating endpoints', () =>
    withSandbox({ fleetSize: 237 }, async (sandbox, provider, scope) => {
      const all = await listAll(provider, scope, 'endpoint', 40);
      assert.equal(all.length, 237 + 6);
      assert.equal(new Set(all.map((e) => e.ref.name)).size, all.length);
      const first = await provider.listResources(scope, 'endpoint', { pageSize: 40 });
      assert.equal(first.items.length, 40);
      assert.ok(first.nextToken);
      assert.ok(sandbox.requestCounts()['Vertex.ListEndpoints'] >= 7);
    }));

  it('lists custom jobs with worker pools, tasks, states and errors', () =>
    withSandbox({}, async (_s, provider, scope) => {
      const jobs = await listAll(provider, scope, 'trainingJob');
      const running = byName(jobs, 'tabnet-train-2026-11-30');
      assert.equal(running.status, 'running');
      assert.equal(running.rawStatus, 'Running');
      assert.deepEqual(running.hosts, ['workerpool0-0', 'workerpool0-1']);
      assert.deepEqual(running.variants?.[0], { name: 'workerpool0', instanceType: 'n1-standard-16', instanceCount: 2, accelerator: { type: 'NVIDIA_TESLA_V100', count: 2 } });
      const failed = byName(jobs, 'bert-classifier-oom');
      assert.equal(failed.status, 'failed');
      assert.match(failed.statusReason ?? '', /OOMKilled/);
      assert.equal(failed.timeline?.at(-1)?.status, 'Failed');
      assert.equal(failed.modifiedAt, failed.timeline?.at(-1)?.start, 'a finished job ends at its endTime');
      assert.equal(byName(jobs, 'xgb-forecast-2026-11-28').status, 'completed');
      assert.equal(byName(jobs, 'automl-tuning-cancelled').status, 'stopped');
    }));

  it('lists training pipelines after the custom jobs: task, worker pools, the job they started, failure reason', () =>
    withSandbox({}, async (sandbox, provider, scope) => {
      const jobs = await listAll(provider, scope, 'trainingJob', 3);
      const names = jobs.map((j) => j.ref.name);
      assert.equal(new Set(names).size, names.length, 'paging across both collections repeats nothing');
      assert.equal(jobs.length, 5 + 3, 'four custom jobs, the one a pipeline started, three pipelines');
      const forecast = byName(jobs, 'demand-forecast-train');
      assert.equal(forecast.status, 'completed');
      assert.equal(forecast.details?.['Training pipeline'], 'custom_task');
      assert.match(forecast.details?.['Pipeline ID'] ?? '', /^\d+$/);
      assert.deepEqual(forecast.variants?.[0], { name: 'workerpool0', instanceType: 'n1-standard-8', instanceCount: 1, accelerator: { type: 'NVIDIA_TESLA_T4', count: 1 } });
      assert.deepEqual(forecast.hosts, ['workerpool0-0']);
      const spawned = byName(jobs, 'demand-forecast-train-custom-job');
      assert.equal(forecast.details?.['Custom job'], spawned.details?.['Job ID'], 'the pipeline names the custom job it started');
      const failed = byName(jobs, 'llm-finetune-a100');
      assert.equal(failed.status, 'failed');
      assert.equal(failed.rawStatus, 'Failed');
      assert.match(failed.statusReason ?? '', /exceed quota limits: aiplatform\.googleapis\.com\/custom_model_training_nvidia_a100_gpus/);
      assert.deepEqual(failed.hosts, [], 'no custom job, so no tasks publish metrics');
      assert.equal(failed.variants?.[0].instanceType, 'a2-highgpu-8g');
      const automl = byName(jobs, 'churn-automl');
      assert.equal(automl.details?.['Training pipeline'], 'automl_tabular');
      assert.deepEqual(automl.variants, []);
      assert.ok(sandbox.requestCounts()['Vertex.ListTrainingPipelines'] >= 1);
    }));

  it('charts a pipeline with the utilization of the custom job it started, and says why one has none', () =>
    withSandbox({}, async (_s, provider, scope) => {
      const jobs = await listAll(provider, scope, 'trainingJob');
      const forecast = byName(jobs, 'demand-forecast-train');
      const spawned = byName(jobs, 'demand-forecast-train-custom-job');
      const failed = byName(jobs, 'llm-finetune-a100');
      const range = { start: forecast.createdAt!, end: forecast.modifiedAt! };
      const [viaPipeline, viaJob, none] = await provider.queryMetrics(
        scope,
        [
          { id: 'p', resource: forecast.ref, metric: 'gpu', periodSeconds: 600, host: 'workerpool0-0' },
          { id: 'j', resource: spawned.ref, metric: 'gpu', periodSeconds: 600, host: 'workerpool0-0' },
          { id: 'f', resource: failed.ref, metric: 'cpu', periodSeconds: 600 },
        ],
        range,
      );
      assert.ok(viaPipeline.values.length > 5, `${viaPipeline.values.length} points`);
      assert.deepEqual(viaPipeline.values, viaJob.values);
      assert.ok(Math.abs(mean(viaPipeline.values) - 88) < 6, `healthy training GPU ${mean(viaPipeline.values)} %`);
      assert.equal(none.values.length, 0);
      assert.match(none.message ?? '', /started no custom job/);
    }));

  it('reads BigQuery query time per project as p95 and p99 in ms, in one call for every dataset', () =>
    withSandbox({}, async (sandbox, provider, scope) => {
      const datasets = await listAll(provider, scope, 'dataset');
      const tx = byName(datasets, 'transactions-bq');
      const churn = byName(datasets, 'churn-features-bq');
      const images = byName(datasets, 'product-images');
      sandbox.resetCounts();
      const q = (id: string, r: Resource, metric: MetricName): MetricQuery => ({ id, resource: r.ref, metric, periodSeconds: 3600 });
      const [p95, p99, churn95, none] = await provider.queryMetrics(scope, [q('p95', tx, 'queryTimeP95'), q('p99', tx, 'queryTimeP99'), q('c95', churn, 'queryTimeP95'), q('n', images, 'queryTimeP95')], { start: NOON - 6 * HOUR, end: NOON });
      assert.deepEqual(sandbox.requestCounts(), { 'Monitoring.ListTimeSeries': 1 }, 'one execution_times call for the project');
      assert.equal(p95.unit, 'ms');
      assert.equal(p95.values.length, 6);
      assert.ok(p95.values.at(-1)! > 5800 && p95.values.at(-1)! < 7000, `p95 now ${p95.values.at(-1)} ms (story: ~6,400 from the buckets)`);
      assert.ok(p95.values.every((v, i) => v < p99.values[i]), 'p95 < p99');
      assert.deepEqual(churn95.values, p95.values, 'datasets of one project share its query time');
      assert.equal(none.values.length, 0);
      assert.match(none.message ?? '', /reads no BigQuery table/);
      const week = await provider.queryMetrics(scope, [q('w', tx, 'queryTimeP95')], { start: NOON - 7 * 24 * HOUR, end: NOON });
      assert.ok(week[0].values[0] < 2500, `a week ago ${week[0].values[0]} ms`);
    }));

  it('lists datasets with their BigQuery tables', () =>
    withSandbox({}, async (_s, provider, scope) => {
      const datasets = await listAll(provider, scope, 'dataset', 2);
      const tx = byName(datasets, 'transactions-bq');
      assert.equal(tx.datasetType, 'bigquery');
      assert.equal(tx.location, 'bq://sandbox-project.retail.transactions');
      assert.equal(byName(datasets, 'product-images').datasetType, 'managed');
    }));

  it('normalises every endpoint metric: per-vCPU CPU, memory and GPU memory in %, latency in ms, rates and error %', () =>
    withSandbox({}, async (_s, provider, scope) => {
      const endpoints = await listAll(provider, scope, 'endpoint');
      const t4 = byName(endpoints, 'image-tagger-t4');
      const reranker = byName(endpoints, 'search-reranker');
      const churn = byName(endpoints, 'churn-scorer');
      const q = (id: string, r: Resource, metric: MetricName, periodSeconds = 300): MetricQuery => ({ id, resource: r.ref, metric, periodSeconds, variant: r.variants![0].name });
      const series = await provider.queryMetrics(
        scope,
        [
          q('cpu', t4, 'cpu'),
          q('mem', t4, 'memory'),
          q('gpu', t4, 'gpu'),
          q('gpuMem', t4, 'gpuMemory'),
          q('p50', reranker, 'latencyP50'),
          q('p90', reranker, 'latencyP90'),
          q('p99', reranker, 'latencyP99'),
          q('overhead', reranker, 'overheadLatency'),
          q('rps', reranker, 'requestsPerSecond'),
          q('inv', reranker, 'invocations'),
          q('err', churn, 'errorRate'),
          q('5xx', churn, 'errors5xxRate'),
          q('4xx', churn, 'errors4xxRate'),
          q('disk', t4, 'disk'),
        ],
        last3h,
      );
      const s = Object.fromEntries(series.map((x) => [x.queryId, x]));
      for (const id of ['cpu', 'mem', 'gpu', 'gpuMem', 'p99', 'rps', 'err']) assert.equal(s[id].values.length, 36, `${id}: 36 five-minute points in 3 h`);
      assert.ok(s.cpu.timestamps.every((t, i) => i === 0 || t > s.cpu.timestamps[i - 1]), 'ascending timestamps');
      assert.equal(s.cpu.timestamps[0], last3h.start, 'timestamps are window starts');
      assert.ok(mean(s.cpu.values) > 5 && mean(s.cpu.values) < 12, `CPU per vCPU ${mean(s.cpu.values)} % (story: 8 %)`);
      assert.ok(Math.abs(mean(s.mem.values) - 22) < 3, `memory ${mean(s.mem.values)} % of 30 GiB`);
      assert.ok(mean(s.gpu.values) < 10, `T4 duty cycle ${mean(s.gpu.values)} %`);
      assert.ok(Math.abs(mean(s.gpuMem.values) - 11) < 2, `GPU memory ${mean(s.gpuMem.values)} % of 16 GiB`);
      assert.equal(s.p99.unit, 'ms');
      const p99 = s.p99.values.at(-1)!;
      assert.ok(p99 > 1300 && p99 < 1600, `search-reranker p99 now ${p99} ms (story: 1,450)`);
      assert.ok(s.p50.values.at(-1)! < s.p90.values.at(-1)! && s.p90.values.at(-1)! < p99, 'p50 < p90 < p99');
      assert.ok(Math.abs(mean(s.overhead.values) - 4) < 1, `overhead mean ${mean(s.overhead.values)} ms`);
      assert.ok(mean(s.rps.values) > 15 && mean(s.rps.values) < 40, `rps ${mean(s.rps.values)}`);
      assert.ok(Math.abs(s.inv.values[0] - s.rps.values[0] * 300) < 1e-6, 'invocations = rate x period');
      assert.ok(s.err.values.at(-1)! > 5, `churn-scorer error % now ${s.err.values.at(-1)}`);
      assert.ok(s['5xx'].values[0] < 1, 'no 5xx spike three hours ago');
      assert.ok(mean(s['4xx'].values) < 1);
      assert.equal(s.disk.values.length, 0);
      assert.match(s.disk.message ?? '', /no disk/);
    }));

  it('normalises custom job utilization per task and BigQuery stored bytes', () =>
    withSandbox({}, async (_s, provider, scope) => {
      const jobs = await listAll(provider, scope, 'trainingJob');
      const datasets = await listAll(provider, scope, 'dataset');
      const job = byName(jobs, 'tabnet-train-2026-11-30');
      const tx = byName(datasets, 'transactions-bq');
      const q = (id: string, metric: MetricName, host?: string): MetricQuery => ({ id, resource: job.ref, metric, periodSeconds: 600, host });
      const [gpu, cpu, mem, whole, storage] = await provider.queryMetrics(
        scope,
        [q('gpu', 'gpu', 'workerpool0-1'), q('cpu', 'cpu', 'workerpool0-0'), q('mem', 'memory', 'workerpool0-0'), q('gpuAll', 'gpu'), { id: 'bytes', resource: tx.ref, metric: 'storageBytes', periodSeconds: 86400 }],
        { start: NOON - 4 * HOUR, end: NOON },
      );
      assert.ok(Math.abs(mean(gpu.values) - 15) < 5, `GPU ${mean(gpu.values)} % (data-loader bottleneck: 15 %)`);
      assert.ok(mean(cpu.values) > 90, `CPU ${mean(cpu.values)} % per vCPU`);
      assert.ok(Math.abs(mean(mem.values) - 55) < 5, `memory ${mean(mem.values)} %`);
      assert.equal(whole.values.length, gpu.values.length, 'a query without a task averages the tasks');
      assert.equal(storage.unit, 'bytes');
      const weekly = await provider.queryMetrics(scope, [{ id: 'b', resource: tx.ref, metric: 'storageBytes', periodSeconds: 86400 }], { start: NOON - 7 * 24 * HOUR, end: NOON });
      const gib = weekly[0].values.map((v) => v / 2 ** 30);
      assert.equal(gib.length, 7);
      assert.ok(gib.at(-1)! - gib[0] > 40 && gib.at(-1)! - gib[0] < 56, `grows ~8 GiB a day: ${gib.map((g) => g.toFixed(0)).join(', ')}`);
    }));

  it('reads the RED summary of a whole fleet in one call per metric type', () =>
    withSandbox({ fleetSize: 150 }, async (sandbox, provider, scope) => {
      const endpoints = await listAll(provider, scope, 'endpoint', 200);
      sandbox.resetCounts();
      const queries = buildRedQueries(endpoints);
      assert.ok(queries.length > 450);
      const summary = summarizeRed(queries, await provider.queryMetrics(scope, queries, redWindow(NOON)));
      // requestsPerSecond and errorRate share response_count; p99 is prediction_latencies.
      assert.deepEqual(sandbox.requestCounts(), { 'Monitoring.ListTimeSeries': 2 });
      assert.equal(new Set(queries.map((q) => planQuery(q).metricType)).size, 2, 'the minimum: one call per metric type');
      const churn = summary.get(resourceKey(byName(endpoints, 'churn-scorer').ref));
      assert.ok((churn?.errorRatePercent ?? 0) > 5, `churn-scorer error ${churn?.errorRatePercent}`);
      const healthy = summary.get(resourceKey(byName(endpoints, 'fraud-scorer').ref));
      assert.ok((healthy?.errorRatePercent ?? 99) < 1);
      assert.ok((healthy?.p99LatencyMs ?? 9999) < 300, `fraud-scorer p99 ${healthy?.p99LatencyMs}`);
      assert.ok(Math.abs((healthy?.requestsPerSecond ?? 0) - 35) < 10, `fraud-scorer rps ${healthy?.requestsPerSecond}`);
      assert.ok((summary.get(resourceKey(byName(endpoints, 'search-reranker').ref))?.p99LatencyMs ?? 0) > 1000);
      assert.equal(summary.get(resourceKey(byName(endpoints, 'sentiment-staging').ref)), undefined, 'no model deployed, no summary');
    }));

  it('plans one server-side percentile when that is all a batch needs, distributions otherwise', () => {
    const ref = { provider: 'gcp' as const, scopeId: 'gcp/p/l', kind: 'endpoint' as const, name: 'e' };
    const q = (metric: MetricName): MetricQuery => ({ id: metric, resource: ref, metric, periodSeconds: 60 });
    const target = { ids: { endpoint: ['1'], trainingJob: [] }, project: () => 'p' };
    const [p99] = groupRequests([planQuery(q('latencyP99'))], 'us-central1', target);
    assert.equal(p99.aligner, 'ALIGN_PERCENTILE_99');
    assert.match(p99.filter, /latency_type = "model"/);
    assert.match(p99.filter, /endpoint_id = one_of\("1"\)/);
    const mixed = groupRequests(['latencyP50', 'latencyP90', 'latencyP99', 'overheadLatency'].map((m) => planQuery(q(m as MetricName))), 'us-central1', target);
    assert.equal(mixed.length, 1);
    assert.equal(mixed[0].aligner, 'ALIGN_DELTA');
    assert.deepEqual(mixed[0].groupBy, ['resource.label.endpoint_id', 'metric.label.deployed_model_id', 'metric.label.latency_type']);
  });

  it('pages through long time series (points split across pages)', () =>
    withSandbox({}, async (sandbox, provider, scope) => {
      const endpoints = await listAll(provider, scope, 'endpoint');
      const served = endpoints.filter((e) => e.status === 'inService');
      sandbox.resetCounts();
      // Five endpoints x 14 days of minutes is just over the 100,000 points one page holds.
      const series = await provider.queryMetrics(scope, served.map((e) => ({ id: e.ref.name, resource: e.ref, metric: 'cpu' as const, periodSeconds: 60 })), { start: NOON - 14 * 24 * HOUR, end: NOON });
      assert.ok(sandbox.requestCounts()['Monitoring.ListTimeSeries'] >= 2, 'more than 100,000 points take several pages');
      for (const s of series) {
        assert.ok(s.values.length > 10_000, `${s.queryId}: ${s.values.length} points`);
        assert.equal(new Set(s.timestamps).size, s.timestamps.length, 'no point twice');
      }
    }));
});

describe('providers/gcp failures', function () {
  this.timeout(30000);

  it('rides out occasional throttling and unavailability with retries', () =>
    withSandbox({ faults: { throttling: 0.25, serverError: 0.1 } }, async (sandbox, provider, scope) => {
      const endpoints = await listAll(provider, scope, 'endpoint', 2);
      assert.equal(endpoints.length, 6);
      const counts = provider.callCounts();
      const sent = Object.values(sandbox.requestCounts()).reduce((a, b) => a + b, 0);
      assert.ok(counts['Vertex.ListEndpoints'] > 3, 'some calls were retried');
      assert.equal(counts['Vertex.ListEndpoints'], sent, 'the adapter counts every attempt the sandbox saw');
    }, { maxAttempts: 8 }));

  it('says what to do when throttling never stops (429 RESOURCE_EXHAUSTED)', () =>
    withSandbox({ faults: { throttling: 1 } }, async (sandbox, provider, scope) => {
      const err = await rejection(provider.listResources(scope, 'trainingJob'));
      assert.equal(err.kind, 'throttled');
      assert.match(err.message, /Vertex AI kept throttling list custom jobs in the sandbox/);
      assert.match(err.action ?? '', /refresh/i);
      assert.equal(sandbox.requestCounts()['Vertex.ListCustomJobs'], 2);
    }, { maxAttempts: 2 }));

  it('retries a garbled body once, then reports it plainly', () =>
    withSandbox({ faults: { malformed: 1 } }, async (_s, provider, scope) => {
      const err = await rejection(provider.queryMetrics(scope, [{ id: 'x', resource: { provider: 'gcp', scopeId: scope.id, kind: 'dataset', name: 'transactions-bq' }, metric: 'storageBytes', periodSeconds: 86400 }], last3h));
      assert.equal(err.kind, 'badResponse');
      assert.match(err.message, /could not be read/);
    }));

  it('times out a hanging call with the configured limit', () =>
    withSandbox({ faults: { timeout: 1 } }, async (_s, provider, scope) => {
      const started = Date.now();
      const err = await rejection(provider.listResources(scope, 'endpoint'));
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /did not answer list endpoints .* within 1 s/);
      assert.ok(Date.now() - started < 10_000, 'gave up long before the default 30 s');
    }, { requestTimeoutMs: 1000, maxAttempts: 1 }));

  it('reports an expired token as a sign-in problem with the gcloud command', () =>
    withSandbox({}, async (_s, provider, scope) => {
      const err = await rejection(provider.listResources(scope, 'endpoint'));
      assert.equal(err.kind, 'auth');
      assert.match(err.message, /rejected the credentials/);
      assert.match(err.action ?? '', /gcloud auth application-default login/);
    }, { sandbox: { url: '', accessToken: 'expired' } }));

  it('names the role to grant when permission is denied, and the project when it does not exist', async () => {
    await withSandbox({}, async (_s, provider, scope) => {
      const err = await rejection(provider.listResources(scope, 'dataset'));
      assert.equal(err.kind, 'permission');
      assert.match(err.action ?? '', /roles\/aiplatform\.viewer/);
    }, { sandbox: { url: '', accessToken: 'denied' } });
    await withSandbox({}, async (_s, provider, scope) => {
      assert.equal(scope.account, 'no-such-project');
      const err = await rejection(provider.listResources(scope, 'endpoint'));
      assert.equal(err.kind, 'permission');
      assert.match(err.message, /no-such-project/);
      assert.match(err.action ?? '', /mlMonitor\.gcp\.projects/);
    }, { projects: ['no-such-project'] });
  });

  it('asks for gcloud auth application-default login when there are no credentials', async () => {
    const saved = { ...process.env };
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-no-adc-'));
    // No ADC file, no key file, and no probe of the GCE metadata server (this machine is not one).
    Object.assign(process.env, { HOME: home, CLOUDSDK_CONFIG: path.join(home, 'gcloud'), METADATA_SERVER_DETECTION: 'none' });
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    const provider = new GcpProvider({ projects: ['acme-ml'], locations: ['europe-west4'] });
    try {
      const scope = provider.listScopes()[0];
      assert.equal(scope.id, 'gcp/acme-ml/europe-west4');
      const err = await rejection(provider.listResources(scope, 'endpoint'));
      assert.equal(err.kind, 'auth');
      assert.match(err.message, /No Google Cloud credentials found for project 'acme-ml' \(europe-west4\)/);
      assert.match(err.action ?? '', /gcloud auth application-default login/);
      assert.equal(provider.callCounts()['Vertex.ListEndpoints'], 1);
    } finally {
      provider.dispose();
      for (const key of ['HOME', 'CLOUDSDK_CONFIG', 'METADATA_SERVER_DETECTION', 'GOOGLE_APPLICATION_CREDENTIALS']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('stops when cancelled', () =>
    withSandbox({ latencyMs: 2000 }, async (_s, provider, scope) => {
      const controller = new AbortController();
      const pending = provider.listResources(scope, 'endpoint', { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      const err = await rejection(pending);
      assert.equal(err.kind, 'cancelled');
    }));
});
