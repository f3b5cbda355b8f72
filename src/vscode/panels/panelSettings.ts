// The settings panels read: thresholds, the default range and the refresh interval. Read as
// untrusted input like the rest of mlMonitor.*: wrong types fall back to defaults.
import * as vscode from 'vscode';
import { defaultPanelThresholds, type PanelThresholds } from '../../core/metrics/panelQueries';
import { RANGE_PRESETS, type RangePreset } from '../../core/metrics/periods';
import { defaultRedThresholds } from '../../core/metrics/red';
import { readSettings } from '../platform/settings';

export interface PanelSettings {
  thresholds: PanelThresholds;
  defaultRange: RangePreset;
  /** Seconds between live refreshes; 0 = only on request. */
  refreshIntervalSeconds: number;
}

function percent(config: vscode.WorkspaceConfiguration, key: string, fallback: number): number {
  const value = config.get<unknown>(key);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(100, Math.max(1, value)) : fallback;
}

function positive(config: vscode.WorkspaceConfiguration, key: string, fallback: number): number {
  const value = config.get<unknown>(key);
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function readPanelSettings(): PanelSettings {
  const config = vscode.workspace.getConfiguration('mlMonitor');
  const base = readSettings();
  const range = config.get<unknown>('metrics.defaultRange');
  return {
    thresholds: {
      latencyMs: base.latencyThresholdMs,
      errorRatePercent: defaultRedThresholds.errorRateErrorPercent,
      cpu: percent(config, 'thresholds.cpuPercent', defaultPanelThresholds.cpu),
      memory: percent(config, 'thresholds.memoryPercent', defaultPanelThresholds.memory),
      gpu: percent(config, 'thresholds.gpuPercent', defaultPanelThresholds.gpu),
      gpuMemory: percent(config, 'thresholds.gpuMemoryPercent', defaultPanelThresholds.gpuMemory),
      disk: percent(config, 'thresholds.diskPercent', defaultPanelThresholds.disk),
      datasetQueryMs: positive(config, 'thresholds.datasetQueryP95Ms', defaultPanelThresholds.datasetQueryMs),
    },
    defaultRange: (RANGE_PRESETS as readonly unknown[]).includes(range) ? (range as RangePreset) : '1d',
    refreshIntervalSeconds: base.refreshIntervalSeconds,
  };
}
