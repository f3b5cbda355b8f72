// The Azure adapter with the real @azure/arm-machinelearning and @azure/monitor-query-metrics
// clients against the sandbox clouds over HTTPS (the sandbox's own certificate as CA).
import * as assert from 'node:assert/strict';
import { buildRedQueries, redWindow, summarizeRed } from '../../../src/core/metrics/red';
import { resourceKey, type MetricQuery, type Resource, type ScopeRef } from '../../../src/core/model';
import { AzureProvider, type AzureProviderConfig } from '../../../src/providers/azure/azureProvider';
import { minimumCalls } from '../../../src/providers/azure/metricPlan';
import { DEFAULT_SUBSCRIPTION_ID, defaultAzureScenario } from '../../../src/sandbox/azure/defaultScenario';
import { EXPIRED_TOKEN } from '../../../src/sandbox/azure/protocol';
import type { AzureScenario } from '../../../src/sandbox/azure/specTypes';
import { defaultScenario } from '../../../src/sandbox/scenarios/default';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox/server';
import { byName, listAll, rejection } from './helpers';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const SUB = DEFAULT_SUBSCRIPTION_ID;
const PROD = `azure/${SUB}/rg-ml-prod/mlw-contoso-prod`;

interface Ctx {
  sandbox: RunningSandbox;
  provider: AzureProvider;
  scope(id?: string): ScopeRef;
}

async function withAzure<T>(fn: (c: Ctx) => Promise<T>, o: { sandbox?: SandboxOptions; azure?: Partial<AzureScenario>; provider?: Partial<AzureProviderConfig>; token?: string } = {}): Promise<T> {
  const scenario = { ...defaultScenario, azure: { ...defaultAzureScenario, ...o.azure } };
  const sandbox = await startSandbox({ port: 0, now: () => NOW, scenario, ...o.sandbox });
  const provider = new AzureProvider({ subscriptions: [SUB], sandbox: { url: sandbox.httpsUrl, ca: sandbox.ca, token: o.token }, maxRetries: 5, ...o.provider });
  try {
    await provider.discover();
    const scope = (id = PROD) => {
      const s = provider.listScopes().find((x) => x.id === id);
      assert.ok(s, `${id} not in ${provider.listScopes().map((x) => x.id).join(', ')}`);
      return s;
    };
    return await fn({ sandbox, provider, scope });
  } finally {
    provider.dispose();
    await sandbox.close();
  }
}

