// SARIF for config files: one result per finding at its file, line and column (relative to the run's
// root through %SRCROOT%, so code scanning annotates the pull request's lines), the quick fix as a SARIF
// fix, and health findings given the file locations of the declarations of their resources.
import { pathToFileURL } from 'node:url';
import { CONFIG_RULES, type ConfigFix, type ConfigRuleInfo } from '../core/configs/ruleIds';
import type { SourceRange } from '../core/configs/types';
import { resourceKey } from '../core/model';
import type { Severity } from '../core/rules/types';
import { configHelpUri, type ConfigCheck } from './checkConfigsReport';
import type { ConfigFileResult } from './checkConfigsScan';
import { sarifLog } from './checkSarif';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SRCROOT = '%SRCROOT%';

function pascal(id: string): string {
  return id.replace(/^config\./, '').replace(/^./, (c) => c.toUpperCase());
}

function ruleDescriptor(rule: ConfigRuleInfo) {
  const help = configHelpUri(rule.id);
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.title },
    helpUri: help,
    help: { text: `${rule.title}. See ${help}`, markdown: `${rule.title}. [Documentation](${help})` },
    defaultConfiguration: { level: levels[rule.severity] },
    properties: { tags: ['ml-platform', 'deployment-config'], needs: rule.needs },
  };
}

/** SARIF regions are 1-based; endColumn is one past the last character, as our exclusive end already is. */
function region(range: SourceRange) {
  return { startLine: range.startLine + 1, startColumn: range.startCharacter + 1, endLine: range.endLine + 1, endColumn: range.endCharacter + 1 };
}

/** Each file's artifact location, worked out once for all its results and fixes. */
const artifacts = new WeakMap<ConfigFileResult, { uri: string; uriBaseId?: string }>();

function artifactLocation(file: ConfigFileResult): { uri: string; uriBaseId?: string } {
  let location = artifacts.get(file);
  if (!location) {
    const relative = !file.relPath.startsWith('/') && !/^[A-Za-z]:/.test(file.relPath);
    location = relative ? { uri: encodeURI(file.relPath), uriBaseId: SRCROOT } : { uri: pathToFileURL(file.file).href };
    artifacts.set(file, location);
  }
  return location;
}

function physicalLocation(file: ConfigFileResult, range: SourceRange) {
  return { physicalLocation: { artifactLocation: { ...artifactLocation(file) }, region: region(range) } };
}

function sarifFix(file: ConfigFileResult, fix: ConfigFix) {
  return {
    description: { text: fix.title },
    artifactChanges: [
      { artifactLocation: { ...artifactLocation(file) }, replacements: [{ deletedRegion: region(fix.range), insertedContent: { text: fix.replacement } }] },
    ],
  };
}

/** Rules and results for the config files, to go in a run of their own or after the health check's. */
export function configSarifParts(check: ConfigCheck, ruleOffset: number) {
  const index = new Map(CONFIG_RULES.map((r, i) => [r.id, ruleOffset + i]));
  const results = check.findings.map(({ file, finding }) => ({
    ruleId: finding.ruleId,
    ruleIndex: index.get(finding.ruleId) ?? -1,
    level: levels[finding.severity],
    message: { text: finding.message },
    locations: [physicalLocation(file, finding.range)],
    // Survives lines moving above the finding: the file, the declaration and the rule.
    partialFingerprints: { 'mlmonConfig/v1': `${finding.ruleId}|${file.relPath}|${finding.declarationId ?? finding.range.startLine}` },
    ...(finding.fixes.length ? { fixes: finding.fixes.map((x) => sarifFix(file, x)) } : {}),
    properties: { title: finding.title, figures: finding.figures },
  }));
  return { rules: CONFIG_RULES.map(ruleDescriptor), results };
}

interface SarifRun {
  tool: { driver: { rules: unknown[] } };
  results: Array<{ locations: Array<Record<string, unknown> & { logicalLocations?: Array<{ fullyQualifiedName?: string }> }>; fixes?: unknown[] }>;
  originalUriBaseIds?: Record<string, unknown>;
}

/** Adds the config results to a health check's SARIF, and file locations to the health results whose resources the files declare. */
export function addConfigsToSarif(sarif: { runs: unknown[] }, check: ConfigCheck): void {
  const run = sarif.runs[0] as SarifRun;
  const parts = configSarifParts(check, run.tool.driver.rules.length);
  const byResource = new Map<string, ConfigCheck['linked']>();
  for (const l of check.linked) {
    const key = `${resourceKey(l.linked.finding.resource)}|${l.linked.finding.ruleId}`;
    byResource.set(key, [...(byResource.get(key) ?? []), l]);
  }
  for (const result of run.results as Array<SarifRun['results'][number] & { ruleId: string }>) {
    const key = `${result.locations[0]?.logicalLocations?.[0]?.fullyQualifiedName}|${result.ruleId}`;
    const places = byResource.get(key);
    if (!places?.length) continue;
    // The first location keeps its logical location and gains the file; further declarations follow it.
    result.locations = places.map((p, i) => ({ ...(i === 0 ? result.locations[0] : {}), ...physicalLocation(p.file, p.linked.range) }));
    const fixes = places.flatMap((p) => p.linked.fixes.map((x) => sarifFix(p.file, x)));
    if (fixes.length) result.fixes = fixes;
  }
  run.tool.driver.rules.push(...parts.rules);
  run.results.push(...(parts.results as SarifRun['results']));
  run.originalUriBaseIds = { [SRCROOT]: { uri: rootUri(check.scan.root) } };
}

function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** A SARIF log of the config files alone (no cloud was checked). */
export function configSarif(check: ConfigCheck, toolVersion: string): object {
  const parts = configSarifParts(check, 0);
  return sarifLog(toolVersion, 'config check', parts.rules, {
    originalUriBaseIds: { [SRCROOT]: { uri: rootUri(check.scan.root) } },
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: check.scan.files
          .filter((f) => f.skipped && f.skipped !== 'notConfig')
          .map((f) => ({ level: 'note', message: { text: `Skipped ${f.relPath}: ${f.skipped}` }, locations: [physicalLocation(f, zero)] })),
      },
    ],
    results: parts.results,
  });
}

const zero: SourceRange = { start: 0, end: 0, startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 };
