// Scalars as yaml's composer reads them, for the event fast path (yamlEvents.ts) and the composed path
// (yamlTree.ts) to agree on values and ranges.

// yaml's complaints about a plain scalar's first character; `undefined` for an empty one.
export const badPlainStart = ['\t', ',', '%', '|', '>', '@', '`'];

/** A plain scalar as the YAML 1.2 core schema reads it: yaml's tests, names ruled out early. */
export function coreValue(s: string): string | number | boolean | null {
  switch (s) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (!/^[-+.0-9]/.test(s)) return s;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

// yaml's node range starts at the value; a fix or a squiggle should cover `!Ref Name` as written.
export function tagStart(text: string, valueStart: number, tag: string): number {
  let i = valueStart;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n' || text[i - 1] === '\r')) i--;
  return text.slice(i - tag.length, i) === tag ? i - tag.length : valueStart;
}
