// Vertex AI specs as data: CustomJob worker pools (`workerPoolSpecs[].machineSpec`, as `gcloud ai
// custom-jobs create --config` reads them, the REST body, or the Python SDK's dicts in snake_case) and
// deployments' `dedicatedResources`. Both spellings are accepted everywhere because users copy between
// the REST docs (camelCase) and the Python SDK (snake_case).
import type { DocNode } from './docTree';
import { childOf, entryOf, itemsOf, keysOf } from './docTree';
import type { LineIndex } from './text';
import type { ConfigDeclaration, ConfigFormat, ConfigValue, SourceRange } from './types';
import { asCount, asString, missingValue, optionalValue, valueOf } from './values';

const POOLS = ['workerPoolSpecs', 'worker_pool_specs'];
const DEDICATED = ['dedicatedResources', 'dedicated_resources'];
const NESTED = ['jobSpec', 'job_spec', 'trialJobSpec', 'trial_job_spec', 'trainingTaskInputs', 'training_task_inputs', 'deployedModel', 'deployed_model'];

/** Where the pools or dedicated resources sit in a spec file, if anywhere. */
export function findVertexSpecs(root: DocNode | undefined): { pools?: DocNode; dedicated?: DocNode } {
  for (let node = root, depth = 0; node?.kind === 'map' && depth < 4; depth++) {
    const pools = childOf(node, ...POOLS);
    const dedicated = childOf(node, ...DEDICATED);
    if (pools || dedicated) return { pools, dedicated };
    const next = keysOf(node).find((k) => NESTED.includes(k));
    node = next === undefined ? undefined : childOf(node, next);
  }
  return {};
}

export interface VertexContext {
  lines: LineIndex;
  format: ConfigFormat;
  construct: string;
  constructRange: SourceRange;
  name?: ConfigValue<string>;
  /** Prefix for declaration ids and labels, unique in the file. */
  idPrefix: string;
}

function machine(spec: DocNode | undefined, range: SourceRange, lines: LineIndex) {
  const m = childOf(spec, 'machineSpec', 'machine_spec');
  return {
    instanceType: valueOf(childOf(m, 'machineType', 'machine_type'), range, lines, asString),
    acceleratorType: optionalValue(childOf(m, 'acceleratorType', 'accelerator_type'), range, lines, asString),
    acceleratorCount: optionalValue(childOf(m, 'acceleratorCount', 'accelerator_count'), range, lines, asCount),
  };
}

/** One training-job declaration per non-empty worker pool (Vertex keeps empty `{}` pools as placeholders). */
export function locateWorkerPools(pools: DocNode | undefined, ctx: VertexContext): ConfigDeclaration[] {
  const out: ConfigDeclaration[] = [];
  itemsOf(pools).forEach((pool, index) => {
    if (pool.kind !== 'map' || pool.entries.length === 0) return;
    const range = ctx.lines.range(pool.start, pool.end);
    const m = machine(pool, range, ctx.lines);
    const decl: ConfigDeclaration = {
      id: `${ctx.idPrefix}/pool${index}`,
      kind: 'trainingJob',
      provider: 'gcp',
      format: ctx.format,
      construct: ctx.construct,
      label: `${ctx.idPrefix} worker pool ${index}`,
      mode: 'managed',
      variant: `pool ${index}`,
      instanceType: m.instanceType,
      instanceCount: optionalValue(childOf(pool, 'replicaCount', 'replica_count'), range, ctx.lines, asCount) ?? missingValue(range, 'not set; defaults to 1', 1),
      range,
      constructRange: ctx.constructRange,
    };
    if (m.acceleratorType) decl.acceleratorType = m.acceleratorType;
    if (m.acceleratorCount) decl.acceleratorCount = m.acceleratorCount;
    if (ctx.name) decl.name = ctx.name;
    out.push(decl);
  });
  return out;
}

/** A deployment's `dedicatedResources`: machine spec plus replica bounds (min defaults to 1). */
export function locateDedicated(dedicated: DocNode | undefined, ctx: VertexContext): ConfigDeclaration[] {
  if (dedicated?.kind !== 'map') return [];
  const range = ctx.lines.range(dedicated.start, dedicated.end);
  const m = machine(dedicated, range, ctx.lines);
  const decl: ConfigDeclaration = {
    id: `${ctx.idPrefix}/dedicated`,
    kind: 'endpoint',
    provider: 'gcp',
    format: ctx.format,
    construct: ctx.construct,
    label: `${ctx.idPrefix} dedicated resources`,
    mode: 'managed',
    instanceType: m.instanceType,
    minInstances:
      optionalValue(childOf(dedicated, 'minReplicaCount', 'min_replica_count'), range, ctx.lines, asCount) ??
      missingValue(range, 'not set; Vertex AI defaults to 1', 1),
    range,
    constructRange: ctx.constructRange,
  };
  const max = optionalValue(childOf(dedicated, 'maxReplicaCount', 'max_replica_count'), range, ctx.lines, asCount);
  if (max) decl.maxInstances = max;
  if (m.acceleratorType) decl.acceleratorType = m.acceleratorType;
  if (m.acceleratorCount) decl.acceleratorCount = m.acceleratorCount;
  if (ctx.name) decl.name = ctx.name;
  return [decl];
}

/** A Vertex spec file (YAML or JSON). */
export function locateVertexSpec(root: DocNode | undefined, lines: LineIndex): ConfigDeclaration[] {
  if (!root) return [];
  const { pools, dedicated } = findVertexSpecs(root);
  const constructRange = lines.range(root.start, root.end);
  const nameEntry = entryOf(root, 'displayName', 'display_name');
  const name = nameEntry ? valueOf(nameEntry.value, constructRange, lines, asString) : undefined;
  const base = { lines, format: 'vertexSpec' as const, constructRange, ...(name ? { name } : {}) };
  return [
    ...locateWorkerPools(pools, { ...base, construct: 'CustomJob spec', idPrefix: 'workerPoolSpecs' }),
    ...locateDedicated(dedicated, { ...base, construct: 'DeployedModel spec', idPrefix: 'dedicatedResources' }),
  ];
}
