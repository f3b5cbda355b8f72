// Static rules over located declarations: only what the file alone proves. Values that do not resolve,
// Kubernetes instance types, SageMaker local mode and jobs on named compute are never called unknown;
// a reference that resolves (a parameter default) is checked, and its fix edits the default.
import type { Catalog, InstanceTypeSpec } from '../catalog/catalog';
import { allInstanceTypes, findInstanceType, smallestFitting, suggestInstanceTypes } from '../catalog/catalog';
import { instanceFamily } from '../catalog/names';
import type { ProviderId } from '../model';
import type { ConfigFinding, ConfigFix, ConfigRuleId, ConfigSeverity } from './ruleIds';
import type { ConfigAnalysis, ConfigDeclaration, ConfigValue } from './types';

export type CatalogLookups = Pick<Catalog, 'findInstanceType' | 'suggestInstanceTypes' | 'allInstanceTypes' | 'smallestFitting'>;

export const builtinLookups: CatalogLookups = { findInstanceType, suggestInstanceTypes, allInstanceTypes, smallestFitting };

// Suggestions rank the whole table by edit distance: the costliest step of a check. A catalog never
// changes once built, so answers are kept per catalog (a checked repository repeats the same names).
const memo = new WeakMap<CatalogLookups, { suggestions: Map<string, string[]>; families: Map<ProviderId, Set<string>> }>();

function memoOf(catalog: CatalogLookups) {
  let m = memo.get(catalog);
  if (!m) memo.set(catalog, (m = { suggestions: new Map(), families: new Map() }));
  return m;
}

function suggestions(catalog: CatalogLookups, provider: ProviderId, name: string): string[] {
  const m = memoOf(catalog).suggestions;
  const key = `${provider}\u0000${name}`;
  let out = m.get(key);
  if (!out) {
    out = catalog.suggestInstanceTypes(provider, name, 3);
    if (m.size > 5000) m.clear();
    m.set(key, out);
  }
  return out;
}

function knownFamilies(catalog: CatalogLookups, provider: ProviderId): Set<string> {
  const m = memoOf(catalog).families;
  let out = m.get(provider);
  if (!out) m.set(provider, (out = new Set(catalog.allInstanceTypes(provider).map((s) => instanceFamily(s.provider, s.name) ?? s.name))));
  return out;
}

export interface ConfigRuleOptions {
  /** The catalog with the user's overrides; the built-in one otherwise. */
  catalog?: CatalogLookups;
}

export const platformNames: Record<ProviderId, string> = { aws: 'SageMaker', gcp: 'Vertex AI', azure: 'Azure ML' };

/** Every static finding for an analysed file: its parse problem, directive errors, and the rules below. */
export function checkConfig(analysis: ConfigAnalysis, options: ConfigRuleOptions = {}): ConfigFinding[] {
  const catalog = options.catalog ?? builtinLookups;
  const out: ConfigFinding[] = analysis.problems.map((p) => ({
    ruleId: p.ruleId,
    severity: 'error',
    title: 'Cannot parse the file',
    message: p.message,
    figures: { line: p.range.startLine + 1 },
    range: p.range,
    fixes: [],
  }));
  for (const d of analysis.directives) {
    if (!d.errors.length) continue;
    const message = `mlmon directive: ${d.errors.join('; ')}.`;
    out.push({ ruleId: 'config.invalidDirective', severity: 'warning', title: 'Malformed mlmon directive', message, figures: {}, range: d.range, fixes: [] });
  }
  // Past a parse error the parser guessed; a squiggle there would only repeat the parse error.
  const brokenFrom = analysis.problems.length ? Math.min(...analysis.problems.map((p) => p.range.start)) : Infinity;
  for (const decl of analysis.declarations) {
    if (decl.range.end >= brokenFrom) continue;
    const ignored = new Set(decl.directive?.ignore ?? []);
    for (const f of [...instanceTypeRules(decl, catalog), ...singleInstanceRule(decl)]) if (!ignored.has(f.ruleId)) out.push(f);
  }
  return out;
}

/** The value to check and, for a resolved reference, where its literal is. */
function checkable(value: ConfigValue<string> | undefined): { name: string; via?: string } | undefined {
  if (value?.value === undefined || value.source === 'missing') return undefined;
  if (value.source === 'reference' && !value.resolvedFrom) return undefined;
  return { name: value.value, ...(value.resolvedFrom ? { via: value.resolvedFrom.description } : {}) };
}

/** A fix that writes `replacement` where the literal lives: at the value, or at the default it resolved to. */
export function fixAt(value: ConfigValue, replacement: string, title: string, isPreferred: boolean): ConfigFix {
  const range = value.resolvedFrom?.range ?? value.range;
  const where = value.resolvedFrom ? ` in ${value.resolvedFrom.description}` : '';
  return { title: `${title}${where}`, range, replacement, ...(isPreferred ? { isPreferred: true } : {}) };
}

export function describeSpec(spec: InstanceTypeSpec): string {
  const parts = [`${spec.vcpu} vCPU`, `${spec.memoryGiB} GiB`];
  if (spec.gpus > 0) parts.push(`${spec.gpus} × ${spec.gpuModel ?? 'accelerator'}${spec.gpuMemoryGiB ? ` ${spec.gpuMemoryGiB} GiB` : ''}`);
  if (spec.pricePerHourUsd !== undefined) parts.push(`~$${spec.pricePerHourUsd.toFixed(2)}/h`);
  return parts.join(', ');
}

