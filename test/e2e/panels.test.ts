// What a person sees of the metric panels: a panel opened from the tree, its summary table read
// and checked against the sandbox scenario's stories, range switching, theme toggling, exports,
// and the fleet overview, with screenshots of each in the light and the dark theme.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { defaultScenario } from '../../src/sandbox/scenarios/default';
import { endpointStories } from '../../src/sandbox/stories';
import { useWorkbench, type Workbench } from './harness';

/** The page of a panel: the inner frame of whichever webview shows `selector`. */
async function panelFrame(wb: Workbench, selector: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of wb.page.frames()) {
      if (frame.name() === 'active-frame' || frame.url().includes('fake.html')) {
        if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
      }
    }
    if (Date.now() > deadline) throw new Error(`No panel shows ${selector}`);
    await wb.page.waitForTimeout(200);
  }
}

const metricsPanel = (wb: Workbench, name: string) => panelFrame(wb, `body[data-panel="metrics"] h1:text-is("${name}")`);

/**
 * Clicks an endpoint in the tree once its live summary has landed (a row re-rendered under the
 * pointer can swallow the click), and returns its panel.
 */
async function openFromTree(wb: Workbench, name: string): Promise<Frame> {
  const row = await wb.waitForTreeItem(new RegExp(`^Endpoint ${name}, .*p99`), { timeout: 90_000 });
  await wb.waitForSideBarIdle();
  await row.click();
  try {
    return await panelFrame(wb, `body[data-panel="metrics"] h1:text-is("${name}")`, 15_000);
  } catch {
    // Selected but not opened: Enter runs the row's command, as it does for a keyboard user.
    await row.press('Enter');
    return metricsPanel(wb, name);
  }
}

