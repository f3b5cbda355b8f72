// What a person sees of the config diagnostics in a real workbench: squiggles and Problems entries for a
// fixture of every format, the rightsizing quick fix changing the demo stack, and CodeLens figures that
// match what the sandbox clouds serve. Screenshots in test-results/screenshots/diagnostics-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redWindow } from '../../src/core/metrics/red';
import { AwsProvider } from '../../src/providers/aws/awsProvider';
import { figureQueries, figuresFromSeries } from '../../src/vscode/diagnostics/liveFigures';
import { eventuallyText, filterProblems, goTo, openFile, useDiagnosticsWorkbench } from './diagnosticsHelpers';

/** One fixture per format, with a rule each must show. */
const FORMATS: Array<{ file: string; codes: string[] }> = [
  { file: 'cloudformation/inference-stack.yaml', codes: ['config.retiredInstanceType', 'config.unknownInstanceType'] },
  { file: 'cloudformation/recommender.template.json', codes: ['config.previousGeneration'] },
  { file: 'terraform/sagemaker.tf', codes: ['config.unknownInstanceType', 'config.singleInstanceEndpoint'] },
  { file: 'python/train_and_deploy.py', codes: ['config.retiredInstanceType', 'config.unknownInstanceType'] },
  { file: 'azureml/serverless-job.yml', codes: ['config.retiredInstanceType'] },
  { file: 'vertex/tpu_job_snake.yaml', codes: ['config.previousGeneration'] },
  { file: 'shell/deploy_vertex.sh', codes: ['config.unknownInstanceType'] },
];

