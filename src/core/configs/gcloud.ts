// `gcloud ai endpoints deploy-model` and `gcloud ai custom-jobs create` in shell scripts, read from the
// tree-sitter bash tree: every command node named gcloud, wherever it sits (functions, ifs, pipelines),
// with its arguments evaluated as the shell would (quotes, continuations, literal variables).
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Assignment, Evaluated } from './shellWords';
import { collectAssignments, evaluate, sliceValue } from './shellWords';
import type { LineIndex } from './text';
import type { ConfigDeclaration, ConfigFormat, ConfigValue, SourceRange } from './types';
import { asCount, asString, missingValue } from './values';

/** Flags that take a value, so `--flag value` (two words) is read like `--flag=value`. */
const VALUE_FLAGS = new Set([
  'machine-type', 'accelerator', 'min-replica-count', 'max-replica-count', 'display-name', 'region', 'model', 'project',
  'worker-pool-spec', 'config', 'traffic-split', 'service-account', 'deployed-model-id', 'args', 'python-package-uris',
]);

interface Flag {
  ev: Evaluated;
  /** Where the value starts and ends in `ev.text`. */
  from: number;
  to: number;
}

interface ParsedCommand {
  positionals: { ev: Evaluated }[];
  flags: Map<string, Flag[]>;
}

export function locateGcloud(root: Node, lines: LineIndex, format: ConfigFormat): ConfigDeclaration[] {
  const assignments = collectAssignments(root);
  const out: ConfigDeclaration[] = [];
  for (const command of root.descendantsOfType('command')) {
    const name = command?.childForFieldName('name')?.text;
    if (!command || !name || !/(^|\/)gcloud$/.test(name)) continue;
    const parsed = parseArguments(command, assignments);
    const path = parsed.positionals.map((p) => p.ev.text).filter((w) => w !== 'alpha' && w !== 'beta');
    if (path[0] !== 'ai') continue;
    const range = lines.range(command.startIndex, command.endIndex);
    if (path[1] === 'endpoints' && path[2] === 'deploy-model') out.push(deployModel(parsed, range, lines, format, out.length));
    else if (path[1] === 'custom-jobs' && path[2] === 'create') out.push(...customJob(parsed, range, lines, format, out.length));
  }
  return out;
}

function parseArguments(command: Node, assignments: Assignment[]): ParsedCommand {
  const words = command.childrenForFieldName('argument').filter((n): n is Node => !!n).map((n) => evaluate(n, assignments));
  const parsed: ParsedCommand = { positionals: [], flags: new Map() };
  for (let i = 0; i < words.length; i++) {
    const ev = words[i];
    if (!ev.text.startsWith('--')) {
      parsed.positionals.push({ ev });
      continue;
    }
    const eq = ev.text.indexOf('=');
    const name = ev.text.slice(2, eq === -1 ? undefined : eq);
    let flag: Flag;
    if (eq !== -1) flag = { ev, from: eq + 1, to: ev.text.length };
    else if (VALUE_FLAGS.has(name) && i + 1 < words.length) flag = { ev: words[++i], from: 0, to: words[i].text.length };
    else flag = { ev, from: ev.text.length, to: ev.text.length };
    parsed.flags.set(name, [...(parsed.flags.get(name) ?? []), flag]);
  }
  return parsed;
}

/** `type=nvidia-l4,count=1`: each key's value range inside the flag. */
function dictFlag(flag: Flag): Map<string, Flag> {
  const out = new Map<string, Flag>();
  let at = flag.from;
  while (at <= flag.to) {
    const comma = flag.ev.text.indexOf(',', at);
    const end = comma === -1 || comma > flag.to ? flag.to : comma;
    const eq = flag.ev.text.indexOf('=', at);
    if (eq !== -1 && eq < end) out.set(flag.ev.text.slice(at, eq).trim(), { ev: flag.ev, from: eq + 1, to: end });
    at = end + 1;
  }
  return out;
}

