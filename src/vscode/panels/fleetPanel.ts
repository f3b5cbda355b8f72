// The fleet overview: every endpoint of every connected scope in one table. Rows are opened by
// key, looked up in what this panel listed, so the webview can only open what it was shown.
import * as vscode from 'vscode';
import { buildFleetQueries, buildFleetRows, fleetWindow, type FleetEndpoint } from '../../core/metrics/fleet';
import { resourceKey, type Resource } from '../../core/model';
import { parseFleetViewMessage, type FleetHostMessage } from '../../protocol/fleetMessages';
import { errorText, type PanelDeps } from './panelDeps';
import { panelOptions, renderPage } from './webviewHtml';

export const FLEET_VIEW_TYPE = 'mlMonitor.fleet';
/** A fleet bigger than this is cut, with a note: a table of thousands helps nobody. */
const MAX_ENDPOINTS_PER_SCOPE = 2000;

export class FleetPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private resources = new Map<string, Resource>();
  private requestId = 0;
  private loading: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private isDisposed = false;
  /**
   * Nothing is posted before the page says it listens; then it gets the last rows. (The metrics panel
   * posts early instead, to paint its first chart sooner; this page keeps the simpler handshake.)
   */
  private ready = false;
  private pageLoads = 0;
  /** The latest rows or failure, for a page that (re)loads after they were sent. */
  private last: FleetHostMessage | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    private readonly open: (resource: Resource) => Promise<void>,
    private openedAt: number,
  ) {
    panel.title = 'Fleet overview';
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'graph.svg');
    panel.webview.options = panelOptions(deps.extensionUri);
    panel.webview.html = renderPage(panel.webview, deps.extensionUri, 'fleet', 'Fleet overview');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) return;
        this.ready = false;
        this.stopTimer();
      }),
      panel.onDidDispose(() => this.dispose()),
      deps.connections.onDidChange(() => void this.load()),
    );
    void this.load();
  }

  reveal(openedAt = this.deps.now()): void {
    this.openedAt = openedAt;
    this.panel.reveal();
  }

  private post(message: FleetHostMessage): void {
    if (message.type !== 'loading') this.last = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m = parseFleetViewMessage(raw);
    if (!m) {
      this.deps.log.warn('Fleet overview: ignored a malformed message from the webview.');
      return;
    }
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const rebuilt = ++this.pageLoads > 1;
        // The rows loaded while the page started, or (rebuilt after hiding) the last ones, then fresh ones.
        if (this.last) this.post(this.last);
        if (this.loading) this.post({ type: 'loading', requestId: this.requestId });
        else if (rebuilt || !this.last) return this.load();
        return;
      }
      case 'refresh':
        return this.load();
      case 'open': {
        const resource = this.resources.get(m.key);
        if (!resource) return this.deps.log.warn('Fleet overview: asked to open a row it does not list.');
        return this.open(resource);
      }
      case 'painted':
        this.deps.log.info(`Fleet overview painted ${Math.round(m.ms)} ms after the request.`);
    }
  }

  private load(): Promise<void> {
    this.loading ??= this.fetch().finally(() => {
      this.loading = undefined;
      this.schedule();
    });
    return this.loading;
  }

  private async fetch(): Promise<void> {
    const id = ++this.requestId;
    this.stopTimer();
    this.post({ type: 'loading', requestId: id });
    try {
      const now = this.deps.now();
      const window = fleetWindow(now);
      const thresholds = this.deps.settings().thresholds;
      const problems: string[] = [];
      const perScope = await Promise.all(
        (await this.deps.connections.scopes()).map(async ({ provider, scope }) => {
          try {
            const endpoints: Resource[] = [];
            let token: string | undefined;
            do {
              const page = await provider.listResources(scope, 'endpoint', { pageSize: 100, pageToken: token });
              endpoints.push(...page.items);
              token = page.nextToken;
            } while (token && endpoints.length < MAX_ENDPOINTS_PER_SCOPE);
            if (token) problems.push(`${scope.label}: showing the first ${endpoints.length} endpoints.`);
            const queries = buildFleetQueries(endpoints);
            const series = queries.length ? await provider.queryMetrics(scope, queries, window) : [];
            const listed: FleetEndpoint[] = endpoints.map((resource) => ({ resource, scopeLabel: scope.label }));
            return { ...buildFleetRows(listed, queries, series, window, thresholds), endpoints };
          } catch (err) {
            const { message, action } = errorText(err);
            problems.push(`${scope.label}: ${message}${action ? ` ${action}` : ''}`);
            this.deps.log.warn(`Fleet overview: ${scope.label} failed: ${message}`);
            return undefined;
          }
        }),
      );
      if (id !== this.requestId || this.isDisposed) return;
      const rows = perScope.flatMap((p) => p?.rows ?? []);
      const grid = perScope.find((p) => p)?.grid ?? { start: window.start, stepMs: 300_000 };
      this.resources = new Map(perScope.flatMap((p) => p?.endpoints ?? []).map((r) => [resourceKey(r.ref), r]));
      this.post({ type: 'rows', requestId: id, rows, grid, problems, updatedAt: now, openedAt: this.openedAt });
    } catch (err) {
      const { message, action } = errorText(err);
      this.deps.log.error(`Fleet overview could not load: ${message}`);
      this.post({ type: 'failed', requestId: id, message, action });
    }
  }

  private schedule(): void {
    this.stopTimer();
    const seconds = this.deps.settings().refreshIntervalSeconds;
    if (this.isDisposed || !this.panel.visible || seconds <= 0) return;
    this.timer = setTimeout(() => void this.load(), seconds * 1000);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.stopTimer();
    this.disposables.forEach((d) => d.dispose());
    this.disposed.fire();
    this.disposed.dispose();
    this.panel.dispose();
  }
}
