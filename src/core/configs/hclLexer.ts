// A small HCL (Terraform) lexer with offsets. No prebuilt HCL grammar ships as .wasm and the npm HCL
// converters drop positions (CLOUD_APIS.md section 4), so this reads just enough of HCL's native syntax
// for blocks and attributes: strings with nested `${...}` templates, heredocs, comments, numbers,
// identifiers and punctuation. It never throws; an unterminated construct ends at the end of the text
// and is reported once.

export type TokenKind = 'ident' | 'number' | 'string' | 'heredoc' | 'punct' | 'newline' | 'comment';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Identifier or punctuation text; for strings and heredocs the decoded value when it has no template. */
  text: string;
  /** Strings and heredocs: where the characters between the delimiters are. */
  innerStart?: number;
  innerEnd?: number;
  /** Strings and heredocs holding `${...}` or `%{...}`. */
  template?: boolean;
}

export interface LexResult {
  tokens: Token[];
  error?: { message: string; start: number; end: number };
}

const PUNCT2 = new Set(['==', '!=', '<=', '>=', '&&', '||', '=>', '::']);
const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export function lexHcl(text: string): LexResult {
  const tokens: Token[] = [];
  let error: LexResult['error'];
  const fail = (message: string, start: number, end: number): void => {
    error ??= { message, start, end };
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\ufeff') {
      i++;
    } else if (ch === '\n') {
      tokens.push({ kind: 'newline', start: i, end: i + 1, text: '\n' });
      i++;
    } else if (ch === '#' || (ch === '/' && text[i + 1] === '/')) {
      const eol = text.indexOf('\n', i);
      const end = eol === -1 ? n : eol;
      tokens.push({ kind: 'comment', start: i, end: text[end - 1] === '\r' ? end - 1 : end, text: '' });
      i = end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? n : close + 2;
      if (close === -1) fail('comment not closed (missing */)', i, n);
      tokens.push({ kind: 'comment', start: i, end, text: '' });
      i = end;
    } else if (ch === '"') {
      const s = scanString(text, i, fail);
      tokens.push(s);
      i = s.end;
    } else if (ch === '<' && text[i + 1] === '<' && /[-A-Za-z_]/.test(text[i + 2] ?? '')) {
      const h = scanHeredoc(text, i, fail);
      if (h) {
        tokens.push(h);
        i = h.end;
      } else {
        tokens.push({ kind: 'punct', start: i, end: i + 2, text: '<<' });
        i += 2;
      }
    } else if (isDigit(c)) {
      let j = i + 1;
      while (j < n && (isDigit(text.charCodeAt(j)) || text[j] === '.' || text[j] === 'e' || text[j] === 'E')) j++;
      tokens.push({ kind: 'number', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'ident', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else {
      const two = text.slice(i, i + 2);
      const len = text.startsWith('...', i) ? 3 : PUNCT2.has(two) ? 2 : 1;
      tokens.push({ kind: 'punct', start: i, end: i + len, text: text.slice(i, i + len) });
      i += len;
    }
  }
  return { tokens, error };
}

type Fail = (message: string, start: number, end: number) => void;

// A quoted template: escapes, and `${ ... }` / `%{ ... }` sequences that may nest braces and strings.
function scanString(text: string, start: number, fail: Fail): Token {
  let i = start + 1;
  let value = '';
  let template = false;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      return { kind: 'string', start, end: i + 1, text: template ? '' : value, innerStart: start + 1, innerEnd: i, template };
    }
    if (ch === '\n') break;
    if (ch === '\\') {
      value += escapes[text[i + 1]] ?? text[i + 1] ?? '';
      i += 2;
    } else if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
      template = true;
      i = skipTemplateSequence(text, i + 2, fail);
    } else if ((ch === '$' || ch === '%') && text[i + 1] === ch && text[i + 2] === '{') {
      value += `${ch}{`;
      i += 3;
    } else {
      value += ch;
      i++;
    }
  }
  const end = Math.min(i, text.length);
  fail('string not closed (missing ")', start, end);
  return { kind: 'string', start, end, text: template ? '' : value, innerStart: start + 1, innerEnd: end, template };
}

/** Returns the offset after the `}` that closes a template sequence opened just before `from`. */
function skipTemplateSequence(text: string, from: number, fail: Fail): number {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      i = scanString(text, i, fail).end;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i + 1;
    i++;
  }
  fail('template sequence not closed (missing })', from - 2, text.length);
  return text.length;
}

function scanHeredoc(text: string, start: number, fail: Fail): Token | undefined {
  const header = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(start, start + 200));
  if (!header) return undefined;
  const marker = header[2];
  const innerStart = start + header[0].length;
  let lineStart = innerStart;
  while (lineStart <= text.length) {
    const eol = text.indexOf('\n', lineStart);
    const lineEnd = eol === -1 ? text.length : eol;
    if (text.slice(lineStart, lineEnd).trim() === marker) {
      const inner = text.slice(innerStart, lineStart);
      const template = /[$%]\{/.test(inner.replace(/([$%])\1\{/g, ''));
      const end = lineStart + text.slice(lineStart, lineEnd).replace(/\r$/, '').length;
      return { kind: 'heredoc', start, end, text: template ? '' : inner, innerStart, innerEnd: lineStart, template };
    }
    if (eol === -1) break;
    lineStart = eol + 1;
  }
  fail(`heredoc not closed (missing ${marker})`, start, text.length);
  return { kind: 'heredoc', start, end: text.length, text: '', innerStart, innerEnd: text.length, template: true };
}
