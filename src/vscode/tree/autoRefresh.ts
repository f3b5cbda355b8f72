// Refreshes statuses and live metrics on a timer, only while the view is visible.
import type * as vscode from 'vscode';
import type { ResourceTree } from './resourceTree';

export class AutoRefresh implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly view: vscode.TreeView<unknown>,
    private readonly tree: ResourceTree,
    private readonly intervalSeconds: () => number,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = view.onDidChangeVisibility(() => this.restart());
    this.restart();
  }

  restart(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const seconds = this.intervalSeconds();
    if (seconds <= 0 || !this.view.visible) return;
    this.timer = setInterval(() => void this.tick(), seconds * 1000);
  }

  private async tick(): Promise<void> {
    // A slow cloud must not pile refreshes on top of each other.
    if (this.running) return;
    this.running = true;
    try {
      await this.tree.refreshLive();
    } catch (err) {
      this.log.warn(`Auto-refresh failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.running = false;
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.subscription.dispose();
  }
}
