// SageMaker and Vertex AI Python SDK calls (and boto3's SageMaker client) in a tree-sitter Python tree.
// Calls are recognised by what they are called and which keyword arguments they take, since imports can
// be aliased: `PyTorch(instance_type=...)` is an estimator, `x.deploy(instance_type=...)` a SageMaker
// deployment, `x.deploy(machine_type=...)` a Vertex one.
import type { Node } from '@vscode/tree-sitter-wasm';
import { childOf, itemsOf, stringOf } from './docTree';
import type { ModuleVars } from './pyValues';
import { boundValue, calleeName, keywordArgs, pyToDoc, receiverOf } from './pyValues';
import { apiVariantKeys, sagemakerVariant } from './sagemakerVariant';
import type { LineIndex } from './text';
import type { ConfigDeclaration, ConfigFormat, ConfigValue, DeclarationKind, SourceRange } from './types';
import { asCount, asString, missingValue, valueOf } from './values';
import { locateWorkerPools } from './vertexSpec';

export interface PyContext {
  lines: LineIndex;
  vars: ModuleVars;
  format: ConfigFormat;
}

const SAGEMAKER_DEPLOY = ['instance_type', 'initial_instance_count', 'serverless_inference_config', 'endpoint_name', 'async_inference_config'];
const VERTEX_DEPLOY = ['machine_type', 'min_replica_count', 'max_replica_count', 'accelerator_count', 'deployed_model_display_name', 'traffic_percentage'];
const VERTEX_RUN = ['machine_type', 'replica_count', 'accelerator_type', 'accelerator_count'];
const LOCAL_TYPES = new Set(['local', 'local_gpu']);

export function locatePythonCalls(root: Node, ctx: PyContext): ConfigDeclaration[] {
  const out: ConfigDeclaration[] = [];
  const ids = new Map<string, number>();
  for (const call of root.descendantsOfType('call')) {
    if (!call) continue;
    for (const d of locateCall(call, ctx)) {
      const n = ids.get(d.id) ?? 0;
      ids.set(d.id, n + 1);
      out.push(n === 0 ? d : { ...d, id: `${d.id}#${n + 1}` });
    }
  }
  return out;
}

const METHODS = new Set(['deploy', 'run', 'submit', 'from_local_script', 'CustomJob', 'create_endpoint_config', 'create_training_job']);

function locateCall(call: Node, ctx: PyContext): ConfigDeclaration[] {
  const name = calleeName(call);
  // Reading keyword arguments crosses into the wasm tree for every node; skip calls that cannot match.
  if (!METHODS.has(name) && !/^[A-Z]/.test(name)) return [];
  const kw = keywordArgs(call);
  const has = (keys: string[]): boolean => keys.some((k) => kw.has(k));
  if (/^[A-Z]/.test(name) && (kw.has('instance_type') || kw.has('instance_count')) && !/(Processor|Transformer)$/.test(name)) {
    return [estimator(call, name, kw, ctx)];
  }
  if (name === 'deploy' && receiverOf(call)) {
    if (has(SAGEMAKER_DEPLOY)) return [sagemakerDeploy(call, kw, ctx)];
    if (has(VERTEX_DEPLOY) || kw.has('accelerator_type')) return [vertexDeploy(call, kw, ctx)];
    return [];
  }
  if ((name === 'run' || name === 'submit' || name === 'from_local_script') && has(VERTEX_RUN)) return [vertexRun(call, name, kw, ctx)];
  if (name === 'CustomJob' && kw.has('worker_pool_specs')) {
    const range = ctx.lines.range(call.startIndex, call.endIndex);
    const display = kw.get('display_name');
    return locateWorkerPools(pyToDoc(kw.get('worker_pool_specs')!, ctx.vars), {
      lines: ctx.lines,
      format: ctx.format,
      construct: 'CustomJob()',
      constructRange: range,
      idPrefix: labelOf(call, name),
      ...(display ? { name: value(display, range, ctx, asString) } : {}),
    });
  }
  if (name === 'create_endpoint_config' && kw.has('ProductionVariants')) return boto3EndpointConfig(call, kw, ctx);
  if (name === 'create_training_job' && kw.has('ResourceConfig')) return [boto3TrainingJob(call, kw, ctx)];
  return [];
}

function value<T extends string | number>(node: Node | undefined, container: SourceRange, ctx: PyContext, coerce: (v: string | number) => T | undefined): ConfigValue<T> {
  return valueOf(node ? pyToDoc(node, ctx.vars) : undefined, container, ctx.lines, coerce);
}

function optional<T extends string | number>(node: Node | undefined, container: SourceRange, ctx: PyContext, coerce: (v: string | number) => T | undefined): ConfigValue<T> | undefined {
  return node ? value(node, container, ctx, coerce) : undefined;
}

