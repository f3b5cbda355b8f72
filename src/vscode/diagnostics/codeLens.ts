// CodeLens above each declaration linked to a live resource: what it is doing right now (p99 latency,
// requests/s, error %, CPU and memory over the last five minutes, fetched in one batch per scope) and
// "Open metrics", which opens the resource's panel. Only in trusted workspaces with a cloud connected.
import * as vscode from 'vscode';
import { formatNumber } from '../../core/metrics/red';
import { resourceKey, type Resource } from '../../core/model';
import type { ConfigDiagnostics } from './configDiagnostics';
import type { LiveData, LiveFigures, VariantFigures } from './liveData';

export interface CodeLensDeps {
  diagnostics: ConfigDiagnostics;
  live: LiveData;
  enabled(): boolean;
}

const fmt = (v: number) => formatNumber(v, Math.abs(v) >= 100 ? 0 : 1);

/** `p99 1,452 ms · 30.1 req/s · 0.2% err · CPU 35% · mem 48%` */
export function figuresText(f: VariantFigures): string {
  const parts: string[] = [];
  if (f.p99LatencyMs !== undefined) parts.push(`p99 ${fmt(f.p99LatencyMs)} ms`);
  if (f.requestsPerSecond !== undefined) parts.push(`${fmt(f.requestsPerSecond)} req/s`);
  if (f.errorRatePercent !== undefined) parts.push(`${fmt(f.errorRatePercent)}% err`);
  if (f.cpuPercent !== undefined) parts.push(`CPU ${fmt(f.cpuPercent)}%`);
  if (f.memoryPercent !== undefined) parts.push(`mem ${fmt(f.memoryPercent)}%`);
  return parts.join(' · ');
}

/** The figures of the declaration's variant when the endpoint has it, else of the whole endpoint. */
export function figuresFor(live: LiveFigures | undefined, variant: string | undefined): VariantFigures | undefined {
  if (!live) return undefined;
  return (variant !== undefined ? live.variants.get(variant) : undefined) ?? live.variants.get('');
}

export function lensTitle(resource: Resource, live: LiveFigures | undefined, variant: string | undefined): string {
  const name = `${resource.ref.name}${variant && (resource.variants?.length ?? 0) > 1 ? ` (${variant})` : ''}`;
  if (resource.ref.kind !== 'endpoint') return `$(pulse) ${name}: ${resource.rawStatus}`;
  if (resource.status !== 'inService' && resource.status !== 'updating') return `$(pulse) ${name}: ${resource.rawStatus}, no live traffic`;
  if (live?.error) return `$(warning) ${name}: live metrics unavailable`;
  const figures = figuresFor(live, variant);
  const text = figures ? figuresText(figures) : '';
  return `$(pulse) ${name} (last 5 min): ${text || 'no traffic'}`;
}

export class ConfigCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: CodeLensDeps) {
    this.subscriptions = [deps.diagnostics.onDidChange(() => this.changed.fire()), deps.live.onDidChange(() => this.changed.fire())];
  }

  /** Asks the editor to draw the lenses again (figures are fetched anew once their minute is up). */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.deps.enabled()) return [];
    const state = await this.deps.diagnostics.stateFor(doc);
    if (!state || !state.links.size) return [];
    const resources = [...new Set(state.links.values())];
    const figures = await this.deps.live.figuresFor(resources);
    const lenses: vscode.CodeLens[] = [];
    for (const decl of state.analysis.declarations) {
      const resource = state.links.get(decl.id);
      const where = resource && state.target.locate(decl.range);
      if (!resource || !where || where.uri.toString() !== doc.uri.toString()) continue;
      const range = new vscode.Range(where.range.start, where.range.start);
      const open: vscode.Command = { title: 'Open metrics', command: 'mlMonitor.openMetrics', arguments: [resource.ref], tooltip: `Open the metrics panel of ${resource.ref.name}` };
      const title = lensTitle(resource, figures.get(resourceKey(resource.ref)), decl.variant);
      lenses.push(new vscode.CodeLens(range, { ...open, title, tooltip: `Live figures of ${resource.ref.name} (${resource.ref.scopeId}); click for its metrics` }));
      lenses.push(new vscode.CodeLens(range, { ...open, title: '$(graph-line) Open metrics' }));
    }
    return lenses;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
