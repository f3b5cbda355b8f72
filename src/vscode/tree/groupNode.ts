// "Training jobs", "Endpoints", "Datasets" under one account/region: pages through the provider,
// and for endpoints fetches the live RED summary of everything loaded in one batch.
import * as vscode from 'vscode';
import { buildRedQueries, redHealth, redWindow, summarizeRed, type RedThresholds } from '../../core/metrics/red';
import { resourceKey, type RedSummary, type Resource, type ResourceKind, type ScopeRef } from '../../core/model';
import { isProviderError, type CloudProvider } from '../../providers/provider';
import { resourceTreeItem } from './resourceItem';
import { emptyNode, errorNode, loadMoreNode, type TreeNode } from './treeNode';

export interface TreeContext {
  fire(node?: TreeNode): void;
  log: vscode.LogOutputChannel;
  pageSize(): number;
  thresholds(): RedThresholds;
  /** Shows progress on the view while a load runs. */
  withProgress<T>(task: () => Promise<T>): Promise<T>;
  now(): number;
  /** Adds what other features know about a resource (the health check's findings) to its item. */
  decorate?(resource: Resource, item: vscode.TreeItem): vscode.TreeItem;
  /** The same for a scope's node (findings about the workspace itself). */
  decorateScope?(scope: ScopeRef, item: vscode.TreeItem): vscode.TreeItem;
}

export interface GroupOwner {
  onAuthError(err: unknown): void;
  onResources(resources: Resource[]): void;
}

const groupInfo: Record<ResourceKind, { label: string; plural: string; icon: string }> = {
  trainingJob: { label: 'Training jobs', plural: 'training jobs', icon: 'beaker' },
  endpoint: { label: 'Endpoints', plural: 'endpoints', icon: 'server-process' },
  dataset: { label: 'Datasets', plural: 'datasets', icon: 'database' },
};

export class ResourceNode implements TreeNode {
  constructor(
    readonly id: string,
    public resource: Resource,
    private readonly group: GroupNode,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = resourceTreeItem(this.resource, this.group.redFor(this.resource), this.group.ctx.thresholds(), this.id);
    return this.group.ctx.decorate ? this.group.ctx.decorate(this.resource, item) : item;
  }
}

export class GroupNode implements TreeNode {
  readonly id: string;
  private items: Resource[] = [];
  private nextToken: string | undefined;
  private state: 'idle' | 'loaded' | 'error' = 'idle';
  private error: unknown;
  private loading: Promise<void> | undefined;
  private readonly nodes = new Map<string, ResourceNode>();
  private red = new Map<string, RedSummary>();
  private redError: string | undefined;

  constructor(
    readonly ctx: TreeContext,
    readonly provider: CloudProvider,
    readonly scope: ScopeRef,
    readonly kind: ResourceKind,
    private readonly owner: GroupOwner,
  ) {
    this.id = `${scope.id}/${kind}`;
  }

  get loaded(): boolean {
    return this.state === 'loaded';
  }

  get resources(): readonly Resource[] {
    return this.items;
  }

  redFor(resource: Resource): RedSummary | undefined {
    return this.red.get(resourceKey(resource.ref));
  }

  getTreeItem(): vscode.TreeItem {
    const info = groupInfo[this.kind];
    const expand = this.kind === 'endpoint' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(info.label, expand);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(info.icon);
    item.contextValue = `mlMonitor.group.${this.kind}`;
    if (this.state === 'loaded') {
      const count = `${this.items.length}${this.nextToken ? '+' : ''}`;
      const attention = this.attentionCount();
      item.description = attention ? `${count} · ${attention} need attention` : count;
      if (this.redError) item.tooltip = `Live metrics unavailable: ${this.redError}`;
    }
    return item;
  }

  private attentionCount(): number {
    let n = 0;
    for (const r of this.items) {
      if (r.status === 'failed') n++;
      else if (this.kind === 'endpoint') {
        const h = redHealth(this.redFor(r), this.ctx.thresholds());
        if (h === 'warning' || h === 'error') n++;
      }
    }
    return n;
  }