/** `estimator` for `estimator = PyTorch(...)`, else the call's callee as written. */
function labelOf(call: Node, fallback: string): string {
  const parent = call.parent;
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.startIndex === call.startIndex) {
    return parent.childForFieldName('left')?.text ?? fallback;
  }
  const fn = call.childForFieldName('function');
  const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
  // `Model(image_uri=..., ...).deploy`: name the constructor, not its arguments.
  if (object?.type === 'call') return `${calleeName(object)}(…).${fn?.childForFieldName('attribute')?.text ?? fallback}`;
  const text = fn?.text ?? fallback;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function base(call: Node, kind: DeclarationKind, provider: ConfigDeclaration['provider'], construct: string, label: string, ctx: PyContext, instanceType: ConfigValue<string>) {
  const range = ctx.lines.range(call.startIndex, call.endIndex);
  const local = instanceType.value !== undefined && provider === 'aws' && LOCAL_TYPES.has(instanceType.value);
  const decl: ConfigDeclaration = {
    id: label,
    kind,
    provider,
    format: ctx.format,
    construct,
    label,
    mode: local ? 'local' : 'managed',
    instanceType,
    range,
    constructRange: range,
  };
  return decl;
}

function estimator(call: Node, name: string, kw: Map<string, Node>, ctx: PyContext): ConfigDeclaration {
  const range = ctx.lines.range(call.startIndex, call.endIndex);
  const decl = base(call, 'trainingJob', 'aws', `${name}()`, labelOf(call, name), ctx, value(kw.get('instance_type'), range, ctx, asString));
  decl.instanceCount = value(kw.get('instance_count'), range, ctx, asCount);
  const jobName = kw.get('base_job_name');
  if (jobName) {
    decl.name = value(jobName, range, ctx, asString);
    decl.nameIsPrefix = true;
  } else decl.name = missingValue(range, 'the SDK names each job at fit(); pass base_job_name or add a directive');
  return decl;
}

function sagemakerDeploy(call: Node, kw: Map<string, Node>, ctx: PyContext): ConfigDeclaration {
  const range = ctx.lines.range(call.startIndex, call.endIndex);
  const serverlessNode = kw.get('serverless_inference_config');
  const typeNode = kw.get('instance_type');
  const instanceType = typeNode || !serverlessNode ? value(typeNode, range, ctx, asString) : missingValue<string>(range, 'serverless: no instance type');
  const decl = base(call, 'endpoint', 'aws', '.deploy()', `${labelOf(call, 'deploy')}`, ctx, instanceType);
  const count = kw.get('initial_instance_count');
  if (count || !serverlessNode) decl.instanceCount = value(count, range, ctx, asCount);
  const endpointName = kw.get('endpoint_name');
  decl.name = endpointName ? value(endpointName, range, ctx, asString) : missingValue(range, 'the SDK generates the endpoint name; pass endpoint_name or add a directive');
  const accelerator = kw.get('accelerator_type');
  if (accelerator) decl.acceleratorType = value(accelerator, range, ctx, asString);
  if (serverlessNode) {
    const config = boundValue(serverlessNode, ctx.vars) ?? serverlessNode;
    const sRange = ctx.lines.range(config.startIndex, config.endIndex);
    decl.serverless = { range: sRange };
    if (config.type === 'call' && calleeName(config) === 'ServerlessInferenceConfig') {
      const args = keywordArgs(config);
      // The SDK's documented defaults: 2048 MB and 5 concurrent invocations.
      decl.serverless.memorySizeMb = optional(args.get('memory_size_in_mb'), sRange, ctx, asCount) ?? missingValue(sRange, 'not set; defaults to 2048', 2048);
      decl.serverless.maxConcurrency = optional(args.get('max_concurrency'), sRange, ctx, asCount) ?? missingValue(sRange, 'not set; defaults to 5', 5);
      const provisioned = optional(args.get('provisioned_concurrency'), sRange, ctx, asCount);
      if (provisioned) decl.serverless.provisionedConcurrency = provisioned;
    }
  }
  return decl;
}

