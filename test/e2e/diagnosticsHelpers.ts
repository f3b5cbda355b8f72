// Shared by the config diagnostics UI tests: a workspace with the fixtures, opening files the way a
// person does (Go to File), and reading the Problems panel.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { demoWorkspace, repoRoot, useWorkbench, type Workbench } from './harness';

/** The demo workspace with the fixtures beside it, named demo-workspace so titles read well. */
export function makeWorkspace(): { folder: string; remove(): void } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-e2e-diag-'));
  const folder = path.join(parent, 'demo-workspace');
  fs.cpSync(demoWorkspace, folder, { recursive: true });
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'configs'), path.join(folder, 'fixtures'), { recursive: true });
  fs.rmSync(path.join(folder, 'fixtures', 'expected.json'));
  return { folder, remove: () => fs.rmSync(parent, { recursive: true, force: true }) };
}

export async function openFile(wb: Workbench, relPath: string): Promise<void> {
  await wb.runCommand('Go to File...');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(relPath);
  // The row whose description is the file's folder: recently opened files are listed first while the search runs.
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relPath) }).filter({ hasText: path.dirname(relPath) }).first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await row.click();
  await wb.moveMouseAway();
  await wb.page.locator('.tabs-container .tab.active', { hasText: path.basename(relPath) }).waitFor({ state: 'visible', timeout: 20_000 });
}

export async function showProblems(wb: Workbench): Promise<void> {
  if (!(await wb.page.locator('.markers-panel').isVisible())) await wb.page.keyboard.press('Control+Shift+M');
  await wb.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 });
}

/** Narrows the Problems panel to one file so its entries are all drawn (the list is virtual). */
export async function filterProblems(wb: Workbench, text: string): Promise<string> {
  await showProblems(wb);
  const filter = wb.page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
  await filter.fill(text);
  await wb.page.waitForTimeout(300);
  return wb.page.locator('.markers-panel').innerText();
}

/** The Problems panel's text for one file once it lists every code in `codes`. */
export async function eventuallyText(wb: Workbench, file: string, codes: string[]): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const text = await filterProblems(wb, file);
    if (codes.every((c) => text.includes(c))) return text;
    if (Date.now() > deadline) throw new Error(`${file}: expected ${codes.join(', ')} in the Problems panel, which shows:\n${text}`);
    await wb.page.waitForTimeout(500);
  }
}

export async function goTo(wb: Workbench, line: number, column: number): Promise<void> {
  await wb.runCommand('Go to Line/Column...');
  await wb.page.locator('.quick-input-widget .quick-input-box input').fill(`:${line}:${column}`);
  await wb.page.keyboard.press('Enter');
}


/**
 * Mocha hooks for a describe() block: the sandbox clouds connected by user setting, the demo workspace
 * with the fixtures, and a workbench on it (restricted mode with `workspaceTrust`).
 */
export function useDiagnosticsWorkbench({ workspaceTrust = false } = {}): { workbench: () => Workbench; sandboxUrl: () => string } {
  let sandbox: RunningSandbox | undefined;
  let workspace: { folder: string; remove(): void } | undefined;
  const userSettings: Record<string, unknown> = { 'editor.codeLens': true, 'editor.minimap.enabled': false, 'editor.stickyScroll.enabled': false };
  const options: { folder?: string; userSettings: Record<string, unknown>; workspaceTrust: boolean } = { userSettings, workspaceTrust };
  // Filled before the workbench starts: this hook is registered ahead of useWorkbench's.
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    userSettings['mlMonitor.sandbox.url'] = sandbox.url;
    workspace = makeWorkspace();
    options.folder = workspace.folder;
  });
  after(async () => {
    await sandbox?.close();
    workspace?.remove();
  });
  return { workbench: useWorkbench(options), sandboxUrl: () => sandbox!.url };
}
