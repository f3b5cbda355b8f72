// What a person sees: the Resources tree filled from the sandbox clouds, in a real workbench.
import * as assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { useWorkbench, type Workbench } from './harness';

/** Drags the side bar's edge so the screenshot shows whole descriptions. */
async function widenSideBar(wb: Workbench, width: number): Promise<void> {
  const sidebar = await wb.page.locator('.part.sidebar').boundingBox();
  if (!sidebar) return;
  const edge = sidebar.x + sidebar.width;
  const y = sidebar.y + sidebar.height / 2;
  await wb.page.mouse.move(edge - 1, y);
  await wb.page.mouse.down();
  await wb.page.mouse.move(sidebar.x + width, y, { steps: 8 });
  await wb.page.mouse.up();
}

describe('Resources tree in code-server (e2e)', function () {
  this.timeout(180_000);

  describe('from the welcome view', () => {
    const workbench = useWorkbench();

    it('starts the sandbox clouds from "Try the sandbox clouds" and fills the tree', async () => {
      const wb = workbench();
      await wb.openMlMonitor();
      await wb.welcomeButton('Try the sandbox clouds').click();
      await wb.waitForTreeItem('Amazon SageMaker', { timeout: 60_000 });
      await wb.waitForTreeItem(/^Endpoint fraud-detector-prod/);
      // The live RED summary lands after the list: wait for it in the row's accessible name.
      const ranker = await wb.waitForTreeItem(/^Endpoint search-ranker, .*p99/, { timeout: 45_000 });
      const label = (await ranker.getAttribute('aria-label')) ?? '';
      const p99 = Number(label.match(/p99 ([\d,.]+) ms/)?.[1].replace(/,/g, ''));
      assert.ok(p99 > 1000, `search-ranker shows p99 ${p99} ms, over the 1000 ms line (${label})`);
      assert.match(await ranker.innerText(), /ml\.\w+\.\w+ × \d/);
      await wb.waitForTreeItem(/^Endpoint image-classifier-gpu, ml\.g5\.12xlarge × 2/);
      await widenSideBar(wb, 640);
      await wb.moveMouseAway();
      await wb.waitForSideBarIdle();
      await wb.screenshot('sandbox-tree');
    });

    it('shows training jobs with their status', async () => {
      const wb = workbench();
      await (await wb.waitForTreeItem('Training jobs', { exact: true })).click();
      const job = await wb.waitForTreeItem(/^Training job resnet50-train-2026-11-30, .*InProgress/);
      assert.match((await job.getAttribute('aria-label')) ?? '', /ml\.p3\.8xlarge × 2/);
      await wb.waitForTreeItem(/^Training job llm-pretrain-oom, .*Failed/);
      await wb.moveMouseAway();
      await wb.waitForSideBarIdle();
      await wb.screenshot('sandbox-tree-training');
    });
  });

  describe('connected to a running sandbox by user setting (the demo set-up)', () => {
    let sandbox: RunningSandbox | undefined;
    // Filled before the workbench starts: this hook is registered ahead of useWorkbench's.
    const userSettings: Record<string, unknown> = {};
    before(async () => {
      sandbox = await startSandbox({ port: 0 });
      userSettings['mlMonitor.sandbox.url'] = sandbox.url;
    });
    after(async () => {
      await sandbox?.close();
    });
    const workbench = useWorkbench({ userSettings });

    it('fills the tree without the welcome view and refreshes on demand', async () => {
      const wb = workbench();
      await wb.openMlMonitor();
      await wb.waitForTreeItem(/^Endpoint churn-predictor, .*err/, { timeout: 60_000 });
      await wb.runCommand('ML Monitor: Refresh');
      await wb.waitForTreeItem(/^Endpoint recommender-prod/);
    });
  });
});
