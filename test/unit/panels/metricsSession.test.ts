// The resource panel's data against the sandbox clouds through the real AWS SDKs: the figures the
// panel shows must be the scenario's stories.
import * as assert from 'node:assert/strict';
import { defaultPanelThresholds } from '../../../src/core/metrics/panelQueries';
import type { RangeSpec } from '../../../src/core/metrics/periods';
import type { Resource, ScopeRef } from '../../../src/core/model';
import type { Card } from '../../../src/protocol/metricsMessages';
import { AwsProvider } from '../../../src/providers/aws/awsProvider';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server';
import { endpointStories, trainingStories } from '../../../src/sandbox/stories';
import { MetricsSession, type ChartUpdate } from '../../../src/vscode/panels/metricsSession';

const MIN = 60_000;

describe('panels/metricsSession against the sandbox', function () {
  this.timeout(60_000);
  let clock = Math.floor(Date.now() / MIN) * MIN;
  let sandbox: RunningSandbox;
  let provider: AwsProvider;
  let scope: ScopeRef;
  const resources = new Map<string, Resource>();

  before(async () => {
    sandbox = await startSandbox({ port: 0, now: () => clock });
    provider = new AwsProvider({ profiles: [], regions: ['us-east-1'], sandbox: { url: sandbox.url } });
    scope = provider.listScopes()[0];
    for (const kind of ['endpoint', 'trainingJob', 'dataset'] as const) {
      for (const r of (await provider.listResources(scope, kind, { pageSize: 100 })).items) resources.set(r.ref.name, r);
    }
  });

  after(async () => {
    provider.dispose();
    await sandbox.close();
  });

  async function open(name: string, range: RangeSpec): Promise<{ session: MetricsSession; updates: ChartUpdate[]; cards: Card[] }> {
    const resource = resources.get(name);
    assert.ok(resource, `${name} is listed`);
    const session = new MetricsSession(provider, scope, resource, range, defaultPanelThresholds, clock);
    const updates: ChartUpdate[] = [];
    await session.load((u) => updates.push(u), (id, err) => assert.fail(`${id}: ${String(err)}`));
    return { session, updates, cards: session.cards() };
  }

  it("shows search-ranker's p99 over the 1000 ms line since the regression six hours ago", async () => {
    const regressed = endpointStories.latencyRegression.latencyP99Ms!.steps![0].value;
    for (const [preset, share] of [['1d', 6 / 24], ['12h', 6 / 12]] as const) {
      const { session, cards } = await open('search-ranker', { preset });
      const latency = session.chart('latency')!;
      const p99 = latency.stats.find((s) => s.id === 'p99')!;
      assert.ok(Math.abs(p99.current! - regressed) < 100, `p99 now ${p99.current} ≈ ${regressed}`);
      assert.ok(Math.abs(p99.overShare! - share) < 0.02, `${preset}: ${p99.overShare} of the time over 1000 ms, expected ≈ ${share}`);
      assert.ok(latency.breaches.length >= 1);
      const card = cards.find((c) => c.id === 'latency')!;
      assert.equal(card.title, 'p99 latency');
      assert.equal(card.threshold, 1000);
      assert.equal(card.health, 'warning');
    }
  });

  it("shows recommender-prod's memory climbing from about 45 % to about 92 % over three days", async () => {
    const { session, cards } = await open('recommender-prod', { preset: '7d' });
    const leak = endpointStories.memoryLeak.memory!;
    const memory = session.chart('memory')!.series[0].values;
    const first = memory.find((v) => v !== null)!;
    const now = cards.find((c) => c.id === 'memory')!.current!;
    assert.ok(Math.abs(first - leak.base!) < 3, `a week ago ${first}`);
    assert.ok(Math.abs(now - (leak.base! + 3 * leak.trend!.perDay)) < 3, `now ${now}`);
    assert.equal(cards.find((c) => c.id === 'memory')!.health, 'warning');
  });

  it('fetches 12 series for a GPU endpoint: a week is 10,080 one-minute points each', async () => {
    const { session, updates } = await open('image-classifier-gpu', { preset: '7d' });
    assert.equal(session.layout.periodSeconds, 60);
    const series = session.layout.charts.flatMap((c) => c.series);
    assert.equal(series.length, 12);
    assert.deepEqual(session.layout.charts.map((c) => c.id), ['latency', 'requests', 'errors', 'cpu', 'memory', 'gpu', 'gpuMemory', 'disk']);
    assert.equal(updates.length, 8);
    const gpu = session.chart('gpu')!.stats[0];
    assert.ok(gpu.points >= 10_079 && gpu.points <= 10_080, `${gpu.points} points`);
    assert.ok(gpu.mean! < 15, `over-provisioned GPU mean ${gpu.mean} % (normalised per GPU)`);
    const overhead = session.chart('latency')!.stats.find((s) => s.id === 'overhead')!;
    assert.ok(overhead.mean! > 2 && overhead.mean! < 8, `overhead latency ${overhead.mean} ms`);
  });

  it('live refresh asks only for the newest slots and keeps the window the same size', async () => {
    const { session } = await open('fraud-detector-prod', { preset: '1h' });
    const before = session.chart('requests')!.series[0].values.length;
    sandbox.resetCounts();
    clock += 5 * MIN;
    const update = await session.refresh(clock);
    assert.ok(update);
    assert.equal(sandbox.requestCounts()['CloudWatch.GetMetricData'], 1, 'one batch for all charts');
    const appended = update.charts.find((c) => c.id === 'requests')!;
    assert.ok(appended.series[0].values.length <= 7, `${appended.series[0].values.length} slots sent`);
    assert.equal(session.chart('requests')!.series[0].values.length, before);
    assert.equal(update.window.end, clock);
  });

  it('charts a multi-node training job per host, with its phases', async () => {
    const job = resources.get('resnet50-train-2026-11-30')!;
    assert.ok(job.timeline && job.timeline.length >= 2, 'phases listed');
    assert.equal(job.timeline.at(-1)!.status, 'Training');
    const { session } = await open(job.ref.name, { preset: '12h' });
    const cpu = session.chart('cpu')!;
    assert.deepEqual(cpu.series.map((s) => s.id), ['algo-1', 'algo-2']);
    const expected = trainingStories.dataLoaderBottleneck.cpu!.base!;
    for (const s of cpu.stats) assert.ok(Math.abs(s.current! - expected) < 5, `${s.id} CPU ${s.current}`);
    assert.equal(session.layout.charts.find((c) => c.id === 'gpu')!.threshold, undefined);
  });

  it('charts bucket storage and object count for datasets, and says why when there is none', async () => {
    const s3 = [...resources.values()].find((r) => r.ref.kind === 'dataset' && r.ref.name.startsWith('s3://acme-ml-datasets/'))!;
    const { session, cards } = await open(s3.ref.name, { preset: '7d' });
    assert.equal(session.layout.periodSeconds, 86400);
    const storage = cards.find((c) => c.id === 'storage')!;
    assert.ok(storage.change! > 0, 'the bucket grows');
    assert.ok(session.chart('objects')!.stats[0].points >= 6);
    const fg = await open('session-features', { preset: '7d' });
    assert.equal(fg.session.layout.charts.length, 0);
    assert.match(fg.session.layout.note ?? '', /no storage location/);
  });

  it('exports the loaded data as CSV', async () => {
    const { session } = await open('churn-predictor', { preset: '1h' });
    const lines = session.csv().trim().split('\r\n');
    assert.match(lines[0], /^time \(UTC\),Latency: p50 \(ms\)/);
    assert.ok(lines.length >= 58, `${lines.length} lines`);
  });
});
