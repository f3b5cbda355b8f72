// Shared by the config tests: where the fixtures are, one analyzer for the whole run (the grammars load
// once per process anyway), and the summary form the expectations in expected.json are written in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigAnalyzer } from '../../../src/core/configs/analyzer';
import { createConfigAnalyzer } from '../../../src/core/configs/analyzer';
import type { ConfigFinding } from '../../../src/core/configs/ruleIds';
import type { ConfigAnalysis, ConfigDeclaration, ConfigValue, SourceRange, TextSpan } from '../../../src/core/configs/types';

/** Tests run from out/test/unit/configs; fixtures stay in the source tree. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'configs');

let shared: ConfigAnalyzer | undefined;
export function analyzer(): ConfigAnalyzer {
  return (shared ??= createConfigAnalyzer());
}

export function readFixture(rel: string): string {
  return fs.readFileSync(path.join(fixturesDir, rel), 'utf8');
}

export async function analyzeText(fileName: string, text: string, languageId?: string): Promise<ConfigAnalysis> {
  // A fresh key per call: these tests are about one analysis, not the cache.
  return analyzer().analyze({ fileName, text, key: `${fileName}#${Math.random()}`, ...(languageId ? { languageId } : {}) });
}

/** `12:5-12:18`, 1-based like an editor's status bar. */
export function at(span: TextSpan): string {
  return `${span.startLine + 1}:${span.startCharacter + 1}-${span.endLine + 1}:${span.endCharacter + 1}`;
}

export interface ValueSummary {
  source: ConfigValue['source'];
  value?: string | number;
  at: string;
  text: string;
  unresolved?: true;
  resolvedFrom?: { at: string; text: string };
  /** Notebooks: `cell <index> <at>` inside the cell. */
  cell?: string;
}

function cellOf(range: SourceRange): string | undefined {
  return range.cell ? `cell ${range.cell.index} ${at(range.cell)}` : undefined;
}

export function summarizeValue(v: ConfigValue, text: string): ValueSummary {
  const out: ValueSummary = { source: v.source, at: at(v.range), text: text.slice(v.range.start, v.range.end) };
  if (v.value !== undefined) out.value = v.value;
  if (v.source === 'reference' && v.value === undefined) out.unresolved = true;
  if (v.resolvedFrom) out.resolvedFrom = { at: at(v.resolvedFrom.range), text: text.slice(v.resolvedFrom.range.start, v.resolvedFrom.range.end) };
  const cell = cellOf(v.range);
  if (cell) out.cell = cell;
  return out;
}

const valueKeys = ['name', 'instanceType', 'instanceCount', 'minInstances', 'maxInstances', 'acceleratorType', 'acceleratorCount', 'computeTarget'] as const;

export function summarizeDeclaration(d: ConfigDeclaration, text: string): Record<string, unknown> {
  const out: Record<string, unknown> = { id: d.id, kind: d.kind, provider: d.provider, mode: d.mode, construct: d.construct, label: d.label };
  if (d.variant !== undefined) out.variant = d.variant;
  if (d.directive?.name) out.directive = `${d.directive.kind}=${d.directive.name}`;
  if (d.cellIndex !== undefined) out.cellIndex = d.cellIndex;
  for (const key of valueKeys) {
    const v = d[key];
    if (v) out[key] = summarizeValue(v, text);
  }
  if (d.serverless) {
    out.serverless = {
      ...(d.serverless.memorySizeMb ? { memorySizeMb: summarizeValue(d.serverless.memorySizeMb, text) } : {}),
      ...(d.serverless.maxConcurrency ? { maxConcurrency: summarizeValue(d.serverless.maxConcurrency, text) } : {}),
    };
  }
  return out;
}

export function summarizeFinding(f: ConfigFinding, text: string): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    at: at(f.range),
    text: text.slice(f.range.start, f.range.end),
    fixes: f.fixes.map((x) => `${x.replacement} @ ${at(x.range)}${x.isPreferred ? ' (preferred)' : ''}`),
  };
}

export function summarize(analysis: ConfigAnalysis, text: string, findings: ConfigFinding[]): Record<string, unknown> {
  return {
    format: analysis.format ?? null,
    skipped: analysis.skipped ?? null,
    problems: analysis.problems.map((p) => ({ at: at(p.range), message: p.message })),
    declarations: analysis.declarations.map((d) => summarizeDeclaration(d, text)),
    findings: findings.map((f) => summarizeFinding(f, text)),
  };
}

/** Every range object inside a value, for "ranges stay inside the text" checks. */
export function allRanges(value: unknown, out: SourceRange[] = []): SourceRange[] {
  if (Array.isArray(value)) value.forEach((v) => allRanges(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.startLine === 'number') out.push(o as unknown as SourceRange);
    else Object.values(o).forEach((v) => allRanges(v, out));
  }
  return out;
}

/** Line and character of an offset, counted the slow obvious way, to check LineIndex against. */
export function naivePosition(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

export function listFixtures(dir = fixturesDir, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return listFixtures(path.join(dir, e.name), `${prefix}${e.name}/`);
    return e.name === 'expected.json' ? [] : [`${prefix}${e.name}`];
  });
}
