// Puts the findings engine's findings (about live resources) onto the declarations that describe
// those resources: which value a finding belongs next to, and which edit carries out its fix. Pure
// (no vscode import), so `mlmon check PATHS...` places findings in files the same way the editor does.
import { fixAt } from '../../core/configs/rules';
import { findLinkedResource } from '../../core/configs/link';
import type { ConfigFinding, ConfigFix } from '../../core/configs/ruleIds';
import type { ConfigDeclaration, SourceRange } from '../../core/configs/types';
import { resourceKey, type Resource, type ResourceRef } from '../../core/model';
import type { Finding } from '../../core/rules/types';

export interface LinkedFinding {
  declaration: ConfigDeclaration;
  finding: Finding;
  /** The characters the finding is shown on. */
  range: SourceRange;
  fixes: ConfigFix[];
}

/** Resources known only by reference (from a health report), good enough to link by name. */
export function resourcesFromRefs(refs: Iterable<ResourceRef>): Resource[] {
  const seen = new Map<string, Resource>();
  for (const ref of refs) seen.set(resourceKey(ref), { ref, nativeId: '', status: 'unknown', rawStatus: '' });
  return [...seen.values()];
}

/** Declaration id → the live resource it describes, for every declaration that links. */
export function linkDeclarations(declarations: readonly ConfigDeclaration[], resources: readonly Resource[]): Map<string, Resource> {
  const out = new Map<string, Resource>();
  if (!resources.length) return out;
  for (const d of declarations) {
    // A job on a named compute cluster is still one live job; a cluster's own declaration is not.
    if (d.mode !== 'managed' && d.mode !== 'kubernetes' && !(d.mode === 'cluster' && d.kind === 'trainingJob')) continue;
    const r = findLinkedResource(d, resources);
    if (r) out.set(d.id, r);
  }
  return out;
}

/** A finding about the instance type (or one that asks for another) sits on the instance type; one about the count on the count. */
export function anchorFor(decl: ConfigDeclaration, finding: Finding): SourceRange {
  const count = countValue(decl);
  if (finding.fix?.instanceCount !== undefined && !finding.fix.instanceType && count) return count.range;
  if (decl.instanceType.source !== 'missing') return decl.instanceType.range;
  // A job sized by its compute target: the `compute:` line.
  if (decl.computeTarget && decl.computeTarget.source !== 'missing') return decl.computeTarget.range;
  // Nothing written to point at (serverless, defaults): the declaration's first line.
  return firstLine(decl.range);
}

/** The count a person edits to change how many instances run: the initial count, else the autoscaling floor. */
function countValue(decl: ConfigDeclaration): ConfigDeclaration['instanceCount'] {
  for (const v of [decl.instanceCount, decl.minInstances]) if (v && v.source !== 'missing') return v;
  return undefined;
}

function firstLine(range: SourceRange): SourceRange {
  if (range.startLine === range.endLine) return range;
  const cell = range.cell;
  return {
    ...range,
    end: range.start,
    endLine: range.startLine,
    endCharacter: range.startCharacter,
    ...(cell ? { cell: { ...cell, end: cell.start, endLine: cell.startLine, endCharacter: cell.startCharacter } } : {}),
  };
}

function money(usd: number | undefined, word: string): string {
  return usd ? ` (about $${Math.round(usd).toLocaleString('en-US')}/month ${word})` : '';
}

