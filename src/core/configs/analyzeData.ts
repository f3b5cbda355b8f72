// JSON and YAML files (CloudFormation, Azure ML, Vertex specs) and Terraform: parse once, decide the
// format from the tree, locate. A CloudFormation YAML template keeps the state that lets the next edit
// inside one resource be parsed alone (cfnIncremental.ts).
import { locateAzureMl, azureDocKind } from './azureml';
import type { CfnYamlState } from './cfnIncremental';
import { applyEdit, cfnYamlState, currentResults, nodeAt } from './cfnIncremental';
import type { CfnResourceResult } from './cloudformation';
import { linkCfnEndpoints, locateCloudFormation } from './cloudformation';
import { detectDataFormat } from './detect';
import { findDirectives, hashCommentAt } from './directives';
import type { DocNode } from './docTree';
import { insideScalar } from './docTree';
import { parseHcl } from './hclParser';
import { jsonComments, parseJson } from './jsonTree';
import { locateTerraform } from './terraform';
import type { LineIndex } from './text';
import type { ConfigDeclaration, ConfigDirective, ConfigFormat } from './types';
import { locateVertexSpec } from './vertexSpec';
import { parseYaml } from './yamlTree';

export interface Located {
  format?: ConfigFormat;
  declarations: ConfigDeclaration[];
  directives: ConfigDirective[];
  error?: { message: string; start: number; end: number };
  incremental?: boolean;
  /** CloudFormation YAML: what the next edit can start from. */
  cfnState?: CfnYamlState;
}

const containing = (spans: { start: number; end: number }[]) => (offset: number) => spans.find((c) => c.start <= offset && offset < c.end);

/** Locates in the parsed documents of a JSON or YAML file. */
function locateData(
  roots: (DocNode | undefined)[],
  lines: LineIndex,
): { format?: ConfigFormat; declarations: ConfigDeclaration[]; cfnResults?: CfnResourceResult[] } {
  const format = roots.map(detectDataFormat).find((f) => f !== undefined);
  if (format === 'cloudformation') {
    const cfnResults = locateCloudFormation(roots[0], lines);
    return { format, declarations: linkCfnEndpoints(cfnResults), cfnResults };
  }
  const declarations: ConfigDeclaration[] = [];
  roots.forEach((root, i) => {
    const found = locateDocument(format, root, lines);
    // Several YAML documents in one file: keep ids unique.
    declarations.push(...(roots.length > 1 ? found.map((d) => ({ ...d, id: `doc${i + 1}/${d.id}` })) : found));
  });
  return { format, declarations };
}

function locateDocument(format: ConfigFormat | undefined, root: DocNode | undefined, lines: LineIndex): ConfigDeclaration[] {
  if (format === 'azureml') {
    const kind = azureDocKind(root);
    return kind ? locateAzureMl(root, kind, lines) : [];
  }
  return format === 'vertexSpec' ? locateVertexSpec(root, lines) : [];
}

export function locateYaml(text: string, lines: LineIndex, previous?: CfnYamlState): Located {
  if (previous) {
    const state = applyEdit(previous, text);
    if (state) {
      const declarations = linkCfnEndpoints(currentResults(state));
      const directives = findDirectives(text, lines, (at) =>
        hashCommentAt(text, at, (hash) => {
          const { node, shift } = nodeAt(state, hash);
          return insideScalar(node, hash - shift);
        }),
      );
      return { format: 'cloudformation', declarations, directives, incremental: true, cfnState: state };
    }
  }
  const parsed = parseYaml(text);
  const { format, declarations, cfnResults } = locateData(parsed.roots, lines);
  const directives = format ? findDirectives(text, lines, (at) => hashCommentAt(text, at, (hash) => parsed.roots.some((r) => insideScalar(r, hash)))) : [];
  const located: Located = { format, declarations, directives, ...(parsed.error ? { error: parsed.error } : {}) };
  if (cfnResults && !parsed.error) {
    const state = cfnYamlState(text, lines, parsed.roots[0], cfnResults);
    if (state) located.cfnState = state;
  }
  return located;
}

export function locateJson(text: string, lines: LineIndex): Located {
  const parsed = parseJson(text);
  const { format, declarations } = locateData([parsed.root], lines);
  const directives = format && text.includes('mlmon:') ? findDirectives(text, lines, containing(jsonComments(text))) : [];
  return { format, declarations, directives, ...(parsed.error ? { error: parsed.error } : {}) };
}

export function locateHcl(text: string, lines: LineIndex): Located {
  const file = parseHcl(text);
  return {
    format: 'terraform',
    declarations: locateTerraform(file, lines),
    directives: findDirectives(text, lines, containing(file.comments)),
    ...(file.error ? { error: file.error } : {}),
  };
}
