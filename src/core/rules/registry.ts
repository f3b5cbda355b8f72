// Every rule's documentation entry in one list, in report order: what SARIF lists as the tool's
// rules, what docs/rules.md has an anchor for, and what the settings reader checks names against.
import { availabilityRules } from './availability';
import { datasetRules } from './datasets';
import { redRules } from './red';
import { overProvisionedRule } from './rightsizing';
import { trainingRules } from './training';
import type { RuleDoc, Severity } from './types';
import { cpuHighRule, diskHighRule, gpuHighRule, memoryHighRule, memoryLeakRule } from './utilization';
import { workspaceRules } from './workspace';

export const utilizationRules: readonly RuleDoc[] = [memoryHighRule, memoryLeakRule, cpuHighRule, gpuHighRule, diskHighRule, overProvisionedRule];

export const allRules: readonly RuleDoc[] = [...redRules, ...utilizationRules, ...trainingRules, ...datasetRules, ...availabilityRules, ...workspaceRules];

const byId = new Map(allRules.map((r) => [r.id, r]));

export function findRule(id: string): RuleDoc | undefined {
  return byId.get(id);
}

/** docs/rules.md anchors: the id with its `/` as `-` (`red/error-rate` → `red-error-rate`). */
export function ruleAnchor(id: string): string {
  return id.replace(/\//g, '-');
}

export const DOCS_URL = 'https://github.com/ml-platform-monitor/ml-platform-monitor/blob/main/docs/rules.md';

export function ruleHelpUri(id: string): string {
  return `${DOCS_URL}#${ruleAnchor(id)}`;
}

export const severityRank: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The worst of `severities`, or undefined for none. */
export function worstSeverity(severities: Iterable<Severity>): Severity | undefined {
  let worst: Severity | undefined;
  for (const s of severities) if (!worst || severityRank[s] > severityRank[worst]) worst = s;
  return worst;
}
