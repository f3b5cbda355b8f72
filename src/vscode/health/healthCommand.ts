// "ML Monitor: Run Health Check": every rule over every connected scope, with a cancellable progress
// notification; the report opens when it is done, and the tree, view badge and status bar follow.
import { setMaxListeners } from 'node:events';
import * as vscode from 'vscode';
import { HealthCheckCancelled, runHealthCheck } from '../../core/health/healthCheck';
import { failedScopes, summaryLine, type HealthReport } from '../../core/health/report';
import type { Connections } from '../platform/connections';
import type { FindingsStore } from './findingsStore';
import type { HealthSettings } from './healthSettings';
import type { HealthReportPanel } from './reportPanel';

export interface HealthCommandDeps {
  connections: Connections;
  store: FindingsStore;
  panel: HealthReportPanel;
  log: vscode.LogOutputChannel;
  settings(): HealthSettings;
  now(): number;
}

export class HealthCheckRunner {
  private running: Promise<HealthReport | undefined> | undefined;

  constructor(private readonly deps: HealthCommandDeps) {}

  /** One check at a time: asking again while one runs shows the report instead of starting another. */
  run(): Promise<HealthReport | undefined> {
    if (this.running) {
      this.deps.panel.show();
      return this.running;
    }
    this.running = this.check().finally(() => {
      this.running = undefined;
      this.deps.panel.setRunning(false);
    });
    return this.running;
  }

  private async check(): Promise<HealthReport | undefined> {
    const { log, panel, store } = this.deps;
    const settings = this.deps.settings();
    settings.problems.forEach((p) => log.warn(p));
    const targets = await this.deps.connections.scopes();
    if (!targets.length) {
      const choice = await vscode.window.showInformationMessage('No cloud is connected: connect AWS or start the sandbox clouds, then run the health check.', 'Start Sandbox Clouds', 'Connect AWS');
      if (choice === 'Start Sandbox Clouds') await vscode.commands.executeCommand('mlMonitor.startSandbox');
      if (choice === 'Connect AWS') await vscode.commands.executeCommand('mlMonitor.connectAws');
      return undefined;
    }
    panel.setRunning(true);
    const started = this.deps.now();
    let report: HealthReport;
    try {
      report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'ML Monitor: health check', cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          setMaxListeners(0, abort.signal);
          token.onCancellationRequested(() => abort.abort());
          let reported = 0;
          return runHealthCheck(targets, {
            thresholds: settings.thresholds,
            catalog: settings.catalog,
            productionPattern: settings.productionPattern,
            now: this.deps.now,
            signal: abort.signal,
            onWarning: (m) => log.warn(m),
            onProgress: (p) => {
              const percent = (p.completed / Math.max(1, p.total)) * 100;
              progress.report({ increment: percent - reported, message: p.message });
              reported = percent;
            },
          });
        },
      );
    } catch (err) {
      if (err instanceof HealthCheckCancelled) {
        log.info('Health check cancelled.');
        return undefined;
      }
      const message = err instanceof Error ? err.message : String(err);
      log.error(`Health check failed: ${message}`);
      void vscode.window.showErrorMessage(`The health check failed: ${message}`, 'Show Logs').then((c) => c && log.show());
      return undefined;
    }
    store.set(report);
    log.info(`Health check: ${summaryLine(report)} (${((this.deps.now() - started) / 1000).toFixed(1)} s, calls ${JSON.stringify(report.calls)})`);
    for (const s of failedScopes(report)) log.warn(`Health check could not check ${s.scope.label}: ${s.error!.message} ${s.error!.action ?? ''}`);
    panel.show();
    const failed = failedScopes(report);
    if (failed.length) {
      void vscode.window.showWarningMessage(`Health check: ${failed[0].scope.label} could not be checked: ${failed[0].error!.message}`, 'Show Logs').then((c) => c && log.show());
    }
    return report;
  }
}

export function registerHealthCommands(runner: HealthCheckRunner, panel: HealthReportPanel): vscode.Disposable[] {
  return [
    // Returns the report, so other commands and tests can read what was found.
    vscode.commands.registerCommand('mlMonitor.runHealthCheck', () => runner.run()),
    vscode.commands.registerCommand('mlMonitor.showHealthReport', () => panel.show()),
  ];
}