/** Edits that carry out the finding's fix at the values the declaration writes. */
export function fixesFor(decl: ConfigDeclaration, finding: Finding): ConfigFix[] {
  const fix = finding.fix;
  if (!fix) return [];
  const out: ConfigFix[] = [];
  const type = decl.instanceType;
  // An unresolved reference is replaced only on request: the value may be meant to vary per stack.
  const editable = (v: { source: string; value?: unknown; resolvedFrom?: unknown }) => v.source === 'literal' || v.resolvedFrom !== undefined;
  if (fix.instanceType && type.source !== 'missing' && type.value !== fix.instanceType) {
    const cost = money(fix.monthlySavingUsd, 'less') || money(fix.monthlyExtraCostUsd, 'more');
    const title = editable(type) ? `Change to ${fix.instanceType}${cost}` : `Replace ${type.reference ?? 'the reference'} with ${fix.instanceType}${cost}`;
    out.push(fixAt(type, fix.instanceType, title, editable(type)));
  }
  // Attached accelerators (Vertex AI: accelerator_count=, --accelerator=...,count=, acceleratorCount:).
  const accelerators = decl.acceleratorCount;
  if (fix.acceleratorCount !== undefined && accelerators && accelerators.source !== 'missing' && accelerators.value !== fix.acceleratorCount) {
    out.push(fixAt(accelerators, String(fix.acceleratorCount), `Set the accelerator count to ${fix.acceleratorCount}`, editable(accelerators) && !fix.instanceType));
  }
  const count = countValue(decl);
  if (fix.instanceCount !== undefined && count && count.value !== fix.instanceCount) {
    const title = `Set the instance count to ${fix.instanceCount}${money(fix.monthlyExtraCostUsd, 'more')}`;
    out.push(fixAt(count, String(fix.instanceCount), title, editable(count) && !fix.instanceType));
  }
  return out;
}

/**
 * The file already asks for what the finding recommends (the fix was applied, not yet deployed): the
 * live resource still shows the problem, but the config does not need changing.
 */
export function alreadyFixed(decl: ConfigDeclaration, finding: Finding): boolean {
  const fix = finding.fix;
  if (!fix || (fix.instanceType === undefined && fix.instanceCount === undefined && fix.acceleratorCount === undefined)) return false;
  const type = decl.instanceType.value;
  const typeDone = fix.instanceType === undefined || (type !== undefined && String(type).toLowerCase() === fix.instanceType.toLowerCase());
  const count = countValue(decl)?.value;
  const countDone = fix.instanceCount === undefined || (typeof count === 'number' && count >= fix.instanceCount);
  // Unwritten, Vertex AI attaches one accelerator when a type is named.
  const accelerators = decl.acceleratorCount?.value ?? (decl.acceleratorType?.value !== undefined ? 1 : undefined);
  const acceleratorsDone = fix.acceleratorCount === undefined || accelerators === fix.acceleratorCount;
  return typeDone && countDone && acceleratorsDone;
}

/** Live rules that say what a static rule already says from the file alone; the static one is kept. */
const coveredByStatic: Record<string, string> = { 'availability/single-instance': 'config.singleInstanceEndpoint' };

function sameName(decl: ConfigDeclaration, a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return decl.provider === 'azure' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * Which declaration each finding belongs to. A finding about one variant goes to the declarations of
 * that variant; one about the whole resource to the declaration of its only live variant, else the
 * first declaration linked to the resource, so it shows once per file.
 */
export function linkFindings(
  declarations: readonly ConfigDeclaration[],
  links: ReadonlyMap<string, Resource>,
  findings: readonly Finding[],
  staticFindings: readonly ConfigFinding[] = [],
): LinkedFinding[] {
  const byResource = new Map<string, { resource: Resource; decls: ConfigDeclaration[] }>();
  for (const d of declarations) {
    const r = links.get(d.id);
    if (!r) continue;
    const key = resourceKey(r.ref);
    const entry = byResource.get(key) ?? { resource: r, decls: [] };
    entry.decls.push(d);
    byResource.set(key, entry);
  }
  const out: LinkedFinding[] = [];
  for (const finding of findings) {
    const entry = byResource.get(resourceKey(finding.resource));
    if (!entry) continue;
    const { resource, decls } = entry;
    let targets: ConfigDeclaration[];
    if (finding.variant !== undefined) {
      targets = decls.filter((d) => sameName(d, d.variant, finding.variant));
      if (!targets.length) targets = decls.filter((d) => d.variant === undefined).slice(0, 1);
    } else {
      const only = resource.variants?.length === 1 ? resource.variants[0].name : undefined;
      targets = [decls.find((d) => sameName(d, d.variant, only)) ?? decls[0]];
    }
    for (const declaration of targets) {
      if (alreadyFixed(declaration, finding)) continue;
      const covered = coveredByStatic[finding.ruleId];
      if (covered && staticFindings.some((s) => s.ruleId === covered && s.declarationId === declaration.id)) continue;
      if (declaration.directive?.ignore.includes(finding.ruleId)) continue;
      out.push({ declaration, finding, range: anchorFor(declaration, finding), fixes: fixesFor(declaration, finding) });
    }
  }
  return out;
}
