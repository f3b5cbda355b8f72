// Diagnostics on deployment configs open in the editor: every open document (each notebook as a whole)
// is analysed on open and again ~300 ms after the last edit; the static config rules always run, and in
// a trusted workspace with a cloud connected the declarations are linked to their live resources and
// the findings engine's verdict on them is shown next to their instance type and count.
import * as vscode from 'vscode';
import type { ConfigAnalyzer } from '../../core/configs/analyzer';
import { checkGpuWithoutGpuMetrics } from '../../core/configs/liveRules';
import type { ConfigFinding } from '../../core/configs/ruleIds';
import { checkConfig } from '../../core/configs/rules';
import type { ConfigAnalysis } from '../../core/configs/types';
import { resourceKey, type Resource } from '../../core/model';
import type { HealthSettings } from '../health/healthSettings';
import { directiveHints } from './directives';
import { liveEntry, staticEntry, type Entry } from './entries';
import { linkDeclarations, linkFindings } from './linkFindings';
import type { LiveData } from './liveData';
import { isAnalysable, notebookOfCell, notebookTarget, textTarget, type AnalysisTarget } from './targets';

export interface ConfigDiagnosticsDeps {
  analyzer: ConfigAnalyzer;
  collection: vscode.DiagnosticCollection;
  live: LiveData;
  log: vscode.LogOutputChannel;
  settings(): HealthSettings;
  enabled(): boolean;
  /** Live lookups only where the user trusts the workspace: a config there names what is queried. */
  liveAllowed(): boolean;
  scopeLabel(scopeId: string): string;
  debounceMs?: number;
}

/** What the last analysis of a document found, for quick fixes, CodeLens and hovers. */
export interface DocumentState {
  target: AnalysisTarget;
  analysis: ConfigAnalysis;
  staticFindings: ConfigFinding[];
  /** Declaration id → linked live resource. */
  links: Map<string, Resource>;
  entries: Entry[];
}

