// The config rules' ids, default severities and documentation anchors. `diagnostic.code` is the rule id
// and links to its section of docs/configs.md; the docs test checks every id has one.
import type { SourceRange } from './types';

export type ConfigRuleId =
  | 'config.parse'
  | 'config.unknownInstanceType'
  | 'config.retiredInstanceType'
  | 'config.previousGeneration'
  | 'config.singleInstanceEndpoint'
  | 'config.invalidDirective'
  | 'config.gpuWithoutGpuMetrics';

/** The findings engine's severities (src/core/rules/types.ts), so both map to diagnostics the same way. */
export type ConfigSeverity = 'error' | 'warning' | 'info';

/** A quick fix: replace `range` with `replacement`. */
export interface ConfigFix {
  title: string;
  range: SourceRange;
  replacement: string;
  /** The one fix that is clearly right (a single suggestion, a count of 2). */
  isPreferred?: boolean;
}

export interface ConfigFinding {
  ruleId: ConfigRuleId;
  severity: ConfigSeverity;
  /** Short, for lists: "Unknown instance type ml.g5.3xlarge". */
  title: string;
  /** The whole finding with its figures, fit to show as is. */
  message: string;
  /** The figures in the message, machine-readable (SARIF properties, tests). */
  figures: Record<string, number | string>;
  range: SourceRange;
  /** The declaration the finding is about, when there is one. */
  declarationId?: string;
  /** Best first; empty when no edit is clearly right. */
  fixes: ConfigFix[];
}

export interface ConfigRuleInfo {
  id: ConfigRuleId;
  title: string;
  severity: ConfigSeverity;
  /** Runs on file contents alone (untrusted workspaces too) or needs live metrics. */
  needs: 'file' | 'liveMetrics';
}

export const CONFIG_RULES: readonly ConfigRuleInfo[] = [
  { id: 'config.parse', title: 'File cannot be parsed', severity: 'error', needs: 'file' },
  { id: 'config.unknownInstanceType', title: 'Unknown instance type', severity: 'error', needs: 'file' },
  { id: 'config.retiredInstanceType', title: 'Retired instance type', severity: 'error', needs: 'file' },
  { id: 'config.previousGeneration', title: 'Previous-generation instance type', severity: 'info', needs: 'file' },
  { id: 'config.singleInstanceEndpoint', title: 'Real-time endpoint on a single instance', severity: 'warning', needs: 'file' },
  { id: 'config.invalidDirective', title: 'Malformed mlmon directive', severity: 'warning', needs: 'file' },
  { id: 'config.gpuWithoutGpuMetrics', title: 'GPU instance type with no GPU use', severity: 'warning', needs: 'liveMetrics' },
];

export const CONFIG_RULES_DOC = 'docs/configs.md';

/** The anchor GitHub and VS Code's Markdown preview give a `### config.ruleId` heading. */
export function configRuleAnchor(id: ConfigRuleId): string {
  return id.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

/** `docs/configs.md#configunknowninstancetype`, relative to the repository root. */
export function configRuleDocs(id: ConfigRuleId): string {
  return `${CONFIG_RULES_DOC}#${configRuleAnchor(id)}`;
}