  async getChildren(): Promise<TreeNode[]> {
    if (this.state === 'idle') await this.load(false);
    if (this.state === 'error') return [errorNode(this.id, groupInfo[this.kind].plural, this.error)];
    if (!this.items.length) return [emptyNode(this.id, `No ${groupInfo[this.kind].plural} in ${this.scope.region}`)];
    const children: TreeNode[] = this.items.map((r) => this.nodeFor(r));
    if (this.nextToken) children.push(loadMoreNode(this.id, this.items.length, this));
    return children;
  }

  private nodeFor(resource: Resource): ResourceNode {
    const id = `${this.id}/${resource.ref.name}`;
    let node = this.nodes.get(id);
    if (node) node.resource = resource;
    else {
      node = new ResourceNode(id, resource, this);
      this.nodes.set(id, node);
    }
    return node;
  }

  /** First page, or (live refresh) everything already shown, re-listed from the start. */
  private load(live: boolean): Promise<void> {
    this.loading ??= this.ctx
      .withProgress(async () => {
        const target = live ? Math.max(this.items.length, this.ctx.pageSize()) : this.ctx.pageSize();
        try {
          const page = await this.provider.listResources(this.scope, this.kind, { pageSize: target });
          this.items = page.items;
          this.nextToken = page.nextToken;
          this.state = 'loaded';
          this.error = undefined;
          this.pruneNodes();
          this.owner.onResources(page.items);
          if (this.kind === 'endpoint') void this.fetchRed();
        } catch (err) {
          this.fail(err);
        }
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  async loadMore(): Promise<void> {
    if (!this.nextToken || this.loading) return;
    const token = this.nextToken;
    this.loading = this.ctx.withProgress(async () => {
      try {
        const page = await this.provider.listResources(this.scope, this.kind, { pageSize: this.ctx.pageSize(), pageToken: token });
        const known = new Set(this.items.map((r) => r.ref.name));
        this.items = [...this.items, ...page.items.filter((r) => !known.has(r.ref.name))];
        this.nextToken = page.nextToken;
        this.owner.onResources(page.items);
      } catch (err) {
        this.ctx.log.error(`Loading more ${groupInfo[this.kind].plural} in ${this.scope.label} failed: ${message(err)}`);
        void vscode.window.showErrorMessage(`Could not load more ${groupInfo[this.kind].plural}: ${message(err)}`);
      }
    });
    try {
      await this.loading;
    } finally {
      this.loading = undefined;
    }
    this.ctx.fire(this);
    if (this.kind === 'endpoint') void this.fetchRed();
  }

  /** Forget everything: the next expansion lists again from the first page. */
  reset(): void {
    // Refresh means now: nothing kept from earlier loads.
    this.provider.forget?.(this.scope, this.kind);
    this.state = 'idle';
    this.items = [];
    this.nextToken = undefined;
    this.red = new Map();
    this.ctx.fire(this);
  }

  /** Auto-refresh: statuses and live metrics of what is shown, keeping what is loaded. */
  async refreshLive(): Promise<void> {
    if (this.state === 'idle') return;
    await this.load(true);
    this.ctx.fire(this);
  }

  async fetchRed(): Promise<void> {
    const queries = buildRedQueries(this.items);
    if (!queries.length) return;
    try {
      const series = await this.provider.queryMetrics(this.scope, queries, redWindow(this.ctx.now()));
      this.red = summarizeRed(queries, series);
      this.redError = undefined;
    } catch (err) {
      this.redError = message(err);
      this.ctx.log.warn(`Live metrics for ${this.scope.label} failed: ${this.redError}`);
      if (isProviderError(err) && err.kind === 'auth') this.owner.onAuthError(err);
    }
    this.ctx.fire(this);
  }

  private fail(err: unknown): void {
    this.state = 'error';
    this.error = err;
    this.ctx.log.error(`Listing ${groupInfo[this.kind].plural} in ${this.scope.label} failed: ${message(err)}`);
    const cause = isProviderError(err) ? err.cause : undefined;
    if (cause) this.ctx.log.debug(String((cause as Error).stack ?? cause));
    if (isProviderError(err) && err.kind === 'auth') this.owner.onAuthError(err);
  }

  private pruneNodes(): void {
    const live = new Set(this.items.map((r) => `${this.id}/${r.ref.name}`));
    for (const id of this.nodes.keys()) if (!live.has(id)) this.nodes.delete(id);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
