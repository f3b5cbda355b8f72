// The extension as the extension host sees it: present, activates, and its commands exist.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'mlmonitor.ml-platform-monitor';

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

describe('Extension smoke', function () {
  this.timeout(60_000);

  it('is present', () => {
    assert.equal(extension().packageJSON.displayName, 'ML Platform Monitor');
  });

  it('activates', async () => {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers the refresh, sandbox and AWS commands', async () => {
    await extension().activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of ['mlMonitor.refresh', 'mlMonitor.startSandbox', 'mlMonitor.connectAws']) {
      assert.ok(registered.has(id), `command ${id} is not registered`);
    }
  });

  it('registers every command its package.json contributes', async () => {
    const ext = extension();
    await ext.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: Array<{ command: string }> = ext.packageJSON.contributes?.commands ?? [];
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
