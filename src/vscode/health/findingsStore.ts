// The latest health report and what the views derive from it: findings per resource for tree
// decorations, the count for the view badge, the worst severity for the status bar.
import * as vscode from 'vscode';
import { findingsByResource, worstOf, type HealthReport } from '../../core/health/report';
import { resourceKey, type Resource, type ScopeRef } from '../../core/model';
import type { Finding, Severity } from '../../core/rules/types';

export class FindingsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: HealthReport | undefined;
  private byResource = new Map<string, Finding[]>();

  get report(): HealthReport | undefined {
    return this.current;
  }

  set(report: HealthReport | undefined): void {
    this.current = report;
    this.byResource = report ? findingsByResource(report.findings) : new Map();
    this.changed.fire();
  }

  findingsFor(resource: Resource): readonly Finding[] {
    return this.byResource.get(resourceKey(resource.ref)) ?? [];
  }

  /** Findings about the scope as a whole (an Azure ML workspace's quota and nodes). */
  findingsForScope(scope: ScopeRef): readonly Finding[] {
    return (this.current?.findings ?? []).filter((f) => f.resource.kind === 'workspace' && f.resource.scopeId === scope.id);
  }

  worst(): Severity | undefined {
    return this.current ? worstOf(this.current.findings) : undefined;
  }

  /** Resources with at least one warning or error: what the view badge counts. */
  resourcesNeedingAttention(): number {
    let n = 0;
    for (const list of this.byResource.values()) if (list.some((f) => f.severity !== 'info')) n++;
    return n;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const icons: Record<Severity, [string, string]> = {
  error: ['error', 'problemsErrorIcon.foreground'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  info: ['info', 'problemsInfoIcon.foreground'],
};

/**
 * The tree's hook: adds the health check's verdict to an item without the tree knowing rules. A
 * serving resource's icon turns into the worst finding's; the description counts findings; the
 * tooltip lists their titles (plain text: titles carry resource names).
 */
export function decorateItem(store: FindingsStore, resource: Resource, item: vscode.TreeItem): vscode.TreeItem {
  const findings = store.findingsFor(resource);
  if (!findings.length) return item;
  const worst = worstOf(findings)!;
  if (worst !== 'info' && (resource.status === 'inService' || resource.status === 'running' || resource.status === 'completed')) {
    const [icon, color] = icons[worst];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
  }
  const label = `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}`;
  item.description = item.description ? `${String(item.description)} · ${label}` : label;
  if (item.tooltip instanceof vscode.MarkdownString) {
    item.tooltip.appendMarkdown('\n\n**Health check**  \n');
    for (const f of findings) {
      item.tooltip.appendText(`${f.severity}: ${f.title} (${f.ruleId})`.replace(/[<>&]/g, ' '));
      item.tooltip.appendMarkdown('  \n');
    }
  }
  return item;
}

/** The same for a scope's node: its own findings counted in the description and listed in the tooltip. */
export function decorateScopeItem(store: FindingsStore, scope: ScopeRef, item: vscode.TreeItem): vscode.TreeItem {
  const findings = store.findingsForScope(scope);
  if (!findings.length) return item;
  const label = `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}`;
  item.description = item.description ? `${String(item.description)} · ${label}` : label;
  const lines = findings.map((f) => `${f.severity}: ${f.title} (${f.ruleId})`);
  item.tooltip = [typeof item.tooltip === 'string' ? item.tooltip : '', 'Health check:', ...lines].filter(Boolean).join('\n');
  return item;
}