const last = (values: number[]) => values[values.length - 1];
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('providers/azure against the sandbox', function () {
  this.timeout(30000);

  it('discovers one scope per workspace, named and placed by region', () =>
    withAzure(async ({ provider }) => {
      assert.deepEqual(
        provider.listScopes().map((s) => [s.id, s.region, s.account, s.sandbox]),
        [
          [`azure/${SUB}/rg-ml-eu/mlw-contoso-eu`, 'westeurope', SUB, true],
          [PROD, 'eastus', SUB, true],
        ],
      );
      assert.match(provider.listScopes()[1].label, /^mlw-contoso-prod \(Contoso production ML\) · eastus$/);
    }));

  it('shows only the workspaces named in settings', () =>
    withAzure(async ({ provider }) => assert.deepEqual(provider.listScopes().map((s) => s.id), [PROD]), { provider: { workspaces: ['rg-ml-prod/mlw-contoso-prod'] } }));

  it('lists online endpoints with their deployments, SKU capacity, traffic and autoscale', () =>
    withAzure(async ({ provider, scope }) => {
      const endpoints = await listAll(provider, scope(), 'endpoint');
      const credit = byName(endpoints, 'credit-scoring');
      assert.deepEqual(credit.variants?.map((v) => [v.name, v.instanceType, v.instanceCount]), [
        ['blue', 'Standard_DS3_v2', 2],
        ['green', 'Standard_DS3_v2', 1],
      ]);
      assert.equal(credit.details?.Traffic, 'blue 90 % · green 10 %');
      assert.equal(credit.status, 'inService');
      assert.match(credit.nativeId, /\/workspaces\/mlw-contoso-prod\/onlineEndpoints\/credit-scoring$/);
      assert.equal(credit.consoleUrl, undefined, 'sandbox resources have no console link');
      assert.match(byName(endpoints, 'product-recs').details?.Autoscale ?? '', /blue: 2-6 instances at 70 % target/);
      assert.deepEqual(byName(endpoints, 'product-recs').variants?.[0].autoscaling, { mode: 'autoscaled', minCapacity: 2, maxCapacity: 6, metric: 'CPU utilization %', targetValue: 70 });
      assert.deepEqual(byName(endpoints, 'doc-ocr').variants?.[0].autoscaling, { mode: 'fixed' }, 'Default scale settings');
      const creating = byName(endpoints, 'fraud-shadow');
      assert.equal(creating.status, 'creating');
      assert.match(creating.statusReason ?? '', /blue is Creating/);
    }));

  it('follows absolute nextLinks back to the sandbox without losing or repeating endpoints', () =>
    withAzure(
      async ({ provider, scope }) => {
        const before = provider.callCounts()['MachineLearning.OnlineEndpoints.List'] ?? 0;
        const first = await provider.listResources(scope(), 'endpoint', { pageSize: 25 });
        assert.equal(first.items.length, 25, 'a page ends inside a server page of 20');
        assert.ok(first.nextToken);
        const all = await listAll(provider, scope(), 'endpoint', 25);
        assert.equal(all.length, 63);
        assert.equal(new Set(all.map((e) => e.ref.name)).size, all.length);
        // 63 endpoints in server pages of 20: four pages, and page 25 ends inside the second.
        assert.ok((provider.callCounts()['MachineLearning.OnlineEndpoints.List'] ?? 0) - before >= 4);
      },
      { azure: { fleetSize: 57 } },
    ));

  it('lists jobs with status, compute size, nodes, timeline and the failure', () =>
    withAzure(async ({ provider, scope }) => {
      const jobs = await listAll(provider, scope(), 'trainingJob');
      const running = byName(jobs, 'llm-finetune-claims');
      assert.equal(running.status, 'running');
      assert.deepEqual(running.variants, [{ name: 'gpu-cluster', instanceType: 'Standard_NC24ads_A100_v4', instanceCount: 2 }]);
      assert.deepEqual(running.hosts, ['llm-finetune-claims/node-0', 'llm-finetune-claims/node-1']);
      assert.match(running.details?.Duration ?? '', /min/, 'a running job shows how long it has run');
      const failed = byName(jobs, 'vision-resnet-train');
      assert.equal(failed.status, 'failed');
      assert.match(failed.statusReason ?? '', /^UserError: torch\.cuda\.OutOfMemoryError/);
      assert.deepEqual(failed.timeline?.map((t) => t.status), ['Queued', 'Running', 'Failed']);
      assert.equal(failed.modifiedAt, NOW - 20 * 3600_000 + 130 * 60_000, 'ends when the job ended');
      assert.equal(byName(jobs, 'claims-batch-score').status, 'stopped');
      assert.equal(byName(jobs, 'credit-xgb-train-0412').status, 'completed');
    }));

  it('lists data assets at their blob location and the datastores', () =>
    withAzure(async ({ provider, scope }) => {
      const datasets = await listAll(provider, scope(), 'dataset');
      const credit = byName(datasets, 'credit-applications');
      assert.equal(credit.location, 'https://contosomldata.blob.core.windows.net/datasets/credit/applications/');
      assert.equal(credit.details?.['Latest version'], '3');
      assert.equal(credit.datasetType, 'dataAsset');
      assert.equal(byName(datasets, 'datastore:training_data').location, 'https://contosomldata.blob.core.windows.net/datasets/');
      assert.equal(datasets.filter((d) => d.datasetType === 'datastore').length, 2);
    }));

  it('summarises RED per endpoint from RequestsPerMinute split by status class and the latency percentiles', () =>
    withAzure(async ({ provider, scope }) => {
      const endpoints = await listAll(provider, scope(), 'endpoint');
      const queries = buildRedQueries(endpoints);
      const red = summarizeRed(queries, await provider.queryMetrics(scope(), queries, redWindow(NOW)));
      const of = (name: string) => red.get(resourceKey(byName(endpoints, name).ref));
      assert.ok(of('claims-triage')!.errorRatePercent! > 5, 'the 5xx spike');
      assert.ok(of('credit-scoring')!.errorRatePercent! < 1);
      assert.ok(Math.abs(of('credit-scoring')!.requestsPerSecond! - 40) < 8, `credit-scoring ${of('credit-scoring')!.requestsPerSecond} req/s`);
      assert.ok(of('doc-ocr')!.p99LatencyMs! > 300, 'a saturated CPU is slow');
      assert.ok(of('vision-gpu')!.requestsPerSecond! < 0.5, 'idle');
      assert.equal(of('fraud-shadow'), undefined, 'a creating endpoint is not asked');
      // A window that does not start on a 5-minute boundary still reads whole periods.
      const shifted = summarizeRed(queries, await provider.queryMetrics(scope(), queries, redWindow(NOW - 120_000)));
      const rate = shifted.get(resourceKey(byName(endpoints, 'credit-scoring').ref))!.requestsPerSecond!;
      assert.ok(Math.abs(rate - 40) < 8, `credit-scoring over an unaligned window: ${rate} req/s`);
    }));

  it('reads every metric in neutral units: per deployment, per instance, per node, per storage account', () =>
    withAzure(async ({ provider, scope }) => {
      const s = scope();
      const ref = (kind: Resource['ref']['kind'], name: string) => ({ provider: 'azure' as const, scopeId: s.id, kind, name });
      await listAll(provider, s, 'dataset');
      const q = (id: string, kind: Resource['ref']['kind'], name: string, metric: MetricQuery['metric'], extra: Partial<MetricQuery> = {}): MetricQuery => ({ id, resource: ref(kind, name), metric, periodSeconds: 3600, ...extra });
      const queries: MetricQuery[] = [
        q('memLeak', 'endpoint', 'product-recs', 'memory', { variant: 'blue' }),
        q('cpuHot', 'endpoint', 'doc-ocr', 'cpu', { variant: 'default' }),
        q('cpuInstance', 'endpoint', 'doc-ocr', 'cpu', { variant: 'default', host: 'no-such-instance' }),
        q('gpuIdle', 'endpoint', 'vision-gpu', 'gpu', { variant: 'blue' }),
        q('gpuMem', 'endpoint', 'vision-gpu', 'gpuMemory', { variant: 'blue' }),
        q('disk', 'endpoint', 'credit-scoring', 'disk', { variant: 'blue' }),
        q('p50', 'endpoint', 'credit-scoring', 'latencyP50', { variant: 'blue' }),
        q('p90', 'endpoint', 'credit-scoring', 'latencyP90', { variant: 'blue' }),
        q('p99', 'endpoint', 'credit-scoring', 'latencyP99', { variant: 'blue' }),
        q('rps', 'endpoint', 'credit-scoring', 'requestsPerSecond', { variant: 'green' }),
        q('calls', 'endpoint', 'credit-scoring', 'invocations'),
        q('e4', 'endpoint', 'claims-triage', 'errors4xxRate', { variant: 'blue' }),
        q('e5', 'endpoint', 'claims-triage', 'errors5xxRate', { variant: 'blue', periodSeconds: 300 }),
        q('overhead', 'endpoint', 'credit-scoring', 'overheadLatency', { variant: 'blue' }),
        q('node0gpu', 'trainingJob', 'llm-finetune-claims', 'gpu', { host: 'llm-finetune-claims/node-0', periodSeconds: 1800 }),
        q('node1cpu', 'trainingJob', 'llm-finetune-claims', 'cpu', { host: 'llm-finetune-claims/node-1', periodSeconds: 1800 }),
        q('jobMem', 'trainingJob', 'vision-resnet-train', 'memory', { host: 'vision-resnet-train/node-0', periodSeconds: 600 }),
        q('otherRunMem', 'trainingJob', 'credit-xgb-train-0412', 'memory', { host: 'credit-xgb-train-0412/node-0', periodSeconds: 600 }),
        q('jobDisk', 'trainingJob', 'vision-resnet-train', 'disk', { host: 'vision-resnet-train/node-0' }),
        q('bytes', 'dataset', 'credit-applications', 'storageBytes', { host: 'https://contosomldata.blob.core.windows.net/', periodSeconds: 86400 }),
        q('objects', 'dataset', 'credit-applications', 'objectCount', { host: 'https://contosomldata.blob.core.windows.net/', periodSeconds: 86400 }),
      ];
      const series = await provider.queryMetrics(s, queries, { start: NOW - 2 * 86400_000, end: NOW });
      const get = (id: string) => series.find((x) => x.queryId === id)!;
      assert.ok(last(get('memLeak').values) > 85 && get('memLeak').values[0] < last(get('memLeak').values), 'memory climbs');
      assert.equal(get('memLeak').unit, 'percent');
      assert.ok(mean(get('cpuHot').values) > 88, `saturated CPU ${mean(get('cpuHot').values)}`);
      assert.equal(get('cpuInstance').values.length, 0, 'an unknown instance has no series');
      assert.ok(mean(get('gpuIdle').values) < 5);
      assert.ok(get('gpuMem').values.length > 0);
      assert.ok(get('disk').values.length > 0);
      const [p50, p90, p99] = ['p50', 'p90', 'p99'].map((id) => mean(get(id).values));
      assert.ok(p50 < p90 && p90 < p99 && Math.abs(p99 - 140) < 20, `latency ${p50} < ${p90} < ${p99}`);
      assert.equal(get('p99').unit, 'ms');
      assert.ok(Math.abs(mean(get('rps').values) - 4) < 1.5, 'green serves about 4 req/s');
      assert.ok(mean(get('calls').values) > 100_000, 'requests per hour across deployments');
      assert.ok(mean(get('e4').values) < 1);
      assert.ok(last(get('e5').values) > 5 && get('e5').values[0] < 1, 'the 5xx spike of the last hour');
      assert.equal(get('overhead').values.length, 0);
      assert.match(get('overhead').message ?? '', /no overhead latency/);
      assert.ok(mean(get('node0gpu').values) < 25, 'GPUs wait on the data loader');
      assert.ok(mean(get('node1cpu').values) > 90);
      assert.ok(last(get('jobMem').values) > 90, 'memory ramps to the OOM');
      assert.ok(Math.max(...get('otherRunMem').values) < 70, 'runs sharing a call keep their own series');
      assert.ok(get('otherRunMem').timestamps[0] < get('jobMem').timestamps[0]);
      assert.match(get('jobDisk').message ?? '', /no disk/);
      assert.ok(get('bytes').values.length >= 2 && last(get('bytes').values) > 2.5e12, `storage ${last(get('bytes').values)}`);
      assert.equal(get('bytes').unit, 'bytes');
      assert.ok(last(get('objects').values) > 3_000_000);
    }));

  it('makes the fewest metrics:getBatch calls per subscription, region and type, and shares them across workspaces', () =>
    withAzure(
      async ({ provider, scope }) => {
        const scopes = [scope(), scope(`azure/${SUB}/rg-ml-eu/mlw-contoso-eu`), scope(`azure/${SUB}/rg-ml-prod/mlw-contoso-batch`)];
        const lists = await Promise.all(scopes.map((s) => listAll(provider, s, 'endpoint', 1000)));
        const queries = lists.map(buildRedQueries);
        const plans = scopes.flatMap((s, i) => provider.plan(s, queries[i], redWindow(NOW)));
        const regionOf = (id: string) => (id.includes('/rg-ml-eu/') ? 'westeurope' : 'eastus');
        const before = provider.callCounts()['Metrics.GetBatch'] ?? 0;
        const window = redWindow(NOW);
        await Promise.all(scopes.map((s, i) => provider.queryMetrics(s, queries[i], window)));
        const calls = (provider.callCounts()['Metrics.GetBatch'] ?? 0) - before;
        const minimum = minimumCalls(plans, regionOf);
        // eastus: 61 + 3 endpoints in two workspaces = 64 → 2 calls per group (requests, latency); westeurope: 1 each.
        assert.equal(minimum, 6);
        assert.equal(calls, minimum);
      },
      {
        azure: {
          fleetSize: 56,
          subscriptions: [
            {
              ...defaultAzureScenario.subscriptions[0],
              resourceGroups: [
                {
                  ...defaultAzureScenario.subscriptions[0].resourceGroups[0],
                  workspaces: [
                    ...defaultAzureScenario.subscriptions[0].resourceGroups[0].workspaces!,
                    {
                      name: 'mlw-contoso-batch',
                      onlineEndpoints: ['a', 'b', 'c'].map((n) => ({ name: `batch-${n}`, deployments: [{ name: 'blue', instanceType: 'Standard_DS2_v2' }] })),
                    },
                  ],
                },
                defaultAzureScenario.subscriptions[0].resourceGroups[1],
              ],
            },
          ],
        },
      },
    ));

  it('reads the workspace metrics whose names have spaces, one getBatch per subscription and region', () =>
    withAzure(async ({ provider, scope }) => {
      const window = { start: NOW - 24 * 3600_000, end: NOW };
      const before = provider.callCounts()['Metrics.GetBatch'] ?? 0;
      const [prod, eu] = await Promise.all([provider.scopeFigures(scope(), window), provider.scopeFigures(scope(`azure/${SUB}/rg-ml-eu/mlw-contoso-eu`), window)]);
      assert.equal((provider.callCounts()['Metrics.GetBatch'] ?? 0) - before, 2, 'eastus and westeurope; counters and gauges share a call');
      // vision-resnet-train failed 17 h 50 min ago; credit-xgb-train completed two days ago, outside the window.
      assert.equal(prod.failedRuns, 1);
      assert.equal(prod.completedRuns, 0);
      assert.equal(prod.modelDeployFailed, 0);
      // The running fine-tune: 2 nodes × 24 vCPU of the 52-core quota.
      assert.ok(Math.abs(prod.quotaPercent! - (100 * 48) / 52) < 0.5, String(prod.quotaPercent));
      assert.ok(prod.quotaPeakPercent! >= prod.quotaPercent!);
      assert.equal(prod.unusableNodes, 1);
      assert.deepEqual([eu.failedRuns, eu.completedRuns, eu.quotaPercent, eu.unusableNodes], [0, 0, 0, 0]);
      assert.deepEqual(prod.window, window);
      // Buckets are 15 minutes: a window starting between them reaches back to the bucket's start, no further.
      const late = await provider.scopeFigures(scope(), { start: window.start + 50 * 60_000, end: window.end + 50 * 60_000 });
      assert.deepEqual(late.window, { start: window.start + 45 * 60_000, end: window.end + 50 * 60_000 });
    }));

  it('reuses deployments while an endpoint shows no change; a traffic move, a changing state or the cache time lists them again', async () => {
    let clock = NOW;
    const azure: Partial<AzureScenario> = {
      subscriptions: [
        {
          id: SUB,
          displayName: 'cache test',
          resourceGroups: [
            {
              name: 'rg-cache',
              location: 'eastus',
              workspaces: [
                {
                  name: 'mlw-cache',
                  onlineEndpoints: [
                    {
                      name: 'ranker',
                      deployments: [
                        { name: 'blue', instanceType: 'Standard_DS3_v2', traffic: 100, update: { at: '+1h', traffic: 70 } },
                        { name: 'green', instanceType: 'Standard_DS3_v2', traffic: 0, update: { at: '+1h', traffic: 30 } },
                      ],
                    },
                    { name: 'scorer', deployments: [{ name: 'blue', instanceType: 'Standard_DS3_v2', instanceCount: 2, update: { at: '+1h', instanceCount: 4 } }] },
                    { name: 'rolling', deployments: [{ name: 'blue', instanceType: 'Standard_DS3_v2', provisioningState: 'Updating' }] },
                    { name: 'still', deployments: [{ name: 'blue', instanceType: 'Standard_DS3_v2' }] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const refresh = async (provider: AzureProvider, scope: ScopeRef) => {
      const before = provider.callCounts()['MachineLearning.OnlineDeployments.List'] ?? 0;
      const endpoints = await listAll(provider, scope, 'endpoint', 1000);
      return { endpoints, deploymentCalls: (provider.callCounts()['MachineLearning.OnlineDeployments.List'] ?? 0) - before };
    };
    const id = `azure/${SUB}/rg-cache/mlw-cache`;
    await withAzure(
      async ({ provider, scope }) => {
        assert.equal((await refresh(provider, scope(id))).deploymentCalls, 4, 'cold: every endpoint');
        assert.equal((await refresh(provider, scope(id))).deploymentCalls, 1, 'warm: only the deployment still Updating');
        clock = NOW + 2 * 3600_000;
        const after = await refresh(provider, scope(id));
        assert.equal(after.deploymentCalls, 2, 'the endpoint whose traffic moved, and the Updating one');
        assert.equal(byName(after.endpoints, 'ranker').details?.['Traffic'], 'blue 70 % · green 30 %');
        // Scaling changes the deployment, not its endpoint: it shows once the cache time has passed, or on Refresh.
        assert.equal(byName(after.endpoints, 'scorer').variants?.[0].instanceCount, 2);
        provider.forget(scope(id), 'trainingJob');
        assert.equal((await refresh(provider, scope(id))).deploymentCalls, 1, 'forgetting jobs keeps the deployments');
        provider.forget(scope(id), 'endpoint');
        const fresh = await refresh(provider, scope(id));
        assert.equal(fresh.deploymentCalls, 4);
        assert.equal(byName(fresh.endpoints, 'scorer').variants?.[0].instanceCount, 4);
      },
      { azure, sandbox: { now: () => clock } },
    );
    clock = NOW;
    await withAzure(
      async ({ provider, scope }) => {
        await refresh(provider, scope(id));
        clock = NOW + 2 * 3600_000;
        const after = await refresh(provider, scope(id));
        assert.equal(after.deploymentCalls, 4);
        assert.equal(byName(after.endpoints, 'scorer').variants?.[0].instanceCount, 4);
      },
      { azure, sandbox: { now: () => clock }, provider: { deploymentCacheSeconds: 0 } },
    );
  });

  it('waits out 429 throttling as Retry-After says and still answers', () =>
    withAzure(
      async ({ sandbox, provider, scope }) => {
        const started = Date.now();
        const endpoints = await listAll(provider, scope(), 'endpoint');
        const queries = buildRedQueries(endpoints);
        const series = await provider.queryMetrics(scope(), queries, redWindow(NOW));
        assert.equal(series.length, queries.length);
        const answered = Object.values(provider.callCounts()).reduce((a, b) => a + b, 0);
        const served = Object.entries(sandbox.requestCounts()).filter(([op]) => op.startsWith('Azure.')).reduce((a, [, b]) => a + b, 0);
        assert.equal(answered, served, 'every attempt is counted');
        assert.ok(served > 10, `throttled requests were retried (${served} requests)`);
        assert.ok(Date.now() - started >= 1000, 'Retry-After: 1 was honoured');
      },
      { sandbox: { faults: { throttling: 0.3 } } },
    ));

  it('says plainly when the sign-in expired, the tenant is wrong or a role is missing', async () => {
    const expired = await withAzure(async ({ provider }) => {
      const scopes = provider.listScopes();
      assert.deepEqual(scopes.map((x) => x.id), [`azure/${SUB}`], 'a subscription that cannot be listed is one scope carrying the error');
      return rejection(provider.listResources(scopes[0], 'endpoint'));
    }, { token: EXPIRED_TOKEN });
    assert.equal(expired.kind, 'auth');
    assert.match(expired.message, /sign-in for the sandbox subscription .* has expired/);
    assert.match(expired.action ?? '', /Sign in again/);

    const otherTenant = '11111111-2222-4333-8444-555555555555';
    const tenant = await withAzure(async ({ provider }) => rejection(provider.listResources(provider.listScopes()[0], 'dataset')), { token: `sandbox-token@${otherTenant}` });
    assert.equal(tenant.kind, 'auth');
    assert.match(tenant.message, /belongs to tenant 72f988bf-0000-4000-8000-00000000aaaa/);
    assert.match(tenant.action ?? '', /az login --tenant 72f988bf/);

    const sub = defaultAzureScenario.subscriptions[0];
    const noMetrics = await withAzure(
      async ({ provider, scope }) => {
        const endpoints = await listAll(provider, scope(), 'endpoint');
        return rejection(provider.queryMetrics(scope(), buildRedQueries(endpoints), redWindow(NOW)));
      },
      { azure: { subscriptions: [{ ...sub, access: 'noMetrics' }] } },
    );
    assert.equal(noMetrics.kind, 'permission');
    assert.match(noMetrics.message, /needs Monitoring Reader on the subscription/);

    const none = await withAzure(async ({ provider }) => rejection(provider.listResources(provider.listScopes()[0], 'endpoint')), { azure: { subscriptions: [{ ...sub, access: 'none' }] } });
    assert.equal(none.kind, 'permission');
    assert.match(none.message, /needs Reader/);

    const missing = await withAzure(async ({ provider }) => rejection(provider.listResources(provider.listScopes()[0], 'endpoint')), { provider: { subscriptions: ['99999999-0000-4000-8000-000000000000'] } });
    assert.equal(missing.kind, 'notFound');
    assert.match(missing.action ?? '', /mlMonitor\.azure\.subscriptions/);
  });
});
