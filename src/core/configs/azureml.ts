// Azure ML CLI v2 YAML: online deployments (managed and Kubernetes), command and pipeline jobs, and
// amlCompute clusters. The file's `$schema` says what it is; files without one are recognised by the
// keys the CLI requires. Kubernetes instance types are names a cluster defines, and a job on a named
// compute target gets its size from that target, so neither is checked against the VM catalog.
import type { DocNode } from './docTree';
import { childOf, entryOf, stringOf } from './docTree';
import type { LineIndex } from './text';
import type { ConfigDeclaration, DeploymentMode, SourceRange } from './types';
import { asCount, missingValue, optionalValue, stringValue } from './values';

export type AzureDocKind = 'managedDeployment' | 'kubernetesDeployment' | 'commandJob' | 'pipelineJob' | 'amlCompute';

const schemaKinds: [string, AzureDocKind][] = [
  ['managedonlinedeployment', 'managedDeployment'],
  ['kubernetesonlinedeployment', 'kubernetesDeployment'],
  ['commandjob', 'commandJob'],
  ['sweepjob', 'commandJob'],
  ['pipelinejob', 'pipelineJob'],
  ['amlcompute', 'amlCompute'],
];

export function azureDocKind(root: DocNode | undefined): AzureDocKind | undefined {
  if (root?.kind !== 'map') return undefined;
  const schema = stringOf(childOf(root, '$schema'))?.toLowerCase();
  if (schema?.includes('azureml')) {
    const file = schema.slice(schema.lastIndexOf('/') + 1);
    return schemaKinds.find(([key]) => file.startsWith(key))?.[1];
  }
  const type = stringOf(childOf(root, 'type'))?.toLowerCase();
  if (type === 'amlcompute') return 'amlCompute';
  if (type === 'command' && entryOf(root, 'command')) return 'commandJob';
  if (type === 'pipeline' && entryOf(root, 'jobs')) return 'pipelineJob';
  if (entryOf(root, 'endpoint_name') && (entryOf(root, 'instance_type') || entryOf(root, 'model'))) {
    return type === 'kubernetes' ? 'kubernetesDeployment' : 'managedDeployment';
  }
  return undefined;
}

export function locateAzureMl(root: DocNode | undefined, kind: AzureDocKind, lines: LineIndex): ConfigDeclaration[] {
  if (!root) return [];
  const range = lines.range(root.start, root.end);
  if (kind === 'managedDeployment' || kind === 'kubernetesDeployment') return [deployment(root, kind, range, lines)];
  if (kind === 'amlCompute') return [compute(root, range, lines)];
  if (kind === 'commandJob') {
    const name = stringOf(childOf(root, 'name')) ?? stringOf(childOf(root, 'display_name'));
    return [job(root, range, range, lines, 'commandJob', name ? `job ${name}` : 'command job', undefined)];
  }
  const jobs = childOf(root, 'jobs');
  const defaultCompute = childOf(childOf(root, 'settings'), 'default_compute');
  if (jobs?.kind !== 'map') return [];
  return jobs.entries
    .filter((e) => e.value?.kind === 'map' && (entryOf(e.value, 'resources') || entryOf(e.value, 'compute') || defaultCompute))
    .map((e) => job(e.value!, lines.range(e.start, e.end), range, lines, 'pipelineJob', `job ${e.key}`, defaultCompute, e.key));
}

function deployment(root: DocNode, kind: AzureDocKind, range: SourceRange, lines: LineIndex): ConfigDeclaration {
  const deploymentName = stringOf(childOf(root, 'name'));
  const scale = childOf(root, 'scale_settings');
  const mode: DeploymentMode = kind === 'kubernetesDeployment' ? 'kubernetes' : 'managed';
  const decl: ConfigDeclaration = {
    id: `deployment/${deploymentName ?? ''}`,
    kind: 'endpoint',
    provider: 'azure',
    format: 'azureml',
    construct: kind === 'kubernetesDeployment' ? 'kubernetesOnlineDeployment' : 'managedOnlineDeployment',
    label: `deployment ${deploymentName ?? '(unnamed)'}`,
    mode,
    name: stringValue(childOf(root, 'endpoint_name'), range, lines),
    instanceType: stringValue(childOf(root, 'instance_type'), range, lines),
    range,
    constructRange: range,
  };
  if (deploymentName !== undefined) decl.variant = deploymentName;
  const count = optionalValue(childOf(root, 'instance_count'), range, lines, asCount);
  if (count) decl.instanceCount = count;
  const min = optionalValue(childOf(scale, 'min_instances'), range, lines, asCount);
  const max = optionalValue(childOf(scale, 'max_instances'), range, lines, asCount);
  if (min) decl.minInstances = min;
  if (max) decl.maxInstances = max;
  return decl;
}

function compute(root: DocNode, range: SourceRange, lines: LineIndex): ConfigDeclaration {
  const name = stringValue(childOf(root, 'name'), range, lines);
  const size = childOf(root, 'size');
  return {
    id: `compute/${name.value ?? ''}`,
    kind: 'compute',
    provider: 'azure',
    format: 'azureml',
    construct: 'amlCompute',
    label: `compute ${name.value ?? '(unnamed)'}`,
    mode: 'managed',
    name,
    // The CLI documents Standard_DS3_v2 as the size when none is given.
    instanceType: size ? stringValue(size, range, lines) : missingValue(range, 'not set; Azure ML uses Standard_DS3_v2', 'Standard_DS3_v2'),
    minInstances: optionalValue(childOf(root, 'min_instances'), range, lines, asCount) ?? missingValue(range, 'not set; defaults to 0', 0),
    maxInstances: optionalValue(childOf(root, 'max_instances'), range, lines, asCount) ?? missingValue(range, 'not set; defaults to 1', 1),
    range,
    constructRange: range,
  };
}

function job(
  node: DocNode,
  range: SourceRange,
  constructRange: SourceRange,
  lines: LineIndex,
  construct: string,
  label: string,
  defaultCompute: DocNode | undefined,
  step?: string,
): ConfigDeclaration {
  const resources = childOf(node, 'resources');
  const computeNode = childOf(node, 'compute') ?? defaultCompute;
  const target = computeNode ? stringValue(computeNode, range, lines) : undefined;
  // No compute target (or `serverless`) means serverless compute, whose instance_type is a VM size.
  const serverless = !target || /^(azureml:)?serverless$/i.test(target.value ?? '');
  const typeNode = childOf(resources, 'instance_type');
  const nameNode = step ? undefined : childOf(node, 'name');
  const decl: ConfigDeclaration = {
    id: step ? `job/${step}` : 'job',
    kind: 'trainingJob',
    provider: 'azure',
    format: 'azureml',
    construct,
    label,
    mode: serverless ? 'managed' : 'cluster',
    name: nameNode ? stringValue(nameNode, range, lines) : missingValue(range, 'Azure ML generates the job name'),
    instanceType: typeNode
      ? stringValue(typeNode, range, lines)
      : missingValue(range, serverless ? 'not set; serverless compute picks a default size' : `not set; the size comes from compute target ${target?.value ?? ''}`),
    range,
    constructRange,
  };
  if (step) decl.variant = step;
  if (target) decl.computeTarget = target;
  const displayName = step ? undefined : childOf(node, 'display_name');
  if (displayName) decl.displayName = stringValue(displayName, range, lines);
  const experiment = step ? undefined : stringOf(childOf(node, 'experiment_name'));
  if (experiment) decl.experiment = experiment;
  const count = optionalValue(childOf(resources, 'instance_count'), range, lines, asCount);
  if (count) decl.instanceCount = count;
  return decl;
}
