// Where the last health check shows outside its report: a status bar item with the worst severity
// and the resources view's badge with how many resources need attention.
import * as vscode from 'vscode';
import { countBySeverity, summaryLine } from '../../core/health/report';
import type { FindingsStore } from './findingsStore';

export function createHealthStatusBar(store: FindingsStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('mlMonitor.health', vscode.StatusBarAlignment.Left, 10);
  item.name = 'ML Monitor health';
  item.command = 'mlMonitor.showHealthReport';
  const update = () => {
    const report = store.report;
    if (!report) {
      item.hide();
      return;
    }
    const counts = countBySeverity(report.findings);
    const worst = store.worst();
    item.text =
      worst === 'error' ? `$(error) ${counts.error} $(warning) ${counts.warning}` : worst === 'warning' ? `$(warning) ${counts.warning}` : '$(pass) ML healthy';
    item.backgroundColor = worst === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : worst === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.tooltip = `ML Monitor health check: ${summaryLine(report)}. Click for the report.`;
    item.accessibilityInformation = { label: `ML Monitor health check: ${summaryLine(report)}` };
    item.show();
  };
  const listener = store.onDidChange(update);
  update();
  return vscode.Disposable.from(item, listener);
}

export function bindTreeBadge(view: vscode.TreeView<unknown>, store: FindingsStore): vscode.Disposable {
  return store.onDidChange(() => {
    const n = store.resourcesNeedingAttention();
    view.badge = n ? { value: n, tooltip: `${n} ${n === 1 ? 'resource needs' : 'resources need'} attention (health check)` } : undefined;
  });
}
