// The first thing a new user sees: the ML Monitor view with its welcome content.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { useWorkbench } from './harness';

describe('ML Monitor in code-server (e2e smoke)', function () {
  this.timeout(120_000);
  const workbench = useWorkbench();

  it('opens the ML Monitor view with its welcome content', async () => {
    const wb = workbench();
    await wb.openMlMonitor();
    await wb.welcomeButton('Connect AWS').waitFor({ state: 'visible', timeout: 30_000 });
    await wb.welcomeButton('Try the sandbox clouds').waitFor({ state: 'visible', timeout: 30_000 });
    await wb.waitForSideBarIdle();
    const file = await wb.screenshot('ml-monitor-welcome');
    assert.ok(fs.statSync(file).size > 10_000, `screenshot ${file} looks empty`);
  });

  it('lists its commands in the command palette', async () => {
    const wb = workbench();
    await wb.runCommand('ML Monitor: Refresh');
  });
});