/** Polls an attribute of the page's body until it passes (the page's CSP forbids evaluated strings). */
async function bodyAttribute(frame: Frame, name: string, ok: (value: string | null) => boolean, timeoutMs = 30_000): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await frame.locator('body').getAttribute(name);
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`body[${name}] stayed '${value}'`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for a load to finish: every chart drawn or said why not. */
async function loaded(frame: Frame, previousRequest?: string | null): Promise<void> {
  if (previousRequest !== undefined) await bodyAttribute(frame, 'data-request-id', (v) => v !== previousRequest);
  await frame.locator('body[data-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
}

/** A figure from a chart's summary table, as a number (`1,452 ms` → 1452). */
async function stat(frame: Frame, chart: string, series: string, column: string): Promise<number> {
  const text = await frame.locator(`table[data-chart="${chart}"] tr[data-series="${series}"] td[data-stat="${column}"]`).textContent();
  const value = Number((text ?? '').replace(/[^\d.-]/g, ''));
  assert.ok(Number.isFinite(value), `${chart}/${series}/${column} reads '${text}'`);
  return value;
}

async function chooseRange(frame: Frame, range: string): Promise<void> {
  const before = await frame.locator('body').getAttribute('data-request-id');
  await frame.locator(`vscode-button[data-range="${range}"]`).click();
  await loaded(frame, before);
}

async function themeOf(frame: Frame): Promise<string> {
  return (await frame.locator('body').getAttribute('data-chart-theme')) ?? 'unknown';
}

/** Switches between the light and dark theme and waits until the charts are redrawn in it. */
async function toggleTheme(wb: Workbench, frame: Frame): Promise<string> {
  const before = await themeOf(frame);
  await wb.runCommand('Preferences: Toggle between Light/Dark Themes');
  const after = (await bodyAttribute(frame, 'data-chart-theme', (v) => v !== before, 15_000)) ?? 'unknown';
  assert.notEqual(after, before);
  return after;
}

async function shoot(wb: Workbench, name: string, theme: string): Promise<void> {
  // "Sandbox clouds running at ..." and the like would cover part of the panel.
  await wb.runCommand('Notifications: Clear All Notifications');
  // Off the page, on the empty end of the tab bar: a pointer over a chart would draw its tooltip
  // and the shared crosshair into the picture.
  await wb.page.mouse.move(1150, 50);
  await wb.page.waitForTimeout(300);
  const file = await wb.screenshot(`${name}-${theme}`);
  assert.ok(fs.statSync(file).size > 20_000, `${file} looks empty`);
}

describe('Metric panels in code-server (e2e)', function () {
  this.timeout(240_000);
  const workbench = useWorkbench();

  it("opens search-ranker from the tree: its p99 is over the 1000 ms line since the regression", async () => {
    const wb = workbench();
    await wb.openMlMonitor();
    await wb.welcomeButton('Try the sandbox clouds').click();
    const frame = await openFromTree(wb, 'search-ranker');
    await loaded(frame);
    const firstPaint = Number(await frame.locator('body').getAttribute('data-first-paint-ms'));
    console.log(`      first chart painted ${firstPaint} ms after the click`);

    const regressed = endpointStories.latencyRegression.latencyP99Ms!.steps![0].value;
    assert.ok(Math.abs((await stat(frame, 'latency', 'p99', 'current')) - regressed) < 100, 'p99 now is the regressed value');
    assert.ok(Math.abs((await stat(frame, 'latency', 'p99', 'overShare')) - 25) < 2, '1d: a quarter of the day above 1000 ms');
    assert.match((await frame.locator('[data-card="latency"]').textContent()) ?? '', /Above 1,000 ms/);

    await chooseRange(frame, '12h');
    assert.ok(Math.abs((await stat(frame, 'latency', 'p99', 'overShare')) - 50) < 2, '12h: half of it above 1000 ms');
    assert.ok((await stat(frame, 'latency', 'p50', 'current')) < 1000);

    const first = await themeOf(frame);
    await shoot(wb, 'panel-search-ranker-p99', first);
    const second = await toggleTheme(wb, frame);
    await shoot(wb, 'panel-search-ranker-p99', second);
    assert.deepEqual(new Set([first, second]), new Set(['light', 'dark']));
  });

  it("shows recommender-prod's memory rising to about 92 % over a week", async () => {
    const wb = workbench();
    const frame = await openFromTree(wb, 'recommender-prod');
    await loaded(frame);
    await chooseRange(frame, '7d');
    const leak = endpointStories.memoryLeak.memory!;
    const now = await stat(frame, 'memory', 'memory', 'current');
    const min = await stat(frame, 'memory', 'memory', 'min');
    assert.ok(Math.abs(now - (leak.base! + 3 * leak.trend!.perDay)) < 3, `memory now ${now} %`);
    assert.ok(Math.abs(min - leak.base!) < 4, `a week ago ${min} %`);
    assert.ok((await stat(frame, 'memory', 'memory', 'overShare')) > 0, 'part of the week above 85 %');
    assert.equal(await frame.locator('[data-card="memory"]').getAttribute('class'), 'card health-warning');

    await frame.locator('article[data-chart="memory"]').scrollIntoViewIfNeeded();
    const first = await themeOf(frame);
    await shoot(wb, 'panel-recommender-memory', first);
    const second = await toggleTheme(wb, frame);
    await shoot(wb, 'panel-recommender-memory', second);
  });

  it('exports the shown data as CSV through a save dialog', async () => {
    const wb = workbench();
    const frame = await metricsPanel(wb, 'recommender-prod');
    await frame.locator('vscode-button[data-action="csv"]').click();
    // code-server's save dialog is a quick input holding the proposed path.
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    // The dialog lists the folder first, then proposes the file name.
    const deadline = Date.now() + 15_000;
    let target = await input.inputValue();
    while (!target.endsWith('.csv') && Date.now() < deadline) {
      await wb.page.waitForTimeout(200);
      target = await input.inputValue();
    }
    assert.match(target, /recommender-prod-metrics-\d{8}-\d{4}\.csv$/);
    await wb.page.keyboard.press('Enter');
    await frame.locator('.status-line.info').waitFor({ timeout: 15_000 });
    const file = path.join(wb.folder, path.basename(target));
    const csv = fs.readFileSync(file, 'utf8');
    assert.match(csv, /^time \(UTC\),Latency: p50 \(ms\)/);
    assert.ok(csv.split('\r\n').length > 10_000, 'a week of minutes');
  });

  it('lists every sandbox endpoint in the fleet overview, sorted and filtered, and opens a row', async () => {
    const wb = workbench();
    await wb.runCommand('ML Monitor: Open Fleet Overview');
    const frame = await panelFrame(wb, 'body[data-panel="fleet"][data-state="ready"]', 90_000);
    const names = await frame.locator('tbody tr[data-name]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
    const expected = [
      ...(defaultScenario.aws?.accounts ?? []).flatMap((a) => a.regions.flatMap((r) => (r.endpoints ?? []).map((e) => e.name))),
      ...(defaultScenario.gcp?.projects ?? []).flatMap((p) => p.locations.flatMap((l) => (l.endpoints ?? []).map((e) => e.name))),
      ...(defaultScenario.azure?.subscriptions ?? []).flatMap((s) => s.resourceGroups.flatMap((g) => (g.workspaces ?? []).flatMap((w) => (w.onlineEndpoints ?? []).map((e) => e.name)))),
    ];
    assert.deepEqual([...names].sort(), expected.sort());
    // Azure rows carry their health badge and drawn sparklines like the others.
    const claims = frame.locator('tbody tr[data-name="claims-triage"]');
    assert.equal(await claims.locator('td.health').getAttribute('class'), 'health health-error');
    assert.ok((await claims.locator('td[data-metric="errorRate"].over svg.sparkline polyline').count()) > 0, 'the error-rate sparkline, over its threshold');
    const credit = frame.locator('tbody tr[data-name="credit-scoring"]');
    assert.equal(await credit.locator('td.health').getAttribute('class'), 'health health-ok');
    assert.ok((await credit.locator('td[data-metric="requestsPerSecond"] svg.sparkline polyline').count()) > 0, 'the traffic sparkline');

    const p99Header = frame.locator('th[data-column="latencyP99"] button');
    await p99Header.click();
    await p99Header.click();
    assert.equal(await frame.locator('th[data-column="latencyP99"]').getAttribute('aria-sort'), 'descending');
    const top = await frame.locator('tbody tr').first().getAttribute('data-name');
    assert.ok(top === 'search-ranker' || top === 'search-reranker', `slowest first: ${top}`);

    const first = await themeOf(frame);
    await shoot(wb, 'fleet-overview', first);
    const second = await toggleTheme(wb, frame);
    await shoot(wb, 'fleet-overview', second);

    await frame.locator('vscode-textfield').locator('input').fill('search');
    await frame.locator('tbody tr[data-name="fraud-detector-prod"]').waitFor({ state: 'detached' });
    await frame.locator('tbody tr[data-name="search-ranker"]').click();
    await loaded(await metricsPanel(wb, 'search-ranker'));
  });
});
