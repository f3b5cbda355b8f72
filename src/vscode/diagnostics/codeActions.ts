// Quick fixes keyed on the diagnostics' codes: replace the instance type with the recommended or
// closest valid one, change the count, add the mlmon directive. Each fix edits the characters the
// analysis located (a parameter's default when the value came from one), so it never guesses.
import * as vscode from 'vscode';
import type { ConfigDiagnostics } from './configDiagnostics';
import { DIAGNOSTIC_SOURCE, matches, type QuickFix } from './entries';

export class ConfigCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: ConfigDiagnostics) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source?.startsWith(DIAGNOSTIC_SOURCE));
    if (!ours.length) return [];
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const state = await this.diagnostics.stateFor(doc);
    if (!state) return [];
    const entries = this.diagnostics.entriesFor(doc, state);
    const actions: vscode.CodeAction[] = [];
    for (const d of ours) {
      const entry = entries.find((e) => matches(e, d));
      for (const fix of entry?.fixes ?? []) actions.push(toAction(fix, d));
    }
    return actions;
  }
}

export function toAction(fix: QuickFix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.isPreferred === true;
  const edit = new vscode.WorkspaceEdit();
  const byUri = new Map<string, { uri: vscode.Uri; edits: Array<vscode.TextEdit | vscode.SnippetTextEdit> }>();
  for (const e of fix.edits) {
    const slot = byUri.get(e.uri.toString()) ?? { uri: e.uri, edits: [] };
    slot.edits.push(e.snippet ? new vscode.SnippetTextEdit(e.range, new vscode.SnippetString(e.newText)) : vscode.TextEdit.replace(e.range, e.newText));
    byUri.set(e.uri.toString(), slot);
  }
  for (const { uri, edits } of byUri.values()) edit.set(uri, edits);
  action.edit = edit;
  return action;
}
