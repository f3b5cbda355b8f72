// Which parser reads a file: from its name, the editor's language id, or (for names that say nothing)
// the first character or a shebang line. Which config format it is (CloudFormation, Azure ML, Vertex)
// is decided later from the parsed tree, never from the raw text.
import type { DocNode } from './docTree';
import { isCloudFormation } from './cloudformation';
import { azureDocKind } from './azureml';
import type { ConfigFormat, ConfigSyntax } from './types';
import { findVertexSpecs } from './vertexSpec';

const byExtension: [string, ConfigSyntax][] = [
  ['.ipynb', 'ipynb'],
  ['.tf', 'hcl'],
  ['.py', 'python'],
  ['.pyw', 'python'],
  ['.sh', 'shell'],
  ['.bash', 'shell'],
  ['.yaml', 'yaml'],
  ['.yml', 'yaml'],
  ['.json', 'json'],
  ['.jsonc', 'json'],
];

const byLanguageId: Record<string, ConfigSyntax> = {
  python: 'python',
  shellscript: 'shell',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'json',
  terraform: 'hcl',
  hcl: 'hcl',
  'jupyter-notebook': 'ipynb',
};

/** CloudFormation's own extensions hold JSON or YAML. */
const sniffed = ['.template', '.cfn', '.cform'];

export function detectSyntax(fileName: string, text: string, languageId?: string): ConfigSyntax | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tf.json')) return 'json';
  const ext = byExtension.find(([e]) => lower.endsWith(e));
  if (ext) return ext[1];
  if (languageId && byLanguageId[languageId]) return byLanguageId[languageId];
  const firstLineEnd = text.indexOf('\n');
  const firstLine = text.slice(0, firstLineEnd === -1 ? Math.min(text.length, 200) : firstLineEnd);
  if (/^#!.*\b(ba|da|k|z)?sh\b/.test(firstLine)) return 'shell';
  if (/^#!.*\bpython/.test(firstLine)) return 'python';
  if (sniffed.some((e) => lower.endsWith(e))) {
    const first = text.trimStart()[0];
    return first === '{' ? 'json' : 'yaml';
  }
  return undefined;
}

/** The config format of a parsed JSON or YAML document. */
export function detectDataFormat(root: DocNode | undefined): ConfigFormat | undefined {
  if (isCloudFormation(root)) return 'cloudformation';
  if (azureDocKind(root)) return 'azureml';
  const specs = findVertexSpecs(root);
  if (specs.pools || specs.dedicated) return 'vertexSpec';
  return undefined;
}
