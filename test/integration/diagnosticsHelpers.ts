// Shared by the config diagnostics suites: fixture paths, waiting for the extension's diagnostics,
// and the summary `ruleId 'text'` form the expectations compare.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually } from './treeHelpers';

export { eventually };

export const EXTENSION_ID = 'mlmonitor.ml-platform-monitor';
/** Tests run from out/test/integration; fixtures stay in the source tree. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'configs');

export interface ExpectedFinding {
  ruleId: string;
  at: string;
  text: string;
  fixes: string[];
}

export function expectedFindings(fixture: string): ExpectedFinding[] {
  const all = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'expected.json'), 'utf8')) as Record<string, { findings: ExpectedFinding[] }>;
  return all[fixture].findings;
}

/** A private copy of a fixture, for tests that edit it. */
export function copyFixture(fixture: string): vscode.Uri {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-diag-'));
  const file = path.join(dir, path.basename(fixture));
  fs.copyFileSync(path.join(fixturesDir, fixture), file);
  return vscode.Uri.file(file);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source?.startsWith('ML Monitor'));
}

export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** `12:5-12:18`, 1-based, as expected.json writes ranges. */
export function at(r: vscode.Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** Waits until the document's diagnostics (not hints) include every rule id in `codes`. */
export function diagnosticsWith(uri: vscode.Uri, codes: string[], timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return eventually(() => {
    const list = ours(uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint);
    return codes.every((c) => list.some((d) => codeOf(d) === c)) && list;
  }, `diagnostics ${codes.join(', ')} on ${path.basename(uri.fsPath)} (have: ${ours(uri).map(codeOf).join(', ') || 'none'})`, timeoutMs);
}

export async function activate(): Promise<void> {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
}

export function workspaceFile(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...parts);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}
