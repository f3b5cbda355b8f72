// Metric panels in the real extension host: real webview panels (the page runs in the workbench's
// browser), messages both ways, against the sandbox clouds. Panels are built by a PanelManager of
// the test's own; their webview is wrapped to record what the host sends and what the page
// answers, and to inject messages as a (possibly hostile) page would.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { defaultPanelThresholds } from '../../src/core/metrics/panelQueries';
import type { FleetHostMessage, FleetRow } from '../../src/protocol/fleetMessages';
import type { MetricsHostMessage } from '../../src/protocol/metricsMessages';
import { awsRegions, startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { defaultScenario } from '../../src/sandbox/scenarios/default';
import { endpointStories } from '../../src/sandbox/stories';
import { Connections } from '../../src/vscode/platform/connections';
import { readSettings } from '../../src/vscode/platform/settings';
import { FLEET_VIEW_TYPE } from '../../src/vscode/panels/fleetPanel';
import { METRICS_VIEW_TYPE } from '../../src/vscode/panels/metricsPanel';
import { PanelManager } from '../../src/vscode/panels/panelManager';
import { panelOptions } from '../../src/vscode/panels/webviewHtml';

const MIN = 60_000;
const log = vscode.window.createOutputChannel('ML Monitor panel tests', { log: true });
const extensionUri = vscode.extensions.getExtension('mlmonitor.ml-platform-monitor')!.extensionUri;
const ref = (name: string) => ({ provider: 'aws' as const, scopeId: 'aws/sandbox/us-east-1', kind: 'endpoint' as const, name });

interface Tapped {
  panel: vscode.WebviewPanel;
  sent: unknown[];
  received: unknown[];
  inject(message: unknown): void;
}

/** Binds methods to the real object: the API objects keep private state a proxy cannot reach. */
function forward<T extends object>(target: T, overrides: Record<string | symbol, unknown>): T {
  return new Proxy(target, {
    get: (t, p) => (p in overrides ? overrides[p] : typeof Reflect.get(t, p, t) === 'function' ? (Reflect.get(t, p, t) as (...a: unknown[]) => unknown).bind(t) : Reflect.get(t, p, t)),
    set: (t, p, v) => Reflect.set(t, p, v, t),
  });
}

function tap(viewType: string): Tapped {
  // Created as VS Code restores a panel: with the options the panel will keep. Beside the others
  // and kept open until the suite ends: in code-server a webview created just after another one's
  // page was torn down may wait forever for its service worker (the workbench's race, not ours).
  const real = vscode.window.createWebviewPanel(viewType, 'test', vscode.ViewColumn.Beside, panelOptions(extensionUri));
  const sent: unknown[] = [];
  const received: unknown[] = [];
  const injected = new vscode.EventEmitter<unknown>();
  const webview = forward(real.webview, {
    postMessage: (m: unknown) => {
      sent.push(m);
      return real.webview.postMessage(m);
    },
    onDidReceiveMessage: (listener: (m: unknown) => unknown) =>
      vscode.Disposable.from(
        real.webview.onDidReceiveMessage((m: unknown) => {
          received.push(m);
          listener(m);
        }),
        injected.event(listener),
      ),
  });
  return { panel: forward(real, { webview }), sent, received, inject: (m) => injected.fire(m) };
}

async function eventually<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000, seen?: Tapped): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const types = (list: unknown[]) => list.map((m) => (m as { type: string }).type).join(', ');
      throw new Error(`Timed out waiting for ${what}${seen ? ` (sent: ${types(seen.sent)}; received: ${types(seen.received)}; visible: ${seen.panel.visible}; html: ${seen.panel.webview.html.length})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ofType = <T extends { type: string }, K extends T['type']>(list: unknown[], type: K) => list.filter((m): m is Extract<T, { type: K }> => (m as T).type === type);

describe('Metric panels in the extension host', function () {
  this.timeout(90_000);
  let clock = Math.floor(Date.now() / MIN) * MIN;
  let sandbox: RunningSandbox;
  let connections: Connections;
  let manager: PanelManager;
  const saved: Array<{ name: string; data: Uint8Array }> = [];

  before(async () => {
    sandbox = await startSandbox({ port: 0, now: () => clock });
    connections = new Connections({ ...readSettings(), awsProfiles: [], problems: [] });
    const subscriptions = (defaultScenario.azure?.subscriptions ?? []).map((sub) => sub.id);
    connections.setSandboxAzure({ url: sandbox.httpsUrl, ca: sandbox.ca, subscriptions });
    connections.setSandbox(sandbox.url, awsRegions(defaultScenario));
    manager = new PanelManager({
      extensionUri,
      connections,
      log,
      settings: () => ({ thresholds: defaultPanelThresholds, defaultRange: '1d', refreshIntervalSeconds: 0 }),
      now: () => clock,
      saver: { save: async (name, _filters, data) => (saved.push({ name, data }), vscode.Uri.file(`/tmp/${name}`)) },
    });
  });

  after(async () => {
    manager.dispose();
    connections.dispose();
    await sandbox.close();
  });

  it('loads the page under its CSP, paints the charts, and the figures are the scenario', async () => {
    const t = tap(METRICS_VIEW_TYPE);
    manager.restoreMetrics(t.panel, { v: 1, ref: ref('search-ranker'), range: { preset: '1d' } });
    // The page itself reports the painted chart: the bundle loaded and ran under the policy.
    const painted = await eventually(() => ofType<{ type: string }, 'painted'>(t.received, 'painted')[0], 'the page to paint a chart');
    assert.ok(painted);
    const init = ofType<MetricsHostMessage, 'init'>(t.sent, 'init')[0];
    assert.equal(init.resource.title, 'search-ranker');
    assert.match(t.panel.webview.html, /script-src 'nonce-[^']+'/);
    assert.doesNotMatch(t.panel.webview.html, /unsafe-inline|unsafe-eval/);
    const loading = ofType<MetricsHostMessage, 'loading'>(t.sent, 'loading')[0];
    assert.deepEqual(loading.charts.map((c) => c.id), ['latency', 'requests', 'errors', 'cpu', 'memory', 'disk']);
    // Every chart once per load; a page that missed the early messages has had them all again (resync).
    const charts = await eventually(() => {
      const last = t.sent.lastIndexOf(ofType<MetricsHostMessage, 'loading'>(t.sent, 'loading').pop());
      const c = ofType<MetricsHostMessage, 'chart'>(t.sent.slice(last), 'chart');
      return c.length === loading.charts.length && c;
    }, 'every chart', 20_000, t);
    const latency = charts.find((c) => c.chart.id === 'latency')!;
    const p99 = latency.chart.stats.find((s) => s.id === 'p99')!;
    const regressed = endpointStories.latencyRegression.latencyP99Ms!.steps![0].value;
    assert.ok(Math.abs(p99.current! - regressed) < 100, `p99 ${p99.current}`);
    assert.ok(Math.abs(p99.overShare! - 0.25) < 0.02, `share over 1000 ms ${p99.overShare}`);
    assert.ok(latency.chart.breaches.length >= 1, 'the regression is shaded');
  });

  it('posts before the page listens without losing a message, and replays the whole state once when the page asks', async () => {
    const t = tap(METRICS_VIEW_TYPE);
    manager.restoreMetrics(t.panel, { v: 1, ref: ref('churn-predictor'), range: { preset: '3h' } });
    await eventually(() => ofType<{ type: string }, 'painted'>(t.received, 'painted')[0], 'the page to paint a chart', 20_000, t);
    const sync = ofType<MetricsHostMessage, 'sync'>(t.sent, 'sync')[0];
    const charts = ofType<MetricsHostMessage, 'loading'>(t.sent, 'loading')[0].charts.length;
    await eventually(() => ofType<MetricsHostMessage, 'chart'>(t.sent, 'chart').length === charts, 'every chart', 20_000, t);
    const before = t.sent.length;
    t.inject({ type: 'resync' });
    if (!sync) {
      // Nothing went out early (the data came after the page): a resync was not offered and is refused.
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(t.sent.length, before);
      return;
    }
    // Said once, counting what went out before it; the page got them all, so it did not ask again.
    assert.equal(sync.expect, t.sent.indexOf(sync));
    assert.equal(ofType<{ type: string }, 'resync'>(t.received, 'resync').length, 0);
    // A page that missed messages (rebuilt before it loaded) asks again: the host replays all it has, once.
    const replayed = await eventually(() => t.sent.length >= before + 2 + charts && t.sent.slice(before), 'the replay', 20_000, t);
    assert.deepEqual(replayed.slice(0, 2).map((m) => (m as { type: string }).type), ['init', 'loading']);
    assert.equal(ofType<MetricsHostMessage, 'chart'>(replayed, 'chart').length, charts);
    const after = t.sent.length;
    t.inject({ type: 'resync' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(t.sent.length, after, 'a second resync is refused');
  });

  it('charts a Vertex dataset backed by BigQuery: table storage and the project\'s query time', async () => {
    const t = tap(METRICS_VIEW_TYPE);
    const dataset = { provider: 'gcp' as const, scopeId: 'gcp/sandbox-project/us-central1', kind: 'dataset' as const, name: 'transactions-bq' };
    manager.restoreMetrics(t.panel, { v: 1, ref: dataset, range: { preset: '7d' } });
    const loading = await eventually(() => ofType<MetricsHostMessage, 'loading'>(t.sent, 'loading')[0], 'the chart layout', 20_000, t);
    assert.deepEqual(loading.charts.map((c) => c.id), ['storage', 'queryTime']);
    assert.equal(loading.charts[1].title, 'Query time (every query of project sandbox-project)');
    const charts = await eventually(() => {
      const c = ofType<MetricsHostMessage, 'chart'>(t.sent, 'chart');
      return c.length === 2 && c;
    }, 'both charts', 30_000, t);
    const storage = charts.find((c) => c.chart.id === 'storage')!.chart.stats[0];
    assert.ok(storage.current! > 400 * 2 ** 30, `stored bytes ${storage.current}`);
    const p95 = charts.find((c) => c.chart.id === 'queryTime')!.chart.stats.find((s) => s.id === 'p95')!;
    assert.ok(p95.current! > 5000, `query p95 today ${p95.current} ms, above the 5,000 ms line`);
  });

  it('answers range changes, live refresh and exports, and ignores malformed messages', async () => {
    const t = tap(METRICS_VIEW_TYPE);
    manager.restoreMetrics(t.panel, { v: 1, ref: ref('fraud-detector-prod'), range: { preset: '1h' } });
    await eventually(() => ofType<MetricsHostMessage, 'chart'>(t.sent, 'chart').length === 6, 'the first load', 20_000, t);

    t.inject({ type: 'setRange', range: { preset: '2w' } });
    t.inject({ type: 'setRange', range: { start: 'yesterday', end: 1 } });
    t.inject({ type: 'exportPng', chartId: 'latency', dataUrl: 'data:image/png;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' });
    await eventually(() => ofType<MetricsHostMessage, 'notice'>(t.sent, 'notice').find((n) => n.level === 'error'), 'the refused PNG');
    assert.equal(ofType<MetricsHostMessage, 'loading'>(t.sent, 'loading').length, 1, 'malformed ranges load nothing');
    assert.equal(saved.length, 0, 'nothing written for a fake PNG');

    clock += 3 * MIN;
    t.inject({ type: 'refresh' });
    const append = await eventually(() => ofType<MetricsHostMessage, 'append'>(t.sent, 'append')[0], 'a live append');
    const requests = append.charts.find((c) => c.id === 'requests')!;
    assert.ok(requests.series[0].values.length <= 5, `only new slots travel (${requests.series[0].values.length})`);
    assert.equal(append.window.end, clock);

    t.inject({ type: 'exportCsv' });
    await eventually(() => saved.length === 1, 'the CSV export');
    assert.match(saved[0].name, /^fraud-detector-prod-metrics-\d{8}-\d{4}\.csv$/);
    assert.match(new TextDecoder().decode(saved[0].data), /^time \(UTC\),Latency: p50 \(ms\)/);

    // A real chart image (1x1 PNG) is written where the save dialog says.
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    t.inject({ type: 'exportPng', chartId: 'latency', dataUrl: png });
    await eventually(() => saved.length === 2, 'the PNG export');
    assert.match(saved[1].name, /^fraud-detector-prod-latency-\d{8}-\d{4}\.png$/);
    assert.deepEqual([...saved[1].data.slice(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

    t.inject({ type: 'setRange', range: { preset: '12h' } });
    const second = await eventually(() => ofType<MetricsHostMessage, 'loading'>(t.sent, 'loading')[1], 'the 12h load');
    assert.equal(second.window.end - second.window.start, 12 * 60 * MIN);
    await eventually(() => ofType<MetricsHostMessage, 'chart'>(t.sent, 'chart').filter((c) => c.requestId === second.requestId).length === 6, 'the 12h charts');

    // A custom range is fixed: it loads that window and refreshing reloads it rather than appending.
    const custom = { start: clock - 5 * 60 * MIN, end: clock - 2 * 60 * MIN };
    t.inject({ type: 'setRange', range: custom });
    const third = await eventually(() => ofType<MetricsHostMessage, 'loading'>(t.sent, 'loading')[2], 'the custom load');
    assert.deepEqual(third.window, custom);
    assert.equal(third.periodSeconds, 60);
  });

  it('opens one panel per resource from the command, and reveals it on the second open', async () => {
    const url = await vscode.commands.executeCommand<string>('mlMonitor.startSandbox');
    assert.ok(url, 'the extension started its sandbox');
    const tabs = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(METRICS_VIEW_TYPE) && tab.label === 'recommender-prod (endpoint)');
    await vscode.commands.executeCommand('mlMonitor.openMetrics', ref('recommender-prod'));
    await eventually(() => tabs().length === 1, 'the panel tab');
    await vscode.commands.executeCommand('mlMonitor.openMetrics', { resource: { nativeId: 'x', ref: ref('recommender-prod') } });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(tabs().length, 1, 'the same panel is revealed');
    await vscode.commands.executeCommand('mlMonitor.stopSandbox');
  });

  /** The one fleet overview of the suite (the manager keeps a single one), and its first rows. */
  let fleet: { t: Tapped; rows: Extract<FleetHostMessage, { type: 'rows' }> } | undefined;
  async function fleetRows() {
    if (!fleet) {
      const t = tap(FLEET_VIEW_TYPE);
      manager.restoreFleet(t.panel);
      fleet = { t, rows: await eventually(() => ofType<FleetHostMessage, 'rows'>(t.sent, 'rows')[0], 'the fleet rows', 30_000, t) };
    }
    return fleet;
  }

  it('lists every sandbox endpoint in the fleet overview, and opens only rows it listed', async () => {
    const { t, rows } = await fleetRows();
    // Every endpoint the scenario defines, in every cloud.
    const expected = [
      ...(defaultScenario.aws?.accounts ?? []).flatMap((a) => a.regions.flatMap((r) => (r.endpoints ?? []).map((e) => e.name))),
      ...(defaultScenario.gcp?.projects ?? []).flatMap((p) => p.locations.flatMap((l) => (l.endpoints ?? []).map((e) => e.name))),
      ...(defaultScenario.azure?.subscriptions ?? []).flatMap((s) => s.resourceGroups.flatMap((g) => (g.workspaces ?? []).flatMap((w) => (w.onlineEndpoints ?? []).map((e) => e.name)))),
    ];
    assert.ok(new Set(rows.rows.map((r) => r.provider)).size >= 3, 'rows from all three clouds');
    assert.deepEqual(rows.rows.map((r) => r.name).sort(), expected.sort());
    const ranker = rows.rows.find((r) => r.name === 'search-ranker')!;
    assert.equal(ranker.health, 'warning');
    assert.ok(ranker.metrics.latencyP99!.over);
    assert.equal(rows.rows.find((r) => r.name === 'churn-predictor')!.health, 'error');
    await eventually(() => ofType<{ type: string }, 'painted'>(t.received, 'painted')[0], 'the page to draw the table');

    t.inject({ type: 'open', key: 'aws/aws/sandbox/us-east-1/endpoint/not-listed' });
    t.inject({ type: 'open', key: ranker.key });
    await eventually(() => manager.openPanels.has(ranker.key), 'the row to open its panel');
    assert.ok(![...manager.openPanels.keys()].some((k) => k.endsWith('/not-listed')), 'an unlisted key opens nothing');
  });

  it('shows Azure and Vertex rows with health badges and sparklines, and an Azure row opens its panel', async () => {
    const { t, rows } = await fleetRows();
    const byCloud = (provider: string) => rows.rows.filter((r) => r.provider === provider);
    const azureNames = (defaultScenario.azure?.subscriptions ?? []).flatMap((s) => s.resourceGroups.flatMap((g) => (g.workspaces ?? []).flatMap((w) => w.onlineEndpoints ?? [])));
    const gcpNames = (defaultScenario.gcp?.projects ?? []).flatMap((p) => p.locations.flatMap((l) => l.endpoints ?? []));
    assert.deepEqual(byCloud('azure').map((r) => r.name).sort(), azureNames.map((e) => e.name).sort());
    assert.deepEqual(byCloud('gcp').map((r) => r.name).sort(), gcpNames.map((e) => e.name).sort());
    // Every endpoint that serves has a verdict and a traffic sparkline; one still being created (or with no model) has neither.
    const serving = [
      ...azureNames.filter((e) => (e.provisioningState ?? 'Succeeded') === 'Succeeded').map((e) => e.name),
      ...gcpNames.filter((e) => e.deployedModels?.length).map((e) => e.name),
    ];
    const points = (r: FleetRow, metric: keyof FleetRow['metrics']) => (r.metrics[metric]?.values ?? []).filter((v) => v !== null).length;
    for (const r of [...byCloud('azure'), ...byCloud('gcp')]) {
      if (!serving.includes(r.name)) {
        assert.equal(r.health, 'unknown', `${r.name} (${r.status})`);
        continue;
      }
      assert.notEqual(r.health, 'unknown', `${r.name}: ${JSON.stringify(r)}`);
      assert.ok(points(r, 'requestsPerSecond') >= 3 && points(r, 'latencyP99') >= 3, `${r.name} sparklines: ${JSON.stringify(r.metrics)}`);
    }
    const row = (name: string) => byCloud('azure').find((r) => r.name === name)!;
    assert.equal(row('claims-triage').health, 'error', JSON.stringify(row('claims-triage').reasons));
    assert.match(row('claims-triage').reasons.join('; '), /error/i);
    assert.equal(row('credit-scoring').health, 'ok', JSON.stringify(row('credit-scoring').reasons));
    assert.ok(points(row('doc-ocr'), 'cpu') >= 3 && row('doc-ocr').metrics.cpu!.over, 'the saturated CPU, per deployment');
    assert.notEqual(row('doc-ocr').health, 'ok');
    assert.ok(points(row('vision-gpu'), 'requestsPerSecond') >= 3, 'an idle endpoint still draws its (flat) traffic');

    const claims = row('claims-triage');
    t.inject({ type: 'open', key: claims.key });
    await eventually(() => manager.openPanels.has(claims.key), 'the Azure row to open its panel');
    const tab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((x) => x.input instanceof vscode.TabInputWebview && x.input.viewType.endsWith(METRICS_VIEW_TYPE) && x.label === 'claims-triage (endpoint)');
    await eventually(() => tab(), 'the claims-triage panel tab');
  });
  it('restores by identity only: bad state is refused, a missing cloud says what to do', async () => {
    let disposed = false;
    const bad = { dispose: () => (disposed = true) } as unknown as vscode.WebviewPanel;
    assert.equal(manager.restoreMetrics(bad, { v: 1, ref: { ...ref('x'), kind: 'bucket' }, range: { preset: '1d' } }), undefined);
    assert.ok(disposed, 'a panel whose state is not an identity is closed');
    const t = tap(METRICS_VIEW_TYPE);
    manager.restoreMetrics(t.panel, { v: 1, ref: { ...ref('search-ranker'), scopeId: 'aws/sandbox/eu-west-9' }, range: { preset: '1d' } });
    const failed = await eventually(() => ofType<MetricsHostMessage, 'failed'>(t.sent, 'failed')[0], 'the failure');
    assert.match(failed.message, /not connected|not running/);
    assert.ok(failed.action);
  });
});
