// Restricted mode as a person sees it: a folder opened without trusting it gets the static config rules,
// and nothing live (no linked findings, no CodeLens) even with the sandbox clouds connected by user
// setting. Screenshot: test-results/screenshots/diagnostics-restricted-mode.png.
import * as assert from 'node:assert/strict';
import { eventuallyText, filterProblems, openFile, useDiagnosticsWorkbench } from './diagnosticsHelpers';

describe('Config diagnostics in a restricted (untrusted) workspace (e2e)', function () {
  this.timeout(240_000);
  const { workbench } = useDiagnosticsWorkbench({ workspaceTrust: true });

  it('shows the static rules and nothing live', async () => {
    const wb = workbench();
    // The trust prompt: browse in restricted mode, as a careful person would with a folder from elsewhere.
    const distrust = wb.page.getByRole('button', { name: "No, I don't trust the authors" });
    await distrust.waitFor({ state: 'visible', timeout: 30_000 });
    await distrust.click();
    await distrust.waitFor({ state: 'hidden', timeout: 15_000 });
    await wb.page.locator('.statusbar', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await openFile(wb, 'fixtures/cloudformation/inference-stack.yaml');
    await eventuallyText(wb, 'inference-stack', ['config.retiredInstanceType', 'config.unknownInstanceType']);

    // Linked by name to image-classifier-gpu: in a trusted folder this shows rightsizing and CodeLens.
    await openFile(wb, 'infra/inference-endpoints.yaml');
    await wb.page.waitForTimeout(15_000);
    const problems = await filterProblems(wb, '');
    assert.ok(!problems.includes('(live'), `no live findings:\n${problems}`);
    assert.ok(!problems.includes('utilization/over-provisioned'));
    assert.equal(await wb.page.locator('.codelens-decoration').filter({ visible: true }).count(), 0, 'no CodeLens');
    await openFile(wb, 'fixtures/cloudformation/inference-stack.yaml');
    await wb.runCommand('View: Focus Active Editor Group');
    await wb.page.keyboard.press('F8');
    await wb.moveMouseAway();
    await wb.screenshot('diagnostics-restricted-mode');
  });
});
