// The "Resources" view: provider, then account/region, then Training jobs / Endpoints / Datasets.
import * as vscode from 'vscode';
import { scopeFiguresDescription, scopeFiguresTooltip } from '../../core/metrics/scopeFigures';
import type { Resource, ScopeFigures, ScopeRef } from '../../core/model';
import { isProviderError } from '../../providers/provider';
import type { CloudProvider } from '../../providers/provider';
import type { Connections } from '../platform/connections';
import { GroupNode, type GroupOwner, type TreeContext } from './groupNode';
import { errorNode, messageNode, type TreeNode } from './treeNode';

const providerNames: Record<ScopeRef['provider'], { label: string; icon: string }> = {
  aws: { label: 'Amazon SageMaker', icon: 'cloud' },
  gcp: { label: 'Google Vertex AI', icon: 'cloud' },
  azure: { label: 'Azure Machine Learning', icon: 'cloud' },
};

const FIGURES_WINDOW_MS = 24 * 3600_000;

export class ScopeNode implements TreeNode, GroupOwner {
  readonly id: string;
  readonly groups: GroupNode[];
  private authError: unknown;
  private account: string | undefined;
  /** What the scope publishes about itself (Azure ML workspaces), over the last day. */
  private figures: ScopeFigures | undefined;
  private figuresRequested = false;

  constructor(
    private readonly ctx: TreeContext,
    readonly provider: CloudProvider,
    readonly scope: ScopeRef,
  ) {
    this.id = scope.id;
    this.groups = (['trainingJob', 'endpoint', 'dataset'] as const).map((kind) => new GroupNode(ctx, provider, scope, kind, this));
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.scope.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const figures = this.figures ? scopeFiguresDescription(this.figures) : '';
    item.description = [figures, this.account ? `account ${this.account}` : '', this.scope.sandbox ? 'sandbox' : ''].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(this.authError ? 'warning' : this.scope.sandbox ? 'beaker' : 'globe');
    item.contextValue = `mlMonitor.scope.${this.scope.provider}`;
    const where = this.scope.sandbox
      ? 'Local sandbox clouds: synthetic workloads, no cloud account needed.'
      : this.scope.provider === 'azure'
        ? `Subscription ${this.scope.account}, region ${this.scope.region}`
        : this.scope.provider === 'gcp'
          ? `Project ${this.scope.account}, location ${this.scope.region}`
          : `Profile ${this.scope.account}, region ${this.scope.region}`;
    item.tooltip = [where, ...(this.figures ? scopeFiguresTooltip(this.figures) : [])].join('\n');
    return this.ctx.decorateScope ? this.ctx.decorateScope(this.scope, item) : item;
  }

  async getChildren(): Promise<TreeNode[]> {
    if (this.authError) return [errorNode(this.id, 'resources', this.authError, { profile: this.scope.account, provider: this.scope.provider })];
    if (!this.figuresRequested) {
      this.figuresRequested = true;
      void this.loadFigures();
    }
    return this.groups;
  }

  /** The scope's own figures, where its cloud publishes them (one batched call per subscription and region). */
  async loadFigures(): Promise<void> {
    if (!this.provider.scopeFigures) return;
    const now = this.ctx.now();
    try {
      this.figures = await this.provider.scopeFigures(this.scope, { start: now - FIGURES_WINDOW_MS, end: now });
    } catch (err) {
      this.ctx.log.warn(`Workspace metrics of ${this.scope.label} failed: ${err instanceof Error ? err.message : String(err)}`);
      if (isProviderError(err) && err.kind === 'auth') this.onAuthError(err);
      return;
    }
    this.ctx.fire(this);
  }

  get figuresShown(): boolean {
    return this.figuresRequested;
  }

  onAuthError(err: unknown): void {
    if (this.authError) return;
    this.authError = err;
    this.ctx.fire(this);
  }

  onResources(resources: Resource[]): void {
    if (this.account) return;
    const arn = resources.map((r) => r.nativeId.match(/^arn:aws[\w-]*:sagemaker:[^:]*:(\d{12}):/)?.[1]).find(Boolean);
    if (arn) {
      this.account = arn;
      this.ctx.fire(this);
    }
  }

