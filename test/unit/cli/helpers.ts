// Shared by the CLI tests: running mlmon in-process, the SARIF schema, and the config fixtures'
// expectations in the `path:line:col` form the reports print.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';

export const root = path.resolve(__dirname, '../../../..');
export const fixturesDir = path.join(root, 'test', 'fixtures', 'configs');

export interface Captured {
  code: number;
  out: string;
  err: string;
}

export async function mlmon(args: string[]): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), waitForStop: () => new Promise(() => undefined) };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The SARIF 2.1.0 schema as the SARIF SDK ships it (draft-04). */
export function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  ajv.addFormat('date-time', { validate: (x: string) => !Number.isNaN(Date.parse(x)) });
  return ajv.compile(schema);
}

interface Expected {
  findings: Array<{ ruleId: string; at: string; text: string; fixes: string[] }>;
}

/** Every fixture's findings as `path:startLine:startColumn-endLine:endColumn ruleId`, paths relative to the repository. */
export function expectedLocations(): string[] {
  const all = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'expected.json'), 'utf8')) as Record<string, Expected>;
  return Object.entries(all)
    .flatMap(([file, e]) => e.findings.map((f) => `test/fixtures/configs/${file}:${f.at} ${f.ruleId}`))
    .sort();
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion };
    logicalLocations?: Array<{ name: string; kind?: string }>;
  }>;
  fixes?: Array<{ description: { text: string }; artifactChanges: Array<{ replacements: Array<{ deletedRegion: SarifRegion; insertedContent: { text: string } }> }> }>;
}

export interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; helpUri: string }> } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: SarifResult[];
  }>;
}

export function regionText(r: SarifRegion): string {
  return `${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`;
}
