// Composition root: builds the parts, wires them, and hands every disposable to VS Code.
import * as vscode from 'vscode';
import { defaultRedThresholds } from './core/metrics/red';
import { registerConnectAws } from './vscode/commands/connectAws';
import { registerSandboxCommands } from './vscode/commands/sandboxCommands';
import { registerTreeCommands } from './vscode/commands/treeCommands';
import { registerConfigDiagnostics } from './vscode/diagnostics/registerDiagnostics';
import { decorateItem, decorateScopeItem, FindingsStore } from './vscode/health/findingsStore';
import { registerHealthCheck } from './vscode/health/registerHealth';
import { dialogSaver } from './vscode/panels/exportFiles';
import { registerOpenCommands } from './vscode/panels/openCommands';
import { PanelManager } from './vscode/panels/panelManager';
import { readPanelSettings } from './vscode/panels/panelSettings';
import { registerAzureSignIn } from './vscode/platform/azureAuth';
import { Connections } from './vscode/platform/connections';
import { readSettings, type Settings } from './vscode/platform/settings';
import { AutoRefresh } from './vscode/tree/autoRefresh';
import { ResourceTree } from './vscode/tree/resourceTree';
import { SandboxHost } from './vscode/sandbox/sandboxHost';

const VIEW_ID = 'mlMonitor.resources';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('ML Monitor', { log: true });
  let settings: Settings = readSettings();
  reportProblems(settings, log);

  const connections = new Connections(settings);
  const sandbox = new SandboxHost(log);
  const findings = new FindingsStore();
  const tree = new ResourceTree(connections, {
    log,
    pageSize: () => settings.pageSize,
    thresholds: () => ({ ...defaultRedThresholds, latencyMs: settings.latencyThresholdMs }),
    withProgress: (task) => Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, task)),
    now: () => Date.now(),
    decorate: (resource, item) => decorateItem(findings, resource, item),
    decorateScope: (scope, item) => decorateScopeItem(findings, scope, item),
  });
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const autoRefresh = new AutoRefresh(view, tree, () => settings.refreshIntervalSeconds, log);
  const panels = new PanelManager({ extensionUri: context.extensionUri, connections, log, settings: readPanelSettings, now: () => Date.now(), saver: dialogSaver });

  context.subscriptions.push(
    log,
    connections,
    sandbox,
    tree,
    view,
    autoRefresh,
    panels,
    ...panels.serializers(),
    ...registerOpenCommands(panels, connections, () => settings.pageSize),
    ...registerTreeCommands(tree, log),
    findings,
    ...registerHealthCheck({ extensionUri: context.extensionUri, connections, store: findings, log, tree, view, executeCommand: vscode.commands.executeCommand }),
    ...registerSandboxCommands(sandbox, connections, log),
    // The tree-sitter grammars are copied next to the bundle (esbuild.mjs).
    ...registerConfigDiagnostics({ wasmDir: vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath, connections, store: findings, log, refreshSeconds: () => settings.refreshIntervalSeconds }),
    registerConnectAws(),
    registerAzureSignIn(() => connections.updateSettings(settings), log),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('mlMonitor')) return;
      settings = readSettings();
      reportProblems(settings, log);
      if (['aws', 'azure', 'gcp', 'sandbox.url', 'requestTimeoutSeconds'].some((k) => e.affectsConfiguration(`mlMonitor.${k}`))) connections.updateSettings(settings);
      else tree.refresh();
      autoRefresh.restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      settings = readSettings();
      connections.updateSettings(settings);
    }),
  );
  void vscode.commands.executeCommand('setContext', 'mlMonitor.connected', connections.connected);
  void vscode.commands.executeCommand('setContext', 'mlMonitor.sandboxRunning', false);
  // Read by bench/activation: proves activation stays cheap and loads no cloud SDK.
  const sdkLoaded = Object.keys(require.cache).some((m) => /[\\/](chunks[\\/]|@aws-sdk[\\/])/.test(m));
  log.info(`ML Monitor activated in ${(performance.now() - started).toFixed(1)} ms (provider SDKs loaded: ${sdkLoaded ? 'yes' : 'no'})`);
}

function reportProblems(settings: Settings, log: vscode.LogOutputChannel): void {
  if (!settings.problems.length) return;
  for (const p of settings.problems) log.warn(p);
  void vscode.window.showWarningMessage(`ML Monitor: ${settings.problems[0]}${settings.problems.length > 1 ? ` (and ${settings.problems.length - 1} more in the log)` : ''}`);
}

export function deactivate(): void {}
