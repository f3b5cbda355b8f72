// Wires the config diagnostics into the editor: the analyzer, the live data, diagnostics, quick fixes,
// CodeLens, hover, the workspace scan after each health check, and their settings. extension.ts calls
// this once and owns what it returns.
import * as vscode from 'vscode';
import type { FindingsStore } from '../health/findingsStore';
import { readHealthSettings, type HealthSettings } from '../health/healthSettings';
import type { Connections } from '../platform/connections';
import { ConfigCodeActions } from './codeActions';
import { ConfigCodeLens } from './codeLens';
import { ConfigDiagnostics } from './configDiagnostics';
import { ConfigHover } from './hover';
import { LiveData } from './liveData';
import { WorkspaceScan } from './workspaceScan';
import { lazyConfigAnalyzer } from './lazyAnalyzer';

export interface DiagnosticsWiring {
  /** Where the tree-sitter .wasm files are (dist/, beside the bundle). */
  wasmDir: string;
  connections: Connections;
  store: FindingsStore;
  log: vscode.LogOutputChannel;
  /** Seconds between refreshes of the CodeLens figures (mlMonitor.refreshIntervalSeconds); 0 = never. */
  refreshSeconds(): number;
  /** Workspace trust; a test passes false to see the restricted behaviour. */
  isTrusted?(): boolean;
  /** The collection to publish to; one of its own by default. */
  collection?: vscode.DiagnosticCollection;
}

export interface DiagnosticsSettings {
  enabled: boolean;
  liveMetrics: boolean;
  codeLens: boolean;
  workspaceScanLimit: number;
}

export function readDiagnosticsSettings(): DiagnosticsSettings {
  const c = vscode.workspace.getConfiguration('mlMonitor.diagnostics');
  const limit = c.get<unknown>('workspaceScanLimit');
  return {
    enabled: c.get<unknown>('enabled') !== false,
    liveMetrics: c.get<unknown>('liveMetrics') !== false,
    codeLens: c.get<unknown>('codeLens') !== false,
    workspaceScanLimit: typeof limit === 'number' && Number.isFinite(limit) ? Math.max(0, Math.min(10_000, Math.floor(limit))) : 500,
  };
}

/** Languages config files open as; `pattern` catches Terraform and CloudFormation files with no language extension installed. */
export const CONFIG_SELECTOR: vscode.DocumentSelector = [
  ...['yaml', 'json', 'jsonc', 'python', 'shellscript', 'terraform', 'hcl'].flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
    { language, scheme: 'vscode-notebook-cell' },
  ]),
  { pattern: '**/*.{tf,template,cfn,cform}' },
];

export function registerConfigDiagnostics(w: DiagnosticsWiring): vscode.Disposable[] {
  const isTrusted = w.isTrusted ?? (() => vscode.workspace.isTrusted);
  let settings = readDiagnosticsSettings();
  let health: HealthSettings | undefined;
  const healthSettings = () => (health ??= readHealthSettings());
  const liveAllowed = () => isTrusted() && settings.liveMetrics;
  const collection = w.collection ?? vscode.languages.createDiagnosticCollection('mlMonitor.configs');
  const scopeLabels = new Map<string, string>();
  const scopes = async () => {
    const entries = liveAllowed() ? await w.connections.scopes() : [];
    for (const e of entries) scopeLabels.set(e.scope.id, e.scope.label);
    return entries;
  };
  // Live findings come from the editor's own scope listing or from a health check report, which
  // names its scopes too: a scan right after a check must not wait for the listing to label them.
  const scopeLabel = (id: string) => scopeLabels.get(id) ?? w.store.report?.scopes.find((s) => s.scope.id === id)?.scope.label ?? id;

  const live = new LiveData({ scopes, onDidChangeConnections: w.connections.onDidChange, settings: healthSettings, log: w.log, now: () => Date.now() });
  const diagnostics = new ConfigDiagnostics({
    analyzer: lazyConfigAnalyzer({ wasmDir: w.wasmDir }),
    collection,
    live,
    log: w.log,
    settings: healthSettings,
    enabled: () => settings.enabled,
    liveAllowed,
    scopeLabel,
  });
  const lens = new ConfigCodeLens({ diagnostics, live, enabled: () => settings.enabled && settings.codeLens && liveAllowed() });
  const scan = new WorkspaceScan({
    // Its own analyzer with a one-file cache: a scan of hundreds of files must not evict the open documents' entries.
    analyzer: lazyConfigAnalyzer({ wasmDir: w.wasmDir, cacheSize: 1 }),
    collection,
    log: w.log,
    settings: healthSettings,
    limit: () => settings.workspaceScanLimit,
    openKeys: () => diagnostics.openKeys(),
    liveAllowed,
    scopeLabel,
    liveResources: () => live.resources(),
  });
  const runScan = async (report = w.store.report) => {
    if (!settings.enabled || !settings.workspaceScanLimit) return undefined;
    try {
      const result = await scan.scan(report);
      w.log.info(`Config diagnostics: checked ${result.files} config files in the workspace; ${result.withProblems} with problems.`);
      return result;
    } catch (err) {
      w.log.warn(`Config diagnostics: the workspace scan failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const restartTimer = () => {
    clearInterval(timer);
    const seconds = w.refreshSeconds();
    // Verdicts and figures past their time are fetched again on the next draw.
    if (seconds > 0) timer = setInterval(() => vscode.window.visibleTextEditors.length && (diagnostics.refreshLive(), lens.refresh()), Math.max(30, seconds) * 1000);
  };
  restartTimer();

  return [
    collection,
    live,
    diagnostics,
    lens,
    scan,
    { dispose: () => clearInterval(timer) },
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new ConfigCodeActions(diagnostics), ConfigCodeActions.metadata),
    vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, lens),
    vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new ConfigHover({ diagnostics, live, settings: healthSettings, liveAllowed })),
    w.store.onDidChange(() => {
      live.setReport(w.store.report);
      if (w.store.report) void runScan(w.store.report);
    }),
    // Returns the scan's counts, so tests and other commands can read what was found.
    vscode.commands.registerCommand('mlMonitor.checkWorkspaceConfigs', () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'ML Monitor: checking deployment configs' }, () => runScan()),
    ),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('mlMonitor')) return;
      settings = readDiagnosticsSettings();
      health = undefined;
      // Turned off: the workspace scan's entries go too, not only the open documents'.
      if (!settings.enabled) collection.clear();
      if (e.affectsConfiguration('mlMonitor.refreshIntervalSeconds')) restartTimer();
      live.clear();
      diagnostics.analyzeAll();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      health = undefined;
      live.clear();
      diagnostics.analyzeAll();
    }),
  ];
}