interface Draft {
  title: string;
  message: string;
  figures: Record<string, number | string>;
  fixes: ConfigFix[];
}

function finding(ruleId: ConfigRuleId, severity: ConfigSeverity, decl: ConfigDeclaration, value: ConfigValue, draft: Draft): ConfigFinding {
  return { ruleId, severity, ...draft, range: value.range, declarationId: decl.id };
}

function instanceTypeRules(decl: ConfigDeclaration, catalog: CatalogLookups): ConfigFinding[] {
  const value = decl.instanceType;
  const target = checkable(value);
  if (!target || decl.mode !== 'managed') return [];
  const platform = platformNames[decl.provider];
  const via = target.via ? ` (from ${target.via})` : '';
  const spec = catalog.findInstanceType(decl.provider, target.name);
  if (!spec) {
    const suggested = suggestions(catalog, decl.provider, target.name);
    // A family the catalog does not know may be newer than the catalog: say so instead of insisting.
    const family = instanceFamily(decl.provider, target.name);
    const knownFamily = family !== undefined && knownFamilies(catalog, decl.provider).has(family);
    const closest = suggested.length ? ` Closest valid: ${suggested.join(', ')}.` : '';
    const message = knownFamily || suggested.length
      ? `Unknown ${platform} instance type '${target.name}'${via}.${closest}`
      : `'${target.name}'${via} is not a ${platform} instance type in ML Monitor's catalog. If it is new, add it with mlMonitor.catalogFile.`;
    const fixes = suggested.map((s, i) => fixAt(value, s, `Change to ${s}`, suggested.length === 1 && i === 0));
    const figures = { instanceType: target.name, suggestions: suggested.join(', ') };
    const severity = knownFamily || suggested.length ? 'error' : 'warning';
    return [finding('config.unknownInstanceType', severity, decl, value, { title: `Unknown instance type ${target.name}`, message, figures, fixes })];
  }
  if (spec.local) return [];
  if (spec.generation === 'retired' || spec.generation === 'previous') {
    const replacements = replacementNames(decl, spec, catalog);
    const specs = replacements.map((r) => catalog.findInstanceType(decl.provider, r)).filter((s): s is InstanceTypeSpec => !!s);
    const listed = specs.map((s) => `${s.name} (${describeSpec(s)})`).join('; ');
    const fixes = specs.map((s, i) => fixAt(value, s.name, `Change to ${s.name}`, i === 0 && spec.generation === 'retired'));
    const figures = { instanceType: spec.name, replacements: replacements.join(', ') };
    if (spec.generation === 'retired') {
      const message = `${spec.name}${via} is retired: ${platform} no longer launches it.${listed ? ` Current equivalent: ${listed}.` : ''}`;
      return [finding('config.retiredInstanceType', 'error', decl, value, { title: `Retired instance type ${spec.name}`, message, figures, fixes })];
    }
    const message = `${spec.name}${via} is a previous-generation type (${describeSpec(spec)}).${listed ? ` Current: ${listed}.` : ''}`;
    return [finding('config.previousGeneration', 'info', decl, value, { title: `Previous-generation type ${spec.name}`, message, figures, fixes })];
  }
  return [];
}

/**
 * Current types to move to. The legacy `cloud-tpu` machine has no accelerators of its own (the TPU is
 * attached), so the catalog's like-for-like search would offer CPU machines; offer current TPU types.
 */
function replacementNames(decl: ConfigDeclaration, spec: InstanceTypeSpec, catalog: CatalogLookups): string[] {
  const tpu = spec.accelerator === 'tpu' || /^TPU/i.test(decl.acceleratorType?.value ?? '');
  if (!tpu) return suggestions(catalog, decl.provider, spec.name);
  return catalog
    .allInstanceTypes(decl.provider)
    .filter((s) => s.accelerator === 'tpu' && (s.generation ?? 'current') === 'current')
    .sort((a, b) => (a.pricePerHourUsd ?? Infinity) - (b.pricePerHourUsd ?? Infinity))
    .slice(0, 3)
    .map((s) => s.name);
}

const zoneWords: Record<ProviderId, string> = { aws: 'Availability Zones', gcp: 'zones', azure: 'availability zones' };

function singleInstanceRule(decl: ConfigDeclaration): ConfigFinding[] {
  if (decl.kind !== 'endpoint' || decl.mode !== 'managed' || decl.serverless || decl.shadow) return [];
  // The floor of the fleet: autoscaling minimum where one is set, else the initial count.
  const floor = decl.minInstances?.value !== undefined ? decl.minInstances : decl.instanceCount;
  if (!floor || floor.value !== 1) return [];
  const defaulted = floor.source === 'missing';
  const scalesIn = floor === decl.minInstances && ((decl.maxInstances?.value ?? 1) > 1 || (decl.instanceCount?.value ?? 1) > 1);
  const runs = scalesIn ? 'can scale in to 1 instance' : 'runs on 1 instance';
  const message =
    `${decl.label} ${runs}${defaulted ? ` (${floor.note ?? 'the default'})` : ''}: no redundancy across ${zoneWords[decl.provider]}, ` +
    'so one instance failure or a host update interrupts the endpoint. Use at least 2 instances for production.';
  const fixes = defaulted ? [] : [fixAt(floor, '2', 'Set the instance count to 2', true)];
  const range = defaulted ? decl.instanceType.range : floor.range;
  return [
    { ruleId: 'config.singleInstanceEndpoint', severity: 'warning', title: 'Endpoint on 1 instance', message, figures: { instances: 1 }, range, declarationId: decl.id, fixes },
  ];
}
