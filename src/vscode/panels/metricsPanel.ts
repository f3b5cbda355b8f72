// One resource's metrics panel: answers its webview's messages (checked first: the page is
// untrusted), loads the data through a MetricsSession, refreshes live while visible, and exports.
import { setMaxListeners } from 'node:events';
import * as vscode from 'vscode';
import { presetsFor, type RangeSpec } from '../../core/metrics/periods';
import { resourceKey, type ResourceRef } from '../../core/model';
import { parseMetricsViewMessage, type MetricsHostMessage, type MetricsViewMessage } from '../../protocol/metricsMessages';
import { cleanRange } from '../../protocol/panelState';
import { decodePng, fileNameFor } from './exportFiles';
import { MetricsSession } from './metricsSession';
import { errorText, isCancellation, type PanelDeps } from './panelDeps';
import { describeResource, locate, panelTitle, scopeEntryFor, type Located } from './resourceLocator';
import { panelOptions, renderPage } from './webviewHtml';

export const METRICS_VIEW_TYPE = 'mlMonitor.metrics';

export class MetricsPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private session: MetricsSession | undefined;
  private chartErrors = new Map<string, string>();
  private requestId = 0;
  private abort: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private live = true;
  /**
   * The page has said it listens; it then gets a replay of what is loaded, and later updates live.
   * Before the first page has said so, messages go out anyway: the workbench holds them until the
   * page has loaded, which saves the page a round trip through the workbench before its first chart.
   * Such a page is then told how many were sent (`sync`) and asks for the whole state again if it
   * got fewer (it was rebuilt before it loaded, say). A hidden panel's page is torn down and says
   * it listens again when rebuilt.
   */
  private ready = false;
  private pageLoads = 0;
  /** Messages posted before the first page said it listens. */
  private sentEarly = 0;
  /** A `sync` went out and no `resync` came back yet: the one replay a page may ask for. */
  private syncOpen = false;
  private failure: { requestId: number; message: string; action?: string } | undefined;
  private isDisposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    readonly ref: ResourceRef,
    private range: RangeSpec,
    private located: Located | { resource: Located['resource'] } | undefined,
    private openedAt: number,
  ) {
    panel.title = panelTitle(ref);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'graph.svg');
    panel.webview.options = panelOptions(deps.extensionUri);
    panel.webview.html = renderPage(panel.webview, deps.extensionUri, 'metrics', panelTitle(ref));
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidChangeViewState(() => {
        // A hidden panel's page is torn down (no retainContextWhenHidden); it reloads when shown.
        if (panel.visible) return;
        this.ready = false;
        this.stopTimer();
      }),
      panel.onDidDispose(() => this.dispose()),
      deps.connections.onDidChange(() => {
        // New credentials or a restarted sandbox: find the resource again and reload.
        this.located = undefined;
        void this.load();
      }),
    );
    // Fetching starts now, while the page boots: the data is often there before the page is.
    void this.load();
  }

  get key(): string {
    return resourceKey(this.ref);
  }

  /** Brought forward again (a second open); a new range replaces the shown one. */
  reveal(range?: RangeSpec, openedAt = this.deps.now()): void {
    this.panel.reveal();
    if (range && JSON.stringify(range) !== JSON.stringify(this.range)) {
      this.range = range;
      this.openedAt = openedAt;
      void this.load();
    }
  }

  private post(message: MetricsHostMessage): void {
    if (this.ready || this.pageLoads === 0) void this.panel.webview.postMessage(message);
    if (!this.ready && this.pageLoads === 0) this.sentEarly++;
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseMetricsViewMessage(raw);
    if (!message) {
      this.deps.log.warn(`Metrics panel ${this.ref.name}: ignored a malformed message from the webview.`);
      return;
    }
    await this.handle(message);
  }

  private async handle(m: MetricsViewMessage): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const first = ++this.pageLoads === 1;
        if (first && this.sentEarly > 0) {
          this.syncOpen = true;
          return this.post({ type: 'sync', expect: this.sentEarly });
        }
        return this.replay(!first);
      }
      case 'resync':
        // Answered once, after a sync: a page asking again and again would make the host resend everything.
        if (!this.syncOpen) return this.deps.log.warn(`Metrics panel ${this.ref.name}: ignored a resync it did not offer.`);
        this.syncOpen = false;
        return this.replay(false);
      case 'setRange': {
        const range = cleanRange(m.range);
        const allowed = !('preset' in range) || presetsFor(this.ref.kind).includes(range.preset);
        if (!allowed) return this.deps.log.warn(`Metrics panel ${this.ref.name}: range ${JSON.stringify(range)} is not offered for this resource.`);
        this.range = range;
        return this.load();
      }
      case 'retry':
        this.located = undefined;
        return this.load();
      case 'refresh':
        return this.session?.live ? this.refresh() : this.load();
      case 'setLive':
        this.live = m.live;
        return this.live ? this.refresh() : this.stopTimer();
      case 'exportCsv':
        return this.exportCsv(m.window);
      case 'exportPng':
        return this.exportPng(m.chartId, m.dataUrl);
      case 'painted':
        this.deps.log.info(
          `Metrics of ${this.ref.name}: first chart painted ${Math.round(m.ms)} ms after the request (load ${m.requestId}${m.scriptMs === undefined ? '' : `; the page's script started at ${Math.round(m.scriptMs)} ms`}).`,
        );
        return;
    }
  }

  private async resolve(signal: AbortSignal): Promise<Located> {
    if (this.located && 'entry' in this.located) return this.located;
    const located = this.located ? { entry: await scopeEntryFor(this.deps.connections, this.ref), resource: this.located.resource } : await locate(this.deps.connections, this.ref, signal);
    this.located = located;
    return located;
  }

  private initMessage(located?: Located): MetricsHostMessage {
    const resource = located
      ? describeResource(located.resource, located.entry.scope.label)
      : { ref: { ...this.ref }, title: this.ref.name, kind: this.ref.kind, status: 'Unknown', facts: [['Scope', this.ref.scopeId]] as Array<[string, string]> };
    return { type: 'init', resource, range: this.range, presets: presetsFor(this.ref.kind), live: this.live, openedAt: this.openedAt };
  }

  private async load(): Promise<void> {
    const id = ++this.requestId;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    // One signal is shared by a call per chart and the SDK's retries: more listeners than Node's default.
    setMaxListeners(100, abort.signal);
    this.stopTimer();
    this.session = undefined;
    this.failure = undefined;
    this.chartErrors = new Map();
    try {
      const located = await this.resolve(abort.signal);
      if (abort.signal.aborted) return;
      const session = new MetricsSession(located.entry.provider, located.entry.scope, located.resource, this.range, this.deps.settings().thresholds, this.deps.now());
      this.session = session;
      this.post(this.initMessage(located));
      this.post({ type: 'loading', requestId: id, range: this.range, ...session.layout });
      await session.load(
        (update) => this.post({ type: 'chart', requestId: id, ...update }),
        (chartId, err) => {
          const { message } = errorText(err);
          this.chartErrors.set(chartId, message);
          this.deps.log.warn(`Metrics of ${this.ref.name}: ${chartId} failed: ${message}`);
          this.post({ type: 'chartError', requestId: id, chartId, message });
        },
        abort.signal,
      );
      if (!abort.signal.aborted) this.schedule();
    } catch (err) {
      if (abort.signal.aborted || isCancellation(err)) return;
      const { message, action } = errorText(err);
      this.deps.log.error(`Metrics of ${this.ref.name} could not load: ${message}`);
      this.failure = { requestId: id, message, action };
      this.post(this.initMessage());
      this.post({ type: 'failed', ...this.failure });
    }
  }

  /** Brings a new page up to date with what is loaded so far; a rebuilt one then catches up. */
  private replay(rebuilt: boolean): void {
    const located = this.located && 'entry' in this.located ? this.located : undefined;
    this.post(this.initMessage(located));
    if (this.failure) return this.post({ type: 'failed', ...this.failure });
    const session = this.session;
    if (!session) return;
    this.post({ type: 'loading', requestId: this.requestId, range: this.range, ...session.layout });
    for (const chart of session.wireCharts()) this.post({ type: 'chart', requestId: this.requestId, chart, cards: session.cards() });
    for (const [chartId, message] of this.chartErrors) this.post({ type: 'chartError', requestId: this.requestId, chartId, message });
    if (rebuilt) void this.refresh();
  }

  /** Live refresh: only the newest points. One at a time; a failure is said once, then retried. */
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const session = this.session;
      const id = this.requestId;
      try {
        const update = await session?.refresh(this.deps.now(), this.abort?.signal);
        if (update && id === this.requestId && session === this.session) this.post({ type: 'append', requestId: id, ...update });
      } catch (err) {
        if (!isCancellation(err)) {
          const { message } = errorText(err);
          this.deps.log.warn(`Live refresh of ${this.ref.name} failed: ${message}`);
          this.post({ type: 'notice', level: 'error', message: `Live refresh failed: ${message}. Retrying at the next interval.` });
        }
      } finally {
        this.refreshing = undefined;
        this.schedule();
      }
    })();
    return this.refreshing;
  }

  private schedule(): void {
    this.stopTimer();
    const seconds = this.deps.settings().refreshIntervalSeconds;
    if (!this.live || !this.session?.live || !this.panel.visible || seconds <= 0) return;
    this.timer = setTimeout(() => void this.refresh(), seconds * 1000);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async exportCsv(window?: { start: number; end: number }): Promise<void> {
    if (!this.session?.loadedCharts) return this.post({ type: 'notice', level: 'error', message: 'Nothing to export yet: wait for the charts to load.' });
    const data = new TextEncoder().encode(this.session.csv(window));
    await this.saveFile(fileNameFor(this.ref.name, 'metrics', 'csv'), { CSV: ['csv'] }, data);
  }

  private async exportPng(chartId: string, dataUrl: string): Promise<void> {
    const bytes = this.session?.layout.charts.some((c) => c.id === chartId) ? decodePng(dataUrl) : undefined;
    if (!bytes) {
      this.deps.log.warn(`Metrics panel ${this.ref.name}: refused a PNG export that is not a PNG of one of its charts.`);
      return this.post({ type: 'notice', level: 'error', message: 'The chart image could not be exported.' });
    }
    await this.saveFile(fileNameFor(this.ref.name, chartId, 'png'), { 'PNG image': ['png'] }, bytes);
  }

  private async saveFile(name: string, filters: Record<string, string[]>, data: Uint8Array): Promise<void> {
    try {
      const saved = await this.deps.saver.save(name, filters, data);
      if (saved) {
        this.deps.log.info(`Exported ${saved.fsPath}`);
        this.post({ type: 'notice', level: 'info', message: `Saved ${saved.path.split('/').pop()}` });
      }
    } catch (err) {
      const { message } = errorText(err);
      this.deps.log.error(`Export failed: ${message}`);
      this.post({ type: 'notice', level: 'error', message: `Export failed: ${message}` });
    }
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.abort?.abort();
    this.stopTimer();
    this.disposables.forEach((d) => d.dispose());
    this.disposables.length = 0;
    this.disposed.fire();
    this.disposed.dispose();
    this.panel.dispose();
  }
}