describe('Config diagnostics in code-server (e2e)', function () {
  this.timeout(300_000);
  const { workbench, sandboxUrl } = useDiagnosticsWorkbench();

  it('shows squiggles and Problems entries for a config of every format', async () => {
    const wb = workbench();
    for (const { file, codes } of FORMATS) {
      await openFile(wb, `fixtures/${file}`);
      const text = await eventuallyText(wb, path.basename(file), codes);
      // Go to Next Problem: the editor scrolls to the first squiggle and shows its message inline.
      await wb.runCommand('View: Focus Active Editor Group');
      await wb.page.keyboard.press('F8');
      await wb.page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info').filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
      for (const code of codes) assert.ok(text.includes(code), `${file}: ${code} in the Problems panel:\n${text}`);
      await wb.moveMouseAway();
      await wb.screenshot(`diagnostics-${path.basename(file).replace(/\./g, '-')}`);
      await wb.page.keyboard.press('Escape');
    }
    await filterProblems(wb, '');
    await wb.moveMouseAway();
    await wb.screenshot('diagnostics-problems-all-formats');
  });

  it('shows notebook diagnostics in the cell that declares the endpoint', async () => {
    const wb = workbench();
    await openFile(wb, 'fixtures/notebook/fraud_deploy.ipynb');
    await wb.page.locator('.notebookOverlay').filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await eventuallyText(wb, 'fraud_deploy', ['config.singleInstanceEndpoint']);
    // Choosing the entry takes the notebook to the cell and the squiggle.
    await wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'no redundancy' }).first().click();
    await wb.page.locator('.notebook-editor .squiggly-warning').filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await wb.moveMouseAway();
    await wb.screenshot('diagnostics-notebook');

    // The demo notebook deploys churn-predictor (a 5xx spike in the sandbox): live error and CodeLens in its cell.
    await openFile(wb, 'notebooks/churn_retrain.ipynb');
    await eventuallyText(wb, 'churn_retrain', ['red/error-rate']);
    await wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'churn-predictor' }).first().click();
    await wb.page.locator('.notebookOverlay .codelens-decoration', { hasText: /churn-predictor.*err/ }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await wb.moveMouseAway();
    await wb.screenshot('diagnostics-notebook-live');
  });

  it('applies the rightsizing quick fix on the demo stack and the file changes', async () => {
    const wb = workbench();
    await openFile(wb, 'infra/inference-endpoints.yaml');
    const text = await eventuallyText(wb, 'inference-endpoints', ['utilization/over-provisioned']);
    assert.match(text, /image-classifier-gpu: p95 CPU .* ml\.g5\.\w+ fits .*\$[\d,]+\/month less/);
    await goTo(wb, 70, 27);
    await wb.page.keyboard.press('Control+Period');
    const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: /Change to ml\.g5\.\w+ \(about/ }).first();
    await fix.waitFor({ state: 'visible', timeout: 20_000 });
    const title = (await fix.innerText()).trim();
    const to = /Change to (ml\.g5\.\w+)/.exec(title)![1];
    await wb.screenshot('diagnostics-quick-fix-menu');
    // The menu is keyboard-driven (a pointer block covers it): move the focus to the fix and apply it.
    const target = Number(await fix.getAttribute('data-index'));
    for (let i = 0; i < 10; i++) {
      const focused = Number(await wb.page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('data-index'));
      if (focused === target) break;
      await wb.page.keyboard.press(focused < target ? 'ArrowDown' : 'ArrowUp');
    }
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.monaco-editor .view-line', { hasText: `InstanceType: ${to}` }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await wb.runCommand('File: Save');
    // The file now asks for what the finding recommends: the warning goes (the live endpoint changes on deploy).
    for (let i = 0; i < 40 && (await filterProblems(wb, 'inference-endpoints')).includes('utilization/over-provisioned'); i++) await wb.page.waitForTimeout(500);
    assert.ok(!(await filterProblems(wb, 'inference-endpoints')).includes('utilization/over-provisioned'));
    await wb.moveMouseAway();
    await wb.screenshot('diagnostics-quick-fix-applied');
    const saved = fs.readFileSync(path.join(wb.folder, 'infra', 'inference-endpoints.yaml'), 'utf8');
    assert.match(saved, new RegExp(`InstanceType: ${to.replace(/\./g, '\\.')}\\n`));
    assert.ok(!saved.includes('ml.g5.12xlarge'));
  });

  it('shows CodeLens figures that match the sandbox, and a hover with the instance spec', async () => {
    const wb = workbench();
    await openFile(wb, 'infra/search-ranker.tf');
    const lens = wb.page.locator('.codelens-decoration', { hasText: /search-ranker.*p99/ }).filter({ visible: true }).first();
    await lens.waitFor({ state: 'visible', timeout: 90_000 });
    const shown = await lens.innerText();
    const p99 = Number(/p99 ([\d,.]+) ms/.exec(shown)![1].replace(/,/g, ''));
    // The same five minutes from the sandbox, asked the way the extension asks.
    const provider = new AwsProvider({ profiles: [], regions: ['us-east-1'], requestTimeoutMs: 10_000, sandbox: { url: sandboxUrl() } });
    try {
      const scope = provider.listScopes()[0];
      const ranker = (await provider.listResources(scope, 'endpoint', { pageSize: 100 })).items.find((r) => r.ref.name === 'search-ranker')!;
      const queries = figureQueries([ranker]);
      const figures = figuresFromSeries([ranker], queries, await provider.queryMetrics(scope, queries, redWindow(Date.now())));
      const expected = [...figures.values()][0].get('')!;
      assert.ok(p99 > 1000, `over the 1,000 ms threshold: ${shown}`);
      assert.ok(Math.abs(p99 - expected.p99LatencyMs!) / expected.p99LatencyMs! < 0.2, `lens ${p99} ms vs sandbox ${expected.p99LatencyMs} ms`);
      const rps = Number(/([\d,.]+) req\/s/.exec(shown)![1]);
      assert.ok(Math.abs(rps - expected.requestsPerSecond!) / expected.requestsPerSecond! < 0.25, `lens ${rps} req/s vs sandbox ${expected.requestsPerSecond}`);
    } finally {
      provider.dispose();
    }
    assert.ok(await wb.page.locator('.codelens-decoration', { hasText: 'Open metrics' }).filter({ visible: true }).first().isVisible());
    await wb.moveMouseAway();
    await wb.screenshot('diagnostics-codelens');

    await openFile(wb, 'infra/inference-endpoints.yaml');
    await wb.page.locator('.codelens-decoration', { hasText: /image-classifier-gpu.*p99/ }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 60_000 });
    // In the middle of the editor, where nothing covers it.
    await goTo(wb, 70, 27);
    const type = wb.page.locator('.monaco-editor .view-line span', { hasText: /^ml\.g5\./ }).filter({ visible: true }).first();
    await type.hover();
    await wb.page.locator('.monaco-hover', { hasText: 'vCPU' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await wb.screenshot('diagnostics-hover');
    await wb.page.keyboard.press('Escape');
    await wb.page.locator('.codelens-decoration a[title="Open the metrics panel of image-classifier-gpu"]').filter({ visible: true }).first().click();
    // The panel's tab comes first; its charts load on their own time (the panel tests cover them).
    await wb.page.locator('.tabs-container .tab', { hasText: 'image-classifier-gpu' }).first().waitFor({ state: 'attached', timeout: 120_000 });
  });
});
