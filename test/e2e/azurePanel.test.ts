// What a person sees of Azure ML: the workspaces in the Resources tree beside SageMaker and an
// Azure online deployment's metrics panel, charted from Azure Monitor through the sandbox.
import * as assert from 'node:assert/strict';
import { useWorkbench, type Workbench } from './harness';

async function widenSideBar(wb: Workbench, width: number): Promise<void> {
  const sidebar = await wb.page.locator('.part.sidebar').boundingBox();
  if (!sidebar) return;
  const y = sidebar.y + sidebar.height / 2;
  await wb.page.mouse.move(sidebar.x + sidebar.width - 1, y);
  await wb.page.mouse.down();
  await wb.page.mouse.move(sidebar.x + width, y, { steps: 8 });
  await wb.page.mouse.up();
}

/** The tree renders only the rows in view: scroll the side bar until a row is there. */
async function scrollTreeTo(wb: Workbench, name: RegExp): Promise<void> {
  const box = await wb.page.locator('.part.sidebar').boundingBox();
  if (box) await wb.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 20 && !(await wb.treeItem(name).first().isVisible()); i++) {
    await wb.page.mouse.wheel(0, 300);
    await wb.page.waitForTimeout(200);
  }
}

describe('Azure ML in code-server (e2e)', function () {
  this.timeout(240_000);
  const workbench = useWorkbench();

  it('shows the Azure workspaces in the tree beside the other clouds', async () => {
    const wb = workbench();
    await wb.openMlMonitor();
    await wb.welcomeButton('Try the sandbox clouds').click();
    await wb.waitForTreeItem('Azure Machine Learning', { timeout: 60_000 });
    // Scope rows are named by their tooltip, so find the workspace by the text it shows.
    await scrollTreeTo(wb, /^Endpoint credit-scoring,/);
    const workspace = wb.page.locator('.part.sidebar .monaco-list-row', { hasText: 'mlw-contoso-prod (Contoso production ML) · eastus' }).first();
    await workspace.waitFor({ state: 'visible', timeout: 30_000 });
    // The live RED summary of the 5xx spike lands after the list.
    await scrollTreeTo(wb, /^Endpoint claims-triage/);
    const triage = await wb.waitForTreeItem(/^Endpoint claims-triage, .*err/, { timeout: 60_000 });
    const err = Number(((await triage.getAttribute('aria-label')) ?? '').match(/([\d.]+)% err/)?.[1]);
    assert.ok(err > 5, `claims-triage shows ${err}% errors`);
    await widenSideBar(wb, 640);
    await wb.moveMouseAway();
    await wb.waitForSideBarIdle();
    await wb.screenshot('azure-tree');
  });

  it('opens a deployment panel with Azure Monitor charts: the memory leak of product-recs', async () => {
    const wb = workbench();
    await scrollTreeTo(wb, /^Endpoint product-recs/);
    const recs = await wb.waitForTreeItem(/^Endpoint product-recs, Standard_DS3_v2 × 3/);
    await recs.click();
    const frame = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('body[data-state="ready"]').waitFor({ state: 'attached', timeout: 90_000 });
    await frame.getByRole('heading', { name: 'Memory utilization' }).waitFor({ state: 'visible', timeout: 30_000 });
    await frame.getByRole('heading', { name: 'Latency' }).waitFor({ state: 'visible' });
    const text = await frame.locator('body').innerText();
    assert.match(text, /product-recs/);
    assert.doesNotMatch(text, /Failed to load|could not/i);
    await wb.moveMouseAway();
    await wb.screenshot('azure-deployment-panel');
  });
});
