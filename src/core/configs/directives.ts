// `# mlmon: endpoint=<name>` comments: when a config computes a resource's name (`!Sub`, f-strings,
// variables from another file), the directive names the live resource so diagnostics and CodeLens can
// link the declaration to it. Each format says which offsets are comments (its parser knows); this file
// parses the comment and attaches it to the construct it belongs to.
import type { LineIndex } from './text';
import type { ConfigDeclaration, ConfigDirective, DeclarationKind } from './types';

export const DIRECTIVE_MARKER = 'mlmon:';

const kindKeys: Record<string, DeclarationKind> = {
  endpoint: 'endpoint',
  trainingjob: 'trainingJob',
  job: 'trainingJob',
  compute: 'compute',
};

/** Parses one comment's text (`# mlmon: ...`, `// mlmon: ...`, `/* mlmon: ... *\/`); undefined when it is not a directive. */
export function parseDirective(comment: string, lines: LineIndex, start: number, end: number): ConfigDirective | undefined {
  const body = comment.replace(/^\s*(#+|\/\/+|\/\*+)\s*/, '').replace(/\*+\/\s*$/, '');
  if (!body.startsWith(DIRECTIVE_MARKER)) return undefined;
  const directive: ConfigDirective = { range: lines.range(start, end), ignore: [], errors: [] };
  for (const word of body.slice(DIRECTIVE_MARKER.length).split(/\s+/).filter(Boolean)) {
    const eq = word.indexOf('=');
    const key = (eq === -1 ? word : word.slice(0, eq)).toLowerCase();
    const value = eq === -1 ? '' : word.slice(eq + 1).replace(/^["']|["']$/g, '');
    if (key === 'ignore') {
      directive.ignore.push(...value.split(',').filter(Boolean));
    } else if (kindKeys[key]) {
      if (!value) directive.errors.push(`'${key}=' needs a resource name`);
      else if (directive.name) directive.errors.push(`the directive names two resources ('${directive.name}' and '${value}')`);
      else {
        directive.kind = kindKeys[key];
        directive.name = value;
      }
    } else {
      directive.errors.push(`unknown key '${key}' (use endpoint=, trainingJob=, compute= or ignore=)`);
    }
  }
  if (!directive.name && !directive.ignore.length && !directive.errors.length) directive.errors.push('the directive names nothing');
  return directive;
}

/**
 * Finds directives by their marker and asks `commentAt` (the format's parser) whether the marker sits in a
 * comment and where that comment is. Markers inside strings are not comments and are skipped.
 */
export function findDirectives(
  text: string,
  lines: LineIndex,
  commentAt: (offset: number) => { start: number; end: number } | undefined,
): ConfigDirective[] {
  const out: ConfigDirective[] = [];
  let lastEnd = -1;
  for (let at = text.indexOf(DIRECTIVE_MARKER); at !== -1; at = text.indexOf(DIRECTIVE_MARKER, at + 1)) {
    if (at < lastEnd) continue;
    const comment = commentAt(at);
    if (!comment) continue;
    lastEnd = comment.end;
    const directive = parseDirective(text.slice(comment.start, comment.end), lines, comment.start, comment.end);
    if (directive) out.push(directive);
  }
  return out;
}

/** Finds a `#` comment around `offset` on its line; `isText(hash)` says when a `#` belongs to a string. */
export function hashCommentAt(text: string, offset: number, isText: (hash: number) => boolean): { start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  for (let hash = text.indexOf('#', lineStart); hash !== -1 && hash < offset; hash = text.indexOf('#', hash + 1)) {
    const before = hash === lineStart ? ' ' : text[hash - 1];
    if ((before === ' ' || before === '\t') && !isText(hash)) {
      const eol = text.indexOf('\n', offset);
      const end = eol === -1 ? text.length : eol;
      return { start: hash, end: text[end - 1] === '\r' ? end - 1 : end };
    }
  }
  return undefined;
}

/**
 * A directive belongs to the construct it sits in (a resource, a call, a file), or else to the next
 * construct after it; every declaration of that construct gets it (an endpoint config's variants all
 * belong to one endpoint). A later directive for the same construct wins.
 */
export function attachDirectives(declarations: ConfigDeclaration[], directives: ConfigDirective[]): void {
  const ranges = (d: ConfigDeclaration) => [d.constructRange, ...(d.linkedRanges ?? [])];
  for (const directive of directives) {
    const at = directive.range.start;
    let target: { decl: ConfigDeclaration; size: number } | undefined;
    for (const d of declarations) {
      for (const c of ranges(d)) {
        if (c.start <= at && at < c.end && (!target || c.end - c.start < target.size)) target = { decl: d, size: c.end - c.start };
      }
    }
    let next: { decl: ConfigDeclaration; start: number } | undefined;
    if (!target) {
      for (const d of declarations) {
        for (const c of ranges(d)) if (c.start >= directive.range.end && (!next || c.start < next.start)) next = { decl: d, start: c.start };
      }
    }
    const chosen = target?.decl ?? next?.decl;
    if (!chosen) continue;
    const group = chosen.constructRange;
    for (const d of declarations) {
      if (d.constructRange.start === group.start && d.constructRange.end === group.end) d.directive = directive;
    }
  }
}
