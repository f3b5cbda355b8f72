// CloudFormation (JSON or YAML): each production variant of an AWS::SageMaker::EndpointConfig is a
// declaration. Intrinsics resolve where the template alone decides the value: `Ref` to a Parameter with a
// Default, `Fn::FindInMap` with literal keys, `Fn::Sub` without variables. Work is per resource so an edit
// inside one resource re-locates only that resource (see cfnIncremental.ts).
import type { DocEntry, DocNode } from './docTree';
import { childOf, entryOf, itemsOf, stringOf } from './docTree';
import type { LineIndex } from './text';
import { apiVariantKeys, sagemakerVariant } from './sagemakerVariant';
import type { ConfigDeclaration, ConfigValue, SourceRange } from './types';
import type { Resolution, Resolver } from './values';
import { stringValue } from './values';

export const ENDPOINT_CONFIG_TYPE = 'AWS::SageMaker::EndpointConfig';
const ENDPOINT_TYPE = 'AWS::SageMaker::Endpoint';

/** Template-level tables intrinsics resolve against. */
export interface CfnTables {
  parameters: Map<string, { default?: DocNode }>;
  mappings?: DocNode;
}

/** What one resource contributes. */
export interface CfnResourceResult {
  logicalId: string;
  declarations: ConfigDeclaration[];
  /** An AWS::SageMaker::Endpoint: which endpoint config it deploys, under which name. */
  endpoint?: { configLogicalId: string; name: ConfigValue<string>; range: SourceRange };
}

export function isCloudFormation(root: DocNode | undefined): boolean {
  if (root?.kind !== 'map') return false;
  if (entryOf(root, 'AWSTemplateFormatVersion')) return true;
  const resources = childOf(root, 'Resources');
  return resources?.kind === 'map' && resources.entries.some((e) => (stringOf(childOf(e.value, 'Type')) ?? '').startsWith('AWS::'));
}

export function cfnTables(root: DocNode | undefined): CfnTables {
  const parameters = new Map<string, { default?: DocNode }>();
  const params = childOf(root, 'Parameters');
  if (params?.kind === 'map') for (const e of params.entries) parameters.set(e.key, { default: childOf(e.value, 'Default') });
  return { parameters, mappings: childOf(root, 'Mappings') };
}

/** The intrinsic function a node calls (`!Ref X` or `{ "Ref": "X" }`) and its argument. */
function intrinsic(node: DocNode): { fn: string; arg: DocNode | undefined } | undefined {
  if (node.tag) {
    const name = node.tag.slice(1);
    const fn = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
    // The argument is the node without its tag.
    return { fn, arg: { ...node, tag: undefined, start: node.kind === 'scalar' ? node.valueStart : node.start } as DocNode };
  }
  if (node.kind === 'map' && node.entries.length === 1) {
    const key = node.entries[0].key;
    if (key === 'Ref' || key.startsWith('Fn::')) return { fn: key, arg: node.entries[0].value };
  }
  return undefined;
}

function literalOf(node: DocNode | undefined): { value: string | number; start: number; end: number } | undefined {
  if (node?.kind !== 'scalar' || node.tag || (typeof node.value !== 'string' && typeof node.value !== 'number')) return undefined;
  return { value: node.value, start: node.valueStart, end: node.valueEnd };
}

export function cfnResolver(tables: CfnTables, text: string): Resolver {
  return (node) => {
    const call = intrinsic(node);
    const reference = text.slice(node.start, node.end);
    if (!call) return undefined;
    if (call.fn === 'Ref') return resolveRef(tables, stringOf(call.arg), reference);
    if (call.fn === 'Fn::FindInMap') return resolveFindInMap(tables, call.arg, reference);
    if (call.fn === 'Fn::Sub') {
      const template = stringOf(call.arg);
      const lit = literalOf(call.arg);
      if (template !== undefined && !template.includes('${') && lit) {
        return { reference, value: template, resolvedFrom: { description: 'the Fn::Sub string (no variables)', start: lit.start, end: lit.end } };
      }
      return { reference, note: 'unresolved: Fn::Sub substitutes variables at deploy time' };
    }
    return { reference, note: `unresolved: ${call.fn} is evaluated by CloudFormation at deploy time` };
  };
}

function resolveRef(tables: CfnTables, name: string | undefined, reference: string): Resolution {
  if (name === undefined) return { reference, note: 'unresolved: Ref to a computed name' };
  if (name.startsWith('AWS::')) return { reference, note: `unresolved: ${name} is a pseudo parameter known at deploy time` };
  const param = tables.parameters.get(name);
  if (!param) return { reference, note: `unresolved: '${name}' is not a Parameter of this template` };
  const lit = literalOf(param.default);
  if (!lit) return { reference, note: `unresolved: Parameter ${name} has no Default, so the value is given at deploy time` };
  return {
    reference,
    value: lit.value,
    resolvedFrom: { description: `Default of Parameter ${name}`, start: lit.start, end: lit.end },
    note: `Default of Parameter ${name}; a stack can pass another value`,
  };
}