const str = (f: Flag | undefined, lines: LineIndex): ConfigValue<string> | undefined => (f ? sliceValue(f.ev, f.from, f.to, lines, asString) : undefined);
const num = (f: Flag | undefined, lines: LineIndex): ConfigValue<number> | undefined => (f ? sliceValue(f.ev, f.from, f.to, lines, asCount) : undefined);
const last = (flags: Map<string, Flag[]>, name: string): Flag | undefined => flags.get(name)?.slice(-1)[0];

function deployModel(parsed: ParsedCommand, range: SourceRange, lines: LineIndex, format: ConfigFormat, index: number): ConfigDeclaration {
  const endpoint = parsed.positionals.find((p, i) => i > 0 && parsed.positionals[i - 1].ev.text === 'deploy-model');
  const accelerator = last(parsed.flags, 'accelerator');
  const dict = accelerator ? dictFlag(accelerator) : new Map<string, Flag>();
  const display = last(parsed.flags, 'display-name');
  const decl: ConfigDeclaration = {
    id: `deploy-model#${index + 1}`,
    kind: 'endpoint',
    provider: 'gcp',
    format,
    construct: 'gcloud ai endpoints deploy-model',
    label: `deploy-model ${display?.ev.text.slice(display.from, display.to) ?? ''}`.trim(),
    mode: 'managed',
    name: endpoint ? sliceValue(endpoint.ev, 0, endpoint.ev.text.length, lines, asString) : missingValue(range, 'no ENDPOINT argument'),
    instanceType: str(last(parsed.flags, 'machine-type'), lines) ?? missingValue(range, 'not set; Vertex AI uses n1-standard-2 or automatic resources'),
    minInstances: num(last(parsed.flags, 'min-replica-count'), lines) ?? missingValue(range, 'not set; defaults to 1', 1),
    range,
    constructRange: range,
  };
  const max = num(last(parsed.flags, 'max-replica-count'), lines);
  if (max) decl.maxInstances = max;
  const type = str(dict.get('type'), lines);
  const count = num(dict.get('count'), lines);
  if (type) decl.acceleratorType = type;
  if (count) decl.acceleratorCount = count;
  return decl;
}

function customJob(parsed: ParsedCommand, range: SourceRange, lines: LineIndex, format: ConfigFormat, index: number): ConfigDeclaration[] {
  const name = str(last(parsed.flags, 'display-name'), lines) ?? missingValue<string>(range, 'no --display-name');
  return (parsed.flags.get('worker-pool-spec') ?? []).map((flag, pool) => {
    const spec = dictFlag(flag);
    const decl: ConfigDeclaration = {
      id: `custom-jobs#${index + 1}/pool${pool}`,
      kind: 'trainingJob',
      provider: 'gcp',
      format,
      construct: 'gcloud ai custom-jobs create',
      label: `custom-jobs create ${name.value ?? ''} worker pool ${pool}`.replace(/\s+/g, ' '),
      mode: 'managed',
      variant: `pool ${pool}`,
      name,
      instanceType: str(spec.get('machine-type'), lines) ?? missingValue(range, 'no machine-type in --worker-pool-spec'),
      instanceCount: num(spec.get('replica-count'), lines) ?? missingValue(range, 'not set; defaults to 1', 1),
      range: lines.range(firstSource(flag, range.start), lastSource(flag, range.end)),
      constructRange: range,
    };
    const type = str(spec.get('accelerator-type'), lines);
    const count = num(spec.get('accelerator-count'), lines);
    if (type) decl.acceleratorType = type;
    if (count) decl.acceleratorCount = count;
    return decl;
  });
}

function firstSource(flag: Flag, fallback: number): number {
  return flag.ev.src.find((s) => s >= 0) ?? fallback;
}

function lastSource(flag: Flag, fallback: number): number {
  for (let i = flag.ev.src.length - 1; i >= 0; i--) if (flag.ev.src[i] >= 0) return flag.ev.src[i] + 1;
  return fallback;
}