export class ConfigDiagnostics implements vscode.Disposable {
  private readonly states = new Map<string, DocumentState>();
  private readonly pending = new Map<string, Promise<DocumentState | undefined>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Map<string, vscode.Uri[]>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** A document's state changed (CodeLens follows). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: ConfigDiagnosticsDeps) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document, deps.debounceMs ?? 300)),
      vscode.workspace.onDidCloseTextDocument((doc) => doc.uri.scheme !== 'vscode-notebook-cell' && this.close(doc.uri.toString())),
      vscode.workspace.onDidOpenNotebookDocument((nb) => this.scheduleTarget(() => notebookTarget(nb), 0)),
      vscode.workspace.onDidChangeNotebookDocument((e) => e.contentChanges.length && this.scheduleTarget(() => notebookTarget(e.notebook), deps.debounceMs ?? 300)),
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.close(nb.uri.toString())),
      // The editor keeps a closed file's document alive for a while; its problems go when its last tab does.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        e.closed.forEach((tab) => this.tabClosed(tab));
        e.opened.forEach((tab) => this.tabOpened(tab));
      }),
      deps.live.onDidChange(() => this.refreshLive()),
    );
    this.analyzeAll();
  }

  /** Analyses every open document now (settings or trust changed, diagnostics turned on). */
  analyzeAll(): void {
    for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme !== 'vscode-notebook-cell') this.schedule(doc, 0);
    for (const nb of vscode.workspace.notebookDocuments) this.scheduleTarget(() => notebookTarget(nb), 0);
  }

  /** The current state of a document (a notebook cell gives its notebook's), waiting for an analysis under way. */
  async stateFor(doc: vscode.TextDocument): Promise<DocumentState | undefined> {
    const key = (notebookOfCell(doc)?.uri ?? doc.uri).toString();
    return (await this.pending.get(key)) ?? this.states.get(key);
  }

  /** Open documents' states, for the workspace scan to leave those files alone. */
  openKeys(): Set<string> {
    return new Set(this.states.keys());
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isAnalysable(doc.uri)) return;
    const nb = notebookOfCell(doc);
    if (nb) this.scheduleTarget(() => notebookTarget(nb), delay);
    else if (doc.uri.scheme !== 'vscode-notebook-cell') this.scheduleTarget(() => textTarget(doc), delay);
  }

  private scheduleTarget(make: () => AnalysisTarget, delay: number): void {
    const probe = make();
    const key = probe.key;
    clearTimeout(this.timers.get(key));
    const run = () => {
      this.timers.delete(key);
      const job = this.run(make()).finally(() => {
        if (this.pending.get(key) === job) this.pending.delete(key);
      });
      this.pending.set(key, job);
    };
    if (delay <= 0) run();
    else this.timers.set(key, setTimeout(run, delay));
  }

  private async run(target: AnalysisTarget): Promise<DocumentState | undefined> {
    if (!this.deps.enabled()) {
      this.close(target.key);
      return undefined;
    }
    let analysis: ConfigAnalysis;
    try {
      analysis = await this.deps.analyzer.analyze(target.input);
    } catch (err) {
      // The analyzer promises not to throw; a bug must still not take the editor's other features down.
      this.deps.log.error(`Config diagnostics: analysing ${target.key} failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    if (!analysis.format) {
      this.drop(target.key);
      return undefined;
    }
    const settings = this.deps.settings();
    const previous = this.states.get(target.key);
    const state: DocumentState = {
      target,
      analysis,
      staticFindings: checkConfig(analysis, { catalog: settings.catalog }),
      links: new Map(),
      entries: [],
    };
    // Links by name survive an edit elsewhere in the file; they are checked again below.
    if (previous) for (const d of analysis.declarations) if (previous.links.has(d.id)) state.links.set(d.id, previous.links.get(d.id)!);
    this.states.set(target.key, state);
    await this.publish(state);
    return state;
  }

  /** Builds and sets the diagnostics of one state, live ones included where allowed. */
  private async publish(state: DocumentState): Promise<void> {
    const { target, analysis } = state;
    const decls = new Map(analysis.declarations.map((d) => [d.id, d]));
    state.entries = state.staticFindings.map((f) => staticEntry(target, f, f.declarationId ? decls.get(f.declarationId) : undefined)).filter((e): e is Entry => !!e);
    const opened = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let resources: Resource[] = [];
    // Files that declare nothing have nothing to link: no cloud call for them.
    if (this.deps.liveAllowed() && analysis.declarations.length) {
      try {
        resources = await this.deps.live.resources();
        state.links = linkDeclarations(analysis.declarations, resources);
        state.entries.push(...(await this.liveEntries(state)));
      } catch (err) {
        this.deps.log.warn(`Config diagnostics: live lookups failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    } else state.links = new Map();
    state.entries.push(...directiveHints(target, analysis, resources, opened));
    // Another edit arrived meanwhile: its own run publishes.
    if (this.states.get(target.key) !== state || !target.current()) return;
    this.set(target, state.entries);
    this.changed.fire();
  }

  private async liveEntries(state: DocumentState): Promise<Entry[]> {
    const linked = [...new Set(state.links.values())];
    if (!linked.length) return [];
    const verdicts = await this.deps.live.verdictsFor(linked);
    const findings = [...verdicts.values()].flatMap((v) => v.findings);
    const out: Entry[] = [];
    for (const l of linkFindings(state.analysis.declarations, state.links, findings, state.staticFindings)) {
      const entry = liveEntry(state.target, l, this.deps.scopeLabel(l.finding.resource.scopeId));
      if (entry) out.push(entry);
    }
    // The GPU rule needs what the metrics showed, which only the editor's own evaluation records.
    const catalog = this.deps.settings().catalog;
    for (const decl of state.analysis.declarations) {
      const resource = state.links.get(decl.id);
      const gpu = resource && verdicts.get(resourceKey(resource.ref))?.gpu;
      const facts = gpu && (gpu.get(decl.variant ?? '') ?? (gpu.size === 1 ? [...gpu.values()][0] : undefined));
      const finding = facts && checkGpuWithoutGpuMetrics(decl, facts, catalog);
      const entry = finding && staticEntry(state.target, finding, decl);
      if (entry) out.push(entry);
    }
    return out;
  }

  /** New live data: republish every open document from the cache and the new verdicts. */
  refreshLive(): void {
    for (const state of this.states.values()) void this.publish(state);
  }

  private set(target: AnalysisTarget, entries: Entry[]): void {
    const byUri = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    for (const uri of target.uris()) byUri.set(uri.toString(), { uri, list: [] });
    for (const e of entries) {
      const slot = byUri.get(e.uri.toString()) ?? { uri: e.uri, list: [] };
      slot.list.push(e.diagnostic);
      byUri.set(e.uri.toString(), slot);
    }
    for (const old of this.published.get(target.key) ?? []) if (!byUri.has(old.toString())) this.deps.collection.delete(old);
    for (const { uri, list } of byUri.values()) this.deps.collection.set(uri, list);
    this.published.set(target.key, [...byUri.values()].map((s) => s.uri));
  }

  /** Reopened before the editor let go of the document: no open event comes, so analyse it here. */
  private tabOpened(tab: vscode.Tab): void {
    const input = tab.input;
    if (input instanceof vscode.TabInputText && !this.states.has(input.uri.toString())) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === input.uri.toString());
      if (doc) this.schedule(doc, 0);
    } else if (input instanceof vscode.TabInputNotebook && !this.states.has(input.uri.toString())) {
      const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === input.uri.toString());
      if (nb) this.scheduleTarget(() => notebookTarget(nb), 0);
    }
  }

  private tabClosed(tab: vscode.Tab): void {
    const input = tab.input;
    const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputNotebook ? input.uri : undefined;
    if (!uri || !this.states.has(uri.toString())) return;
    const stillShown = vscode.window.tabGroups.all.some((g) =>
      g.tabs.some((t) => (t.input instanceof vscode.TabInputText || t.input instanceof vscode.TabInputNotebook) && t.input.uri.toString() === uri.toString()),
    );
    if (!stillShown) this.close(uri.toString());
  }

  /** A closed document's diagnostics go with it. */
  private close(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.deps.analyzer.forget(key);
    this.drop(key);
  }

  private drop(key: string): void {
    for (const uri of this.published.get(key) ?? []) this.deps.collection.delete(uri);
    if (!this.published.has(key)) this.deps.collection.delete(vscode.Uri.parse(key));
    this.published.delete(key);
    if (this.states.delete(key)) this.changed.fire();
  }

  /** Entries of the document (a notebook cell: its own), for code actions. */
  entriesFor(doc: vscode.TextDocument, state: DocumentState): Entry[] {
    return state.entries.filter((e) => e.uri.toString() === doc.uri.toString());
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.disposables.forEach((d) => d.dispose());
  }
}
