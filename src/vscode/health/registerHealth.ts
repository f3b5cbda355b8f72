// Wires the health check into the editor: command, report panel, status bar, view badge, and the
// tree redrawn with its findings whenever a check finishes. extension.ts calls this once.
import type * as vscode from 'vscode';
import type { Connections } from '../platform/connections';
import type { ResourceTree } from '../tree/resourceTree';
import type { FindingsStore } from './findingsStore';
import { HealthCheckRunner, registerHealthCommands } from './healthCommand';
import { bindTreeBadge, createHealthStatusBar } from './healthIndicators';
import { readHealthSettings } from './healthSettings';
import { HealthReportPanel } from './reportPanel';

export interface HealthWiring {
  extensionUri: vscode.Uri;
  connections: Connections;
  store: FindingsStore;
  log: vscode.LogOutputChannel;
  tree: ResourceTree;
  view: vscode.TreeView<unknown>;
  executeCommand(command: string): Thenable<unknown>;
}

export function registerHealthCheck(w: HealthWiring): vscode.Disposable[] {
  const panel = new HealthReportPanel({ extensionUri: w.extensionUri, store: w.store, log: w.log, rerun: () => void w.executeCommand('mlMonitor.runHealthCheck') });
  const runner = new HealthCheckRunner({ connections: w.connections, store: w.store, panel, log: w.log, settings: readHealthSettings, now: () => Date.now() });
  return [
    panel,
    ...registerHealthCommands(runner, panel),
    createHealthStatusBar(w.store),
    bindTreeBadge(w.view, w.store),
    w.store.onDidChange(() => w.tree.redraw()),
    // Other clouds or accounts: the last report speaks of resources that may no longer be shown.
    w.connections.onDidChange(() => w.store.report && w.store.set(undefined)),
  ];
}
