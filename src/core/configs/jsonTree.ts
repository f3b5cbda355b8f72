// JSON (comments and trailing commas tolerated, as VS Code's own JSON mode does) to DocNodes, with
// jsonc-parser's node offsets. Comments are read from its scanner, so `// mlmon:` directives work in JSON.
import type { Node, ParseError } from 'jsonc-parser';
import { createScanner, parseTree, printParseErrorCode, SyntaxKind } from 'jsonc-parser';
import type { DocEntry, DocNode } from './docTree';

export interface JsonParse {
  root?: DocNode;
  error?: { message: string; start: number; end: number };
}

export function parseJson(text: string): JsonParse {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const first = errors[0];
  const error = first
    ? { message: describe(first.error), start: first.offset, end: first.offset + first.length }
    : undefined;
  return { root: tree ? convert(tree) : undefined, error };
}

function describe(code: ParseError['error']): string {
  // printParseErrorCode gives identifiers such as `CloseBraceExpected`; spell them out.
  return printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function convert(node: Node): DocNode | undefined {
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object': {
      const entries: DocEntry[] = [];
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key || typeof key.value !== 'string') continue;
        const converted = value ? convert(value) : undefined;
        entries.push({
          key: key.value,
          keyStart: key.offset + 1,
          keyEnd: key.offset + Math.max(1, key.length - 1),
          value: converted,
          start: key.offset,
          end: converted ? converted.end : key.offset + key.length,
        });
      }
      return { kind: 'map', entries, start, end };
    }
    case 'array':
      return { kind: 'seq', items: (node.children ?? []).map(convert).filter((n): n is DocNode => n !== undefined), start, end };
    case 'string':
      return { kind: 'scalar', value: String(node.value), start, end, valueStart: start + 1, valueEnd: Math.max(start + 1, end - 1) };
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'scalar', value: node.value as number | boolean | null, start, end, valueStart: start, valueEnd: end };
    default:
      return undefined;
  }
}

/** Offsets of every comment, for directives. */
export function jsonComments(text: string): { start: number; end: number }[] {
  const scanner = createScanner(text, false);
  const out: { start: number; end: number }[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      out.push({ start: scanner.getTokenOffset(), end: scanner.getTokenOffset() + scanner.getTokenLength() });
    }
  }
  return out;
}
