// Loads and validates scenario files (YAML or JSON) against docs/scenario.schema.json, with
// messages that say where (file, line, path in the document), what is wrong and what to do.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import schema from '../../docs/scenario.schema.json';
import type { Scenario } from './scenarioTypes';
import { isTimeExpr } from './time';

const DOCS = 'docs/scenarios.md';

export class ScenarioError extends Error {
  constructor(
    /** One line per problem, most useful first. */
    readonly problems: string[],
  ) {
    super(problems.length > 1 ? `${problems[0]} (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : problems[0]);
    this.name = 'ScenarioError';
  }
}

let validator: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  // Compiled on first use: most sandboxes run the built-in scenario and never need it.
  validator ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true }).compile(schema);
  return validator;
}

export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? (e as Error).message})`;
    throw new ScenarioError([`Scenario file ${file} ${why}. Check the path (relative paths start at ${process.cwd()}).`]);
  }
  return parseScenario(text, file);
}

/** Parses YAML or JSON text (JSON is YAML) and validates it. `source` names the text in messages. */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => `${source}:${at(lineCounter, e.pos[0])}: the file is not valid YAML or JSON: ${e.message.split('\n')[0]}. Fix the syntax at that line.`),
    );
  }
  let value: unknown;
  try {
    // A low alias budget stops "billion laughs" documents from eating memory.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ScenarioError([`${source}: ${(e as Error).message}. Simplify the YAML anchors and aliases.`]);
  }
  return validateScenario(value, source, { doc, lineCounter });
}

interface Positions {
  doc: Document;
  lineCounter: LineCounter;
}