  reset(): void {
    this.authError = undefined;
    this.figures = undefined;
    this.figuresRequested = false;
    for (const g of this.groups) g.reset();
    this.ctx.fire(this);
  }
}

export class ProviderNode implements TreeNode {
  readonly id: string;
  constructor(
    readonly providerId: ScopeRef['provider'],
    readonly scopes: ScopeNode[],
  ) {
    this.id = `provider/${providerId}`;
  }

  getTreeItem(): vscode.TreeItem {
    const info = providerNames[this.providerId];
    const item = new vscode.TreeItem(info.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(info.icon);
    item.contextValue = `mlMonitor.provider.${this.providerId}`;
    // Azure scopes are workspaces (several can share a region).
    const unit = this.providerId === 'azure' ? 'workspace' : 'region';
    item.description = `${this.scopes.length} ${unit}${this.scopes.length === 1 ? '' : 's'}`;
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    return this.scopes;
  }
}

export class ResourceTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<TreeNode[]> | undefined;
  private scopeNodes: ScopeNode[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly ctx: TreeContext;
  /** getChildren calls VS Code is still waiting for. */
  private pending = 0;
  /** Changes held back until those calls settle (undefined = the whole tree). */
  private readonly queued = new Set<TreeNode | undefined>();

  constructor(
    private readonly connections: Connections,
    base: Omit<TreeContext, 'fire'>,
  ) {
    this.ctx = { ...base, fire: (node) => this.fire(node) };
    this.disposables.push(connections.onDidChange(() => this.refresh()));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    this.pending++;
    try {
      if (node) return node.getChildren ? await node.getChildren() : [];
      this.roots ??= this.buildRoots();
      return await this.roots;
    } finally {
      this.pending--;
      if (this.pending === 0) setTimeout(() => this.flush(), 0);
    }
  }

  /**
   * A change fired while VS Code still waits for children makes it ask again and get the same
   * ids twice ("Element with id ... is already registered"): hold changes until the loads settle.
   */
  private fire(node: TreeNode | undefined): void {
    this.queued.add(node);
    if (this.pending === 0) setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    if (this.pending > 0 || !this.queued.size) return;
    const nodes = [...this.queued];
    this.queued.clear();
    if (nodes.includes(undefined)) this.changed.fire(undefined);
    else for (const n of nodes) this.changed.fire(n);
  }

  private async buildRoots(): Promise<TreeNode[]> {
    try {
      const entries = await this.connections.scopes();
      this.scopeNodes = entries.map((e) => new ScopeNode(this.ctx, e.provider, e.scope));
      const byProvider = new Map<ScopeRef['provider'], ScopeNode[]>();
      for (const node of this.scopeNodes) byProvider.set(node.scope.provider, [...(byProvider.get(node.scope.provider) ?? []), node]);
      return [...byProvider.entries()].map(([id, scopes]) => new ProviderNode(id, scopes));
    } catch (err) {
      this.ctx.log.error(`Could not load the cloud providers: ${err instanceof Error ? err.message : String(err)}`);
      return [
        messageNode({
          id: 'providers/error',
          label: 'Could not load the cloud providers (click for logs)',
          description: err instanceof Error ? err.message : String(err),
          icon: 'error',
          command: { command: 'mlMonitor.showLogs', title: 'Show Logs' },
          contextValue: 'mlMonitor.error',
        }),
      ];
    }
  }

  /** Items drawn again from what is loaded (decorations changed); nothing is fetched. */
  redraw(): void {
    this.fire(undefined);
  }

  /** Everything from scratch: providers, scopes, lists. */
  refresh(): void {
    for (const node of this.scopeNodes) node.provider.forget?.(node.scope);
    this.roots = undefined;
    this.scopeNodes = [];
    this.fire(undefined);
  }

  /** Statuses and live metrics of everything already loaded (auto-refresh). */
  async refreshLive(): Promise<void> {
    const groups = this.scopeNodes.flatMap((s) => s.groups).filter((g) => g.loaded);
    await Promise.all([...groups.map((g) => g.refreshLive()), ...this.scopeNodes.filter((s) => s.figuresShown).map((s) => s.loadFigures())]);
  }

  get scopes(): readonly ScopeNode[] {
    return this.scopeNodes;
  }

  dispose(): void {
    this.changed.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
