// A SageMaker production variant, whichever format spells it: CloudFormation and boto3 use the API's
// PascalCase keys, Terraform snake_case. One function so every format reports the same fields.
import type { DocNode } from './docTree';
import { childOf, stringOf } from './docTree';
import type { LineIndex } from './text';
import type { ConfigDeclaration, ConfigFormat, SourceRange } from './types';
import type { Resolver } from './values';
import { asCount, countValue, missingValue, optionalValue, stringValue } from './values';

export interface VariantKeys {
  variantName: string;
  instanceType: string;
  count: string;
  accelerator: string;
  serverless: string;
  memory: string;
  concurrency: string;
  provisioned: string;
  scaling: string;
  min: string;
  max: string;
}

export const apiVariantKeys: VariantKeys = {
  variantName: 'VariantName',
  instanceType: 'InstanceType',
  count: 'InitialInstanceCount',
  accelerator: 'AcceleratorType',
  serverless: 'ServerlessConfig',
  memory: 'MemorySizeInMB',
  concurrency: 'MaxConcurrency',
  provisioned: 'ProvisionedConcurrency',
  scaling: 'ManagedInstanceScaling',
  min: 'MinInstanceCount',
  max: 'MaxInstanceCount',
};

export const terraformVariantKeys: VariantKeys = {
  variantName: 'variant_name',
  instanceType: 'instance_type',
  count: 'initial_instance_count',
  accelerator: 'accelerator_type',
  serverless: 'serverless_config',
  memory: 'memory_size_in_mb',
  concurrency: 'max_concurrency',
  provisioned: 'provisioned_concurrency',
  scaling: 'managed_instance_scaling',
  min: 'min_instance_count',
  max: 'max_instance_count',
};

export interface VariantContext {
  lines: LineIndex;
  format: ConfigFormat;
  construct: string;
  constructRange: SourceRange;
  /** The resource's name in the file (logical id, Terraform address, variable). */
  owner: string;
  resolver?: Resolver;
}

export function sagemakerVariant(v: DocNode, index: number, shadow: boolean, keys: VariantKeys, ctx: VariantContext): ConfigDeclaration {
  const { lines, resolver } = ctx;
  const range = lines.range(v.start, v.end);
  const variantName = stringOf(childOf(v, keys.variantName));
  const decl: ConfigDeclaration = {
    id: `${ctx.owner}/${shadow ? 'shadow:' : ''}${variantName ?? index}`,
    kind: 'endpoint',
    provider: 'aws',
    format: ctx.format,
    construct: ctx.construct,
    label: `${ctx.owner} ${shadow ? 'shadow variant' : 'variant'} ${variantName ?? index + 1}`,
    mode: 'managed',
    instanceType:
      childOf(v, keys.instanceType) || !childOf(v, keys.serverless)
        ? stringValue(childOf(v, keys.instanceType), range, lines, resolver)
        : missingValue(range, 'serverless: no instance type'),
    range,
    constructRange: ctx.constructRange,
  };
  if (variantName !== undefined) decl.variant = variantName;
  if (shadow) decl.shadow = true;
  const count = optionalValue(childOf(v, keys.count), range, lines, asCount, resolver);
  if (count) decl.instanceCount = count;
  const scaling = childOf(v, keys.scaling);
  const min = optionalValue(childOf(scaling, keys.min), range, lines, asCount, resolver);
  const max = optionalValue(childOf(scaling, keys.max), range, lines, asCount, resolver);
  if (min) decl.minInstances = min;
  if (max) decl.maxInstances = max;
  const accelerator = childOf(v, keys.accelerator);
  if (accelerator) decl.acceleratorType = stringValue(accelerator, range, lines, resolver);
  const serverless = childOf(v, keys.serverless);
  if (serverless) {
    const sRange = lines.range(serverless.start, serverless.end);
    decl.serverless = { range: sRange };
    const memory = childOf(serverless, keys.memory);
    const concurrency = childOf(serverless, keys.concurrency);
    const provisioned = childOf(serverless, keys.provisioned);
    if (memory) decl.serverless.memorySizeMb = countValue(memory, sRange, lines, resolver);
    if (concurrency) decl.serverless.maxConcurrency = countValue(concurrency, sRange, lines, resolver);
    if (provisioned) decl.serverless.provisionedConcurrency = countValue(provisioned, sRange, lines, resolver);
  }
  return decl;
}