/** Checks a parsed scenario; `positions` (when it came from text) adds line and column to messages. */
export function validateScenario(value: unknown, source = 'scenario', positions?: Positions): Scenario {
  const validate = schemaValidator();
  const problems: string[] = [];
  if (!validate(value)) {
    for (const error of usefulErrors(validate.errors ?? [])) problems.push(describe(error, source, positions));
  } else {
    for (const [path, message] of semanticProblems(value as Scenario)) problems.push(`${where(source, path, positions)}: ${message}`);
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return value as Scenario;
}

function at(lineCounter: LineCounter, offset: number): string {
  const pos = lineCounter.linePos(offset);
  return `${pos.line}:${pos.col}`;
}

function pointerSegments(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function where(source: string, pointer: string, positions?: Positions, key?: string): string {
  const label = pointer || '/';
  if (!positions) return `${source}: ${label}`;
  const segments = pointerSegments(pointer);
  const node = positions.doc.getIn(segments, true) as { range?: [number, number, number] } | undefined;
  let offset = node?.range?.[0];
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    offset = (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0] ?? offset;
  }
  return offset === undefined ? `${source}: ${label}` : `${source}:${at(positions.lineCounter, offset)}: ${label}`;
}

/** anyOf branches repeat each other; keep the error that names the field's intent. */
function usefulErrors(errors: ErrorObject[]): ErrorObject[] {
  const timeFields = new Set(errors.filter((e) => e.schemaPath.startsWith('#/definitions/time/')).map((e) => e.instancePath));
  const kept = errors.filter((e) => !(timeFields.has(e.instancePath) && e.schemaPath !== '#/definitions/time/anyOf'));
  const seen = new Set<string>();
  return kept.filter((e) => {
    const id = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describe(error: ErrorObject, source: string, positions?: Positions): string {
  // `verbose` makes Ajv keep the offending value; containers are left out, they print badly.
  const value: unknown = error.data;
  const got = value === undefined || (typeof value === 'object' && value !== null) ? '' : ` (got ${show(value)})`;
  const here = where(source, error.instancePath, positions, error.keyword === 'additionalProperties' ? (error.params.additionalProperty as string) : undefined);
  switch (error.keyword) {
    case 'additionalProperties':
      return `${here}: unknown field "${error.params.additionalProperty}". Remove it or fix its spelling; ${DOCS} lists the fields.`;
    case 'required':
      return `${here}: the field "${error.params.missingProperty}" is missing. Add it; ${DOCS} shows an example.`;
    case 'enum':
      return `${here}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}${got}.`;
    case 'type':
      return `${here}: must be ${typeNames[String(error.params.type)] ?? `of type ${error.params.type}`}${got}.`;
    case 'anyOf':
      if (error.schemaPath === '#/definitions/time/anyOf') {
        return `${here}: not a time${got}. Write now, -2h, -3d12h, start+10m, end-30m or an ISO 8601 timestamp.`;
      }
      return `${here}: ${error.message}${got}.`;
    case 'pattern':
      if (error.schemaPath === '#/definitions/duration/pattern') return `${here}: not a duration${got}. Write e.g. 90m, 6h or 3d12h.`;
      return `${here}: has the wrong form${got}; expected ${patternHint(error.instancePath)}.`;
    default:
      return `${here}: ${error.message}${got}.`;
  }
}

const typeNames: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  'integer,string': 'a number or a string',
};

function patternHint(pointer: string): string {
  if (pointer.endsWith('/instanceType')) return 'a SageMaker instance type such as ml.c5.xlarge';
  if (pointer.endsWith('/id')) return 'a 12-digit account id such as 123456789012';
  if (/\/regions\/\d+\/name$/.test(pointer)) return 'an AWS region such as us-east-1';
  if (/s3Uri$|S3Uri$/.test(pointer)) return 'an S3 URI such as s3://bucket/prefix/';
  if (pointer.endsWith('/clock/start')) return 'an ISO 8601 timestamp such as 2026-12-01T12:00:00Z';
  return 'the form shown in docs/scenarios.md';
}

/** Rules a JSON schema cannot say: unique names, durations that must be there, where start/end mean something. */
function semanticProblems(scenario: Scenario): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const unique = (items: Array<{ name?: string; id?: string }> | undefined, path: string, what: string) => {
    const seen = new Set<string>();
    (items ?? []).forEach((item, i) => {
      const name = item.name ?? item.id ?? '';
      if (seen.has(name)) problems.push([`${path}/${i}`, `a second ${what} named "${name}". Names must be unique; rename or remove one.`]);
      seen.add(name);
    });
  };
  const endsMeaningless = (signals: object | undefined, path: string, words: string[]) => {
    for (const [name, signal] of Object.entries(signals ?? {})) {
      const json = JSON.stringify(signal);
      for (const word of words) {
        if (new RegExp(`"${word}([+-][^"]*)?"`).test(json)) problems.push([`${path}/signals/${name}`, `uses "${word}", which only training jobs have. Use a time relative to now such as -2h.`]);
      }
    }
  };
  unique(scenario.aws?.accounts, '/aws/accounts', 'account');
  scenario.aws?.accounts.forEach((account, a) => {
    unique(account.regions, `/aws/accounts/${a}/regions`, 'region');
    account.regions.forEach((region, r) => {
      const base = `/aws/accounts/${a}/regions/${r}`;
      unique(region.endpoints, `${base}/endpoints`, 'endpoint');
      unique(region.trainingJobs, `${base}/trainingJobs`, 'training job');
      unique(region.featureGroups, `${base}/featureGroups`, 'feature group');
      unique(region.s3Buckets, `${base}/s3Buckets`, 'S3 bucket');
      region.endpoints?.forEach((e, i) => {
        endsMeaningless(e.signals, `${base}/endpoints/${i}`, ['end']);
        e.variants?.forEach((v, k) => {
          if (v.serverless && v.instanceType) problems.push([`${base}/endpoints/${i}/variants/${k}`, 'has both serverless and instanceType. A variant is one or the other; remove one.']);
          if (v.autoscaling && v.serverless) problems.push([`${base}/endpoints/${i}/variants/${k}/autoscaling`, 'is for instance counts; a serverless variant scales by concurrency. Remove it.']);
          if (v.autoscaling && v.autoscaling.minCapacity > v.autoscaling.maxCapacity) problems.push([`${base}/endpoints/${i}/variants/${k}/autoscaling`, 'has minCapacity above maxCapacity.']);
        });
      });
      region.s3Buckets?.forEach((b, i) => endsMeaningless(b.signals, `${base}/s3Buckets/${i}`, ['end']));
      region.trainingJobs?.forEach((j, i) => {
        if (j.status !== 'InProgress' && !j.duration) {
          problems.push([`${base}/trainingJobs/${i}`, `a ${j.status} job needs "duration" (how long it ran, e.g. 3h20m).`]);
        }
      });
    });
  });
  if (scenario.clock?.start && !isTimeExpr(scenario.clock.start)) problems.push(['/clock/start', 'is not a valid timestamp.']);
  return problems;
}
