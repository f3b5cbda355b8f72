// Terraform: SageMaker endpoint configurations (each `production_variants` block, `dynamic` ones
// included), Vertex AI resources with `dedicated_resources` (deployment resource pools, model garden
// deployments), and Azure ML compute clusters. `var.x` resolves to the variable's default and `local.x`
// to a literal local when they are declared in the same file; a .tfvars file can still override a
// default, which the value's note says.
import type { DocEntry, DocNode } from './docTree';
import { childOf, itemsOf, walkDoc } from './docTree';
import type { HclBlock, HclBody, HclExpr, HclFile } from './hclParser';
import { sagemakerVariant, terraformVariantKeys } from './sagemakerVariant';
import type { LineIndex } from './text';
import type { ConfigDeclaration, ConfigValue, SourceRange } from './types';
import { asCount, missingValue, optionalValue, stringValue } from './values';
import { locateDedicated } from './vertexSpec';

interface Tables {
  variables: Map<string, HclExpr | null>;
  locals: Map<string, HclExpr>;
  text: string;
}

export function locateTerraform(file: HclFile, lines: LineIndex): ConfigDeclaration[] {
  const tables: Tables = { variables: new Map(), locals: new Map(), text: lines.text };
  for (const b of file.body.blocks) {
    if (b.type === 'variable' && b.labels[0] !== undefined) tables.variables.set(b.labels[0], b.body.attributes.find((a) => a.name === 'default')?.expr ?? null);
    if (b.type === 'locals') for (const a of b.body.attributes) tables.locals.set(a.name, a.expr);
  }
  const resources = file.body.blocks.filter((b) => b.type === 'resource' && b.labels.length >= 2);
  const out: ConfigDeclaration[] = [];
  for (const block of resources) {
    const [type, name] = block.labels;
    const doc = bodyToDoc(block.body, block.start, block.end, tables);
    const constructRange = lines.range(block.start, block.end);
    const owner = `${type}.${name}`;
    if (type === 'aws_sagemaker_endpoint_configuration') {
      const ctx = { lines, format: 'terraform' as const, construct: type, constructRange, owner };
      const endpoint = sagemakerEndpoint(resources, owner, tables, lines);
      const name = endpoint?.name ?? missingValue<string>(constructRange, `no aws_sagemaker_endpoint in this file uses ${owner}`);
      const variants = [
        ...blocksOf(childOf(doc, 'production_variants')).map((v, i) => sagemakerVariant(v, i, false, terraformVariantKeys, ctx)),
        ...blocksOf(childOf(doc, 'shadow_production_variants')).map((v, i) => sagemakerVariant(v, i, true, terraformVariantKeys, ctx)),
      ];
      out.push(...variants.map((d) => ({ ...d, name, ...(endpoint ? { linkedRanges: [endpoint.range] } : {}) })));
    } else if (type.startsWith('google_vertex_ai_')) {
      const nameNode = childOf(doc, 'display_name') ?? childOf(doc, 'name') ?? childOf(childOf(doc, 'endpoint_config'), 'endpoint_display_name');
      const resourceName = nameNode ? stringValue(nameNode, constructRange, lines) : undefined;
      let index = 0;
      walkDoc(doc, (n) => {
        if (n.kind !== 'map') return;
        for (const e of n.entries) {
          if (e.key !== 'dedicated_resources') continue;
          for (const d of blocksOf(e.value)) {
            const idPrefix = index === 0 ? owner : `${owner}#${index}`;
            index++;
            out.push(...locateDedicated(d, { lines, format: 'terraform', construct: type, constructRange, idPrefix, ...(resourceName ? { name: resourceName } : {}) }));
          }
        }
      });
    } else if (type === 'azurerm_machine_learning_compute_cluster') {
      out.push(azureCluster(doc, owner, constructRange, lines));
    }
  }
  return out;
}

function azureCluster(doc: DocNode, owner: string, range: ConfigDeclaration['range'], lines: LineIndex): ConfigDeclaration {
  const scale = childOf(doc, 'scale_settings');
  const decl: ConfigDeclaration = {
    id: owner,
    kind: 'compute',
    provider: 'azure',
    format: 'terraform',
    construct: 'azurerm_machine_learning_compute_cluster',
    label: owner,
    mode: 'managed',
    name: stringValue(childOf(doc, 'name'), range, lines),
    instanceType: stringValue(childOf(doc, 'vm_size'), range, lines),
    range,
    constructRange: range,
  };
  const min = optionalValue(childOf(scale, 'min_node_count'), range, lines, asCount);
  const max = optionalValue(childOf(scale, 'max_node_count'), range, lines, asCount);
  if (min) decl.minInstances = min;
  if (max) decl.maxInstances = max;
  return decl;
}