function resolveFindInMap(tables: CfnTables, arg: DocNode | undefined, reference: string): Resolution {
  const keys = itemsOf(arg).map(stringOf);
  if (keys.length !== 3 || keys.some((k) => k === undefined)) {
    return { reference, note: 'unresolved: Fn::FindInMap keys are computed at deploy time' };
  }
  const [map, top, second] = keys as string[];
  const lit = literalOf(childOf(childOf(childOf(tables.mappings, map), top), second));
  if (!lit) return { reference, note: `unresolved: Mappings ${map}.${top}.${second} is not in this template` };
  return { reference, value: lit.value, resolvedFrom: { description: `Mappings ${map}.${top}.${second}`, start: lit.start, end: lit.end } };
}

/** Locates one entry of `Resources`. */
export function locateCfnResource(entry: DocEntry, tables: CfnTables, lines: LineIndex): CfnResourceResult {
  const type = stringOf(childOf(entry.value, 'Type'));
  const props = childOf(entry.value, 'Properties');
  const resolver = cfnResolver(tables, lines.text);
  if (type === ENDPOINT_TYPE) {
    const configLogicalId = logicalIdOf(childOf(props, 'EndpointConfigName'));
    if (!configLogicalId) return { logicalId: entry.key, declarations: [] };
    const nameNode = childOf(props, 'EndpointName');
    const name = nameNode
      ? stringValue(nameNode, lines.range(entry.start, entry.end), lines, resolver)
      : { source: 'missing' as const, range: lines.range(entry.keyStart, entry.keyEnd), note: `CloudFormation generates the name of endpoint ${entry.key}` };
    return { logicalId: entry.key, declarations: [], endpoint: { configLogicalId, name, range: lines.range(entry.start, entry.end) } };
  }
  if (type !== ENDPOINT_CONFIG_TYPE) return { logicalId: entry.key, declarations: [] };
  const ctx = { lines, format: 'cloudformation' as const, construct: ENDPOINT_CONFIG_TYPE, constructRange: lines.range(entry.start, entry.end), owner: entry.key, resolver };
  const declarations = [
    ...itemsOf(childOf(props, 'ProductionVariants')).map((v, i) => sagemakerVariant(v, i, false, apiVariantKeys, ctx)),
    ...itemsOf(childOf(props, 'ShadowProductionVariants')).map((v, i) => sagemakerVariant(v, i, true, apiVariantKeys, ctx)),
  ];
  return { logicalId: entry.key, declarations };
}

/** `!GetAtt Cfg.EndpointConfigName`, `!GetAtt [Cfg, EndpointConfigName]`, `!Ref Cfg` and their JSON forms. */
function logicalIdOf(node: DocNode | undefined): string | undefined {
  if (!node) return undefined;
  const call = intrinsic(node);
  if (!call) return undefined;
  if (call.fn === 'Ref') return stringOf(call.arg);
  if (call.fn !== 'Fn::GetAtt') return undefined;
  const dotted = stringOf(call.arg);
  if (dotted !== undefined) return dotted.split('.')[0];
  return stringOf(itemsOf(call.arg)[0]);
}

/** Names each endpoint config's variants after the endpoint that deploys it. Returns new objects. */
export function linkCfnEndpoints(results: readonly CfnResourceResult[]): ConfigDeclaration[] {
  const endpoints = new Map<string, NonNullable<CfnResourceResult['endpoint']>>();
  for (const r of results) if (r.endpoint && !endpoints.has(r.endpoint.configLogicalId)) endpoints.set(r.endpoint.configLogicalId, r.endpoint);
  return results.flatMap((r) =>
    r.declarations.map((d) => {
      const endpoint = endpoints.get(r.logicalId);
      if (!endpoint) return { ...d, name: { source: 'missing' as const, range: d.constructRange, note: `no ${ENDPOINT_TYPE} in this template deploys ${r.logicalId}` } };
      return { ...d, name: endpoint.name, linkedRanges: [endpoint.range] };
    }),
  );
}

/** Locates a whole template parsed at once (JSON, or YAML on first analysis). */
export function locateCloudFormation(root: DocNode | undefined, lines: LineIndex): CfnResourceResult[] {
  const tables = cfnTables(root);
  const resources = childOf(root, 'Resources');
  return resources?.kind === 'map' ? resources.entries.map((e) => locateCfnResource(e, tables, lines)) : [];
}
