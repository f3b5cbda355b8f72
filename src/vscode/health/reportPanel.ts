// The health report panel: one per window, re-rendered from the findings store whenever a check
// finishes. It holds no data of its own; its links open resources through the metrics panel.
import * as vscode from 'vscode';
import { reportToMarkdown } from '../../core/health/markdown';
import { isResourceRef, resourceKey, type ResourceRef } from '../../core/model';
import { panelOptions } from '../panels/webviewHtml';
import type { FindingsStore } from './findingsStore';
import { reportPage } from './reportHtml';
import { isReportMessage, type ReportMessage } from './reportMessages';

export interface ReportPanelDeps {
  extensionUri: vscode.Uri;
  store: FindingsStore;
  log: vscode.LogOutputChannel;
  rerun(): void;
}

const VIEW_TYPE = 'mlMonitor.healthReport';

export class HealthReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private running = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: ReportPanelDeps) {
    this.disposables.push(deps.store.onDidChange(() => this.render()));
  }

  get visible(): boolean {
    return Boolean(this.panel?.visible);
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.render();
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      this.render();
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'ML Monitor: Health Report', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      ...panelOptions(this.deps.extensionUri),
      // The page is rendered on the host and re-rendered on change; nothing to keep while hidden.
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'activity.svg');
    this.panel = panel;
    panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), undefined, this.disposables);
    this.render();
  }

  private render(): void {
    const panel = this.panel;
    if (!panel) return;
    const asset = (...parts: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, ...parts)).toString();
    panel.webview.html = reportPage(panel.webview, this.deps.store.report, this.running, asset);
  }

  /** Resources the rendered report names, so a message can only open one of those. */
  private lookup(key: string): ResourceRef | undefined {
    for (const f of this.deps.store.report?.findings ?? []) {
      for (const ref of [f.resource, ...(f.related ?? [])]) if (isResourceRef(ref) && resourceKey(ref) === key) return ref;
    }
    return undefined;
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isReportMessage(raw)) {
      this.deps.log.warn('Health report: ignored a message of unknown shape from the page.');
      return;
    }
    const message: ReportMessage = raw;
    switch (message.type) {
      case 'copyMarkdown': {
        const report = this.deps.store.report;
        if (!report) return;
        await vscode.env.clipboard.writeText(reportToMarkdown(report));
        vscode.window.setStatusBarMessage('Copied the health report as Markdown', 3000);
        return;
      }
      case 'rerun':
        this.deps.rerun();
        return;
      case 'openResource': {
        const ref = this.lookup(message.key);
        if (ref) await openResource(ref);
        return;
      }
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

/** The resource's metrics panel when that feature is installed; otherwise the resource tree. */
export async function openResource(ref: ResourceRef): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('mlMonitor.openMetrics')) {
    await vscode.commands.executeCommand('mlMonitor.openMetrics', ref);
    return;
  }
  await vscode.commands.executeCommand('mlMonitor.resources.focus');
}