/** The aws_sagemaker_endpoint whose endpoint_config_name refers to `owner`: its name and where it is. */
function sagemakerEndpoint(resources: HclBlock[], owner: string, tables: Tables, lines: LineIndex): { name: ConfigValue<string>; range: SourceRange } | undefined {
  for (const b of resources) {
    if (b.labels[0] !== 'aws_sagemaker_endpoint') continue;
    const ref = b.body.attributes.find((a) => a.name === 'endpoint_config_name')?.expr.traversal;
    if (!ref?.startsWith(`${owner}.`)) continue;
    const doc = bodyToDoc(b.body, b.start, b.end, tables);
    const range = lines.range(b.start, b.end);
    const name = childOf(doc, 'name');
    return { name: name ? stringValue(name, range, lines) : missingValue(range, 'Terraform generates the endpoint name'), range };
  }
  return undefined;
}

/** Repeated blocks become a sequence under their type; a single block a map. */
function blocksOf(node: DocNode | undefined): DocNode[] {
  return node?.kind === 'seq' ? itemsOf(node) : node ? [node] : [];
}

function bodyToDoc(body: HclBody, start: number, end: number, tables: Tables): DocNode {
  const entries: DocEntry[] = body.attributes.map((a) => {
    const value = exprToDoc(a.expr, tables);
    return { key: a.name, keyStart: a.start, keyEnd: a.start + a.name.length, value, start: a.start, end: a.end };
  });
  const grouped = new Map<string, { first: HclBlock; docs: DocNode[] }>();
  for (const b of body.blocks) {
    // A dynamic block generates blocks of its label's type from its `content` block.
    const content = b.type === 'dynamic' ? b.body.blocks.find((c) => c.type === 'content') : b;
    const type = b.type === 'dynamic' ? b.labels[0] : b.type;
    if (!content || type === undefined) continue;
    const doc = bodyToDoc(content.body, b.start, b.end, tables);
    const group = grouped.get(type) ?? { first: b, docs: [] };
    group.docs.push(doc);
    grouped.set(type, group);
  }
  for (const [type, { first, docs }] of grouped) {
    const value: DocNode = docs.length === 1 ? docs[0] : { kind: 'seq', items: docs, start: docs[0].start, end: docs[docs.length - 1].end };
    entries.push({ key: type, keyStart: first.start, keyEnd: first.start + first.type.length, value, start: first.start, end: value.end });
  }
  return { kind: 'map', entries, start, end };
}

function exprToDoc(expr: HclExpr, tables: Tables): DocNode {
  const { start, end, valueStart, valueEnd } = expr;
  if (expr.kind === 'string' || expr.kind === 'number' || expr.kind === 'bool') {
    return { kind: 'scalar', value: expr.value ?? null, start, end, valueStart, valueEnd };
  }
  if (expr.kind === 'null') return { kind: 'scalar', value: null, start, end, valueStart, valueEnd };
  const text = tables.text.slice(start, end);
  if (expr.kind !== 'traversal' || !expr.traversal) return { kind: 'ref', text, start, end, note: 'unresolved: an expression Terraform evaluates at plan time' };
  const [root, name] = expr.traversal.split('.');
  if (root === 'var' && name !== undefined) {
    if (!tables.variables.has(name)) return { kind: 'ref', text, start, end, note: `unresolved: variable "${name}" is declared in another file` };
    const def = tables.variables.get(name);
    if (!def || (def.kind !== 'string' && def.kind !== 'number')) {
      return { kind: 'ref', text, start, end, note: `unresolved: variable "${name}" has no literal default; a .tfvars file, -var or TF_VAR_${name} sets it` };
    }
    return {
      kind: 'ref',
      text,
      start,
      end,
      resolved: { value: def.value as string | number, start: def.valueStart, end: def.valueEnd, description: `default of variable "${name}"` },
      note: `default of variable "${name}"; a .tfvars file or -var can set another value`,
    };
  }
  if (root === 'local' && name !== undefined) {
    const local = tables.locals.get(name);
    if (local && (local.kind === 'string' || local.kind === 'number')) {
      return { kind: 'ref', text, start, end, resolved: { value: local.value as string | number, start: local.valueStart, end: local.valueEnd, description: `local value ${name}` } };
    }
    return { kind: 'ref', text, start, end, note: `unresolved: local.${name} is not a literal in this file` };
  }
  return { kind: 'ref', text, start, end, note: `unresolved: ${expr.traversal} is known only after apply` };
}
