// Owns the open panels: one metrics panel per resource (opening it again reveals it), one fleet
// overview, and the serializers that bring them back after a reload from their saved identity.
import * as vscode from 'vscode';
import { defaultPresetFor, rangeForRun, type RangeSpec } from '../../core/metrics/periods';
import { resourceKey, type Resource, type ResourceRef } from '../../core/model';
import { cleanRange, cleanRef, isMetricsPanelState } from '../../protocol/panelState';
import { FLEET_VIEW_TYPE, FleetPanel } from './fleetPanel';
import { METRICS_VIEW_TYPE, MetricsPanel } from './metricsPanel';
import type { PanelDeps } from './panelDeps';
import { panelOptions } from './webviewHtml';

export class PanelManager implements vscode.Disposable {
  private readonly metrics = new Map<string, MetricsPanel>();
  private fleet: FleetPanel | undefined;

  constructor(private readonly deps: PanelDeps) {}

  /** The range a panel opens with: a training job's own run, else the configured default. */
  defaultRange(kind: ResourceRef['kind'], resource?: Resource): RangeSpec {
    const phases = resource?.timeline;
    if (kind === 'trainingJob' && phases?.length) {
      const last = phases[phases.length - 1];
      const ended = ['completed', 'failed', 'stopped'].includes(resource!.status);
      return rangeForRun(phases[0].start, ended ? (last.end ?? last.start) : undefined, this.deps.now());
    }
    return { preset: defaultPresetFor(kind, this.deps.settings().defaultRange) };
  }

  /** Opens (or reveals) the panel of a resource; with only a ref it is looked up first. */
  openMetrics(target: Resource | ResourceRef, range?: RangeSpec, openedAt = this.deps.now()): MetricsPanel {
    const resource = 'nativeId' in target ? target : undefined;
    const ref = cleanRef(resource ? resource.ref : (target as ResourceRef));
    const existing = this.metrics.get(resourceKey(ref));
    if (existing) {
      existing.reveal(range && cleanRange(range), openedAt);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(METRICS_VIEW_TYPE, ref.name, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, panelOptions(this.deps.extensionUri));
    return this.track(new MetricsPanel(panel, this.deps, ref, range ? cleanRange(range) : this.defaultRange(ref.kind, resource), resource ? { resource } : undefined, openedAt));
  }

  /** A panel VS Code restored after a reload: its state comes from the webview, so it is checked. */
  restoreMetrics(panel: vscode.WebviewPanel, state: unknown): MetricsPanel | undefined {
    if (!isMetricsPanelState(state) || this.metrics.has(resourceKey(state.ref))) {
      this.deps.log.warn('A metrics panel could not be restored: its saved state is missing or invalid.');
      panel.dispose();
      return undefined;
    }
    return this.track(new MetricsPanel(panel, this.deps, cleanRef(state.ref), cleanRange(state.range), undefined, this.deps.now()));
  }

  private track(panel: MetricsPanel): MetricsPanel {
    this.metrics.set(panel.key, panel);
    panel.onDidDispose(() => {
      if (this.metrics.get(panel.key) === panel) this.metrics.delete(panel.key);
    });
    return panel;
  }

  openFleet(openedAt = this.deps.now()): FleetPanel {
    if (this.fleet) {
      this.fleet.reveal(openedAt);
      return this.fleet;
    }
    const panel = vscode.window.createWebviewPanel(FLEET_VIEW_TYPE, 'Fleet overview', vscode.ViewColumn.Active, panelOptions(this.deps.extensionUri));
    return this.trackFleet(panel, openedAt);
  }

  restoreFleet(panel: vscode.WebviewPanel): FleetPanel | undefined {
    if (this.fleet) {
      panel.dispose();
      return undefined;
    }
    return this.trackFleet(panel, this.deps.now());
  }

  private trackFleet(panel: vscode.WebviewPanel, openedAt: number): FleetPanel {
    const fleet = new FleetPanel(panel, this.deps, async (resource) => void this.openMetrics(resource), openedAt);
    this.fleet = fleet;
    fleet.onDidDispose(() => {
      if (this.fleet === fleet) this.fleet = undefined;
    });
    return fleet;
  }

  /** Open panels by resource key (for commands and tests). */
  get openPanels(): ReadonlyMap<string, MetricsPanel> {
    return this.metrics;
  }

  get fleetPanel(): FleetPanel | undefined {
    return this.fleet;
  }

  serializers(): vscode.Disposable[] {
    return [
      vscode.window.registerWebviewPanelSerializer(METRICS_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => void this.restoreMetrics(panel, state),
      }),
      vscode.window.registerWebviewPanelSerializer(FLEET_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => void this.restoreFleet(panel),
      }),
    ];
  }

  dispose(): void {
    for (const panel of [...this.metrics.values()]) panel.dispose();
    this.fleet?.dispose();
  }
}