function vertexDeploy(call: Node, kw: Map<string, Node>, ctx: PyContext): ConfigDeclaration {
  const range = ctx.lines.range(call.startIndex, call.endIndex);
  const typeNode = kw.get('machine_type');
  const instanceType = typeNode ? value(typeNode, range, ctx, asString) : missingValue<string>(range, 'not set; Vertex AI uses automatic resources or n1-standard-2');
  const decl = base(call, 'endpoint', 'gcp', '.deploy()', labelOf(call, 'deploy'), ctx, instanceType);
  decl.minInstances = optional(kw.get('min_replica_count'), range, ctx, asCount) ?? missingValue(range, 'not set; Vertex AI defaults to 1', 1);
  const max = optional(kw.get('max_replica_count'), range, ctx, asCount);
  if (max) decl.maxInstances = max;
  const accelerator = optional(kw.get('accelerator_type'), range, ctx, asString);
  const acceleratorCount = optional(kw.get('accelerator_count'), range, ctx, asCount);
  if (accelerator) decl.acceleratorType = accelerator;
  if (acceleratorCount) decl.acceleratorCount = acceleratorCount;
  decl.name =
    displayNameOf(receiverOf(call), ['create', 'Endpoint'], range, ctx) ??
    displayNameOf(kw.get('endpoint'), ['create', 'Endpoint'], range, ctx) ??
    missingValue(range, "the endpoint's name is not in this call; add a directive such as # mlmon: endpoint=<name>");
  return decl;
}

function vertexRun(call: Node, name: string, kw: Map<string, Node>, ctx: PyContext): ConfigDeclaration {
  const range = ctx.lines.range(call.startIndex, call.endIndex);
  const typeNode = kw.get('machine_type');
  // The SDK's documented default for custom training is n1-standard-4.
  const instanceType = typeNode ? value(typeNode, range, ctx, asString) : missingValue<string>(range, 'not set; defaults to n1-standard-4', 'n1-standard-4');
  const construct = name === 'from_local_script' ? 'CustomJob.from_local_script()' : `.${name}()`;
  const decl = base(call, 'trainingJob', 'gcp', construct, labelOf(call, name), ctx, instanceType);
  decl.instanceCount = optional(kw.get('replica_count'), range, ctx, asCount) ?? missingValue(range, 'not set; defaults to 1', 1);
  const accelerator = optional(kw.get('accelerator_type'), range, ctx, asString);
  const acceleratorCount = optional(kw.get('accelerator_count'), range, ctx, asCount);
  if (accelerator) decl.acceleratorType = accelerator;
  if (acceleratorCount) decl.acceleratorCount = acceleratorCount;
  const display = kw.get('display_name');
  decl.name = display
    ? value(display, range, ctx, asString)
    : (displayNameOf(receiverOf(call), ['CustomTrainingJob', 'CustomContainerTrainingJob', 'CustomPythonPackageTrainingJob'], range, ctx) ??
      missingValue(range, 'no display_name in this call'));
  return decl;
}

/** `display_name=` of the constructor call a module-level variable is bound to. */
function displayNameOf(node: Node | undefined, constructors: string[], range: SourceRange, ctx: PyContext): ConfigValue<string> | undefined {
  const bound = boundValue(node, ctx.vars);
  if (bound?.type !== 'call' || !constructors.includes(calleeName(bound))) return undefined;
  const args = keywordArgs(bound);
  const display = args.get('display_name') ?? args.get('endpoint_name');
  return display ? value(display, range, ctx, asString) : undefined;
}

function boto3EndpointConfig(call: Node, kw: Map<string, Node>, ctx: PyContext): ConfigDeclaration[] {
  const range = ctx.lines.range(call.startIndex, call.endIndex);
  const configNode = kw.get('EndpointConfigName');
  const configName = configNode ? stringOf(pyToDoc(configNode, ctx.vars)) : undefined;
  const owner = configName ?? labelOf(call, 'create_endpoint_config');
  const vctx = { lines: ctx.lines, format: ctx.format, construct: 'create_endpoint_config()', constructRange: range, owner };
  const name = missingValue<string>(range, 'create_endpoint() names the endpoint; add a directive such as # mlmon: endpoint=<name>');
  return itemsOf(pyToDoc(kw.get('ProductionVariants')!, ctx.vars)).map((v, i) => ({ ...sagemakerVariant(v, i, false, apiVariantKeys, vctx), name }));
}

function boto3TrainingJob(call: Node, kw: Map<string, Node>, ctx: PyContext): ConfigDeclaration {
  const range = ctx.lines.range(call.startIndex, call.endIndex);
  const config = pyToDoc(kw.get('ResourceConfig')!, ctx.vars);
  const decl = base(call, 'trainingJob', 'aws', 'create_training_job()', labelOf(call, 'create_training_job'), ctx, valueOf(childOf(config, 'InstanceType'), range, ctx.lines, asString));
  decl.instanceCount = valueOf(childOf(config, 'InstanceCount'), range, ctx.lines, asCount);
  const jobName = kw.get('TrainingJobName');
  decl.name = jobName ? value(jobName, range, ctx, asString) : missingValue(range, 'TrainingJobName is missing');
  return decl;
}
