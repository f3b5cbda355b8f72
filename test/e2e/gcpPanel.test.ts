// What a person sees of Vertex AI: the project in the Resources tree beside SageMaker and a Vertex
// endpoint's metrics panel, charted from Cloud Monitoring through the sandbox, GPU charts included
// for a T4 attached to an n1 machine.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './harness';

describe('Vertex AI in code-server (e2e)', function () {
  this.timeout(240_000);
  const workbench = useWorkbench();

  it('shows the Vertex project in the tree beside the other clouds', async () => {
    const wb = workbench();
    await wb.openMlMonitor();
    await wb.welcomeButton('Try the sandbox clouds').click();
    await wb.waitForTreeItem('Google Vertex AI', { timeout: 60_000 });
    // Fold the other clouds so the Vertex rows are on screen (the tree renders only rows in view).
    for (const other of ['Amazon SageMaker', 'Azure Machine Learning']) {
      const row = wb.treeItem(other).first();
      if (await row.isVisible()) await row.click();
    }
    const reranker = await wb.waitForTreeItem(/^Endpoint search-reranker, .*p99/, { timeout: 60_000 });
    const p99 = Number(((await reranker.getAttribute('aria-label')) ?? '').match(/p99 ([\d,.]+) ms/)?.[1].replace(/,/g, ''));
    assert.ok(p99 > 1000, `search-reranker shows p99 ${p99} ms`);
    await wb.moveMouseAway();
    await wb.waitForSideBarIdle();
    await wb.screenshot('gcp-tree');
  });

  it('opens the panel of the over-provisioned T4 endpoint with GPU charts', async () => {
    const wb = workbench();
    const t4 = await wb.waitForTreeItem(/^Endpoint image-tagger-t4, n1-standard-8 \+ T4 × 2/);
    await t4.click();
    const frame = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('body[data-state="ready"]').waitFor({ state: 'attached', timeout: 90_000 });
    await frame.getByRole('heading', { name: 'GPU utilization' }).waitFor({ state: 'visible', timeout: 30_000 });
    await frame.getByRole('heading', { name: 'Latency' }).waitFor({ state: 'visible' });
    const text = await frame.locator('body').innerText();
    assert.match(text, /image-tagger-t4/);
    assert.doesNotMatch(text, /Failed to load|could not/i);
    await wb.moveMouseAway();
    await wb.screenshot('gcp-endpoint-panel');
  });
});
