// HCL blocks and attributes from the lexer's tokens. Expressions are kept as token spans and classified
// only as far as the locators need: a literal string or number, a traversal (`var.x`, `local.y`,
// `aws_x.y.name`), or something else (a function call, a conditional), which stays unresolved.
import type { Token } from './hclLexer';
import { lexHcl } from './hclLexer';

export interface HclExpr {
  start: number;
  end: number;
  kind: 'string' | 'number' | 'bool' | 'null' | 'traversal' | 'other';
  value?: string | number | boolean;
  /** Characters a fix replaces (inside quotes for strings). */
  valueStart: number;
  valueEnd: number;
  /** Traversals: `var.instance_type` as written (also inside `"${...}"`). */
  traversal?: string;
}

export interface HclAttribute {
  name: string;
  start: number;
  end: number;
  expr: HclExpr;
}

export interface HclBlock {
  type: string;
  labels: string[];
  start: number;
  end: number;
  body: HclBody;
}

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

export interface HclFile {
  body: HclBody;
  comments: { start: number; end: number }[];
  error?: { message: string; start: number; end: number };
}

export function parseHcl(text: string): HclFile {
  const lexed = lexHcl(text);
  const comments = lexed.tokens.filter((t) => t.kind === 'comment').map((t) => ({ start: t.start, end: t.end }));
  // Comments never matter to structure; dropping them keeps the parser simple.
  const tokens = lexed.tokens.filter((t) => t.kind !== 'comment');
  const parser = new Parser(tokens, text);
  const body = parser.body(false);
  return { body, comments, error: lexed.error ?? parser.error };
}

class Parser {
  pos = 0;
  error?: HclFile['error'];

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private fail(message: string, start: number, end: number): void {
    this.error ??= { message, start, end };
  }

  private skipLine(): void {
    while (this.pos < this.tokens.length && this.tokens[this.pos].kind !== 'newline') this.pos++;
  }

  body(inBlock: boolean): HclBody {
    const body: HclBody = { attributes: [], blocks: [] };
    while (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos];
      if (t.kind === 'newline') {
        this.pos++;
      } else if (t.kind === 'punct' && t.text === '}') {
        if (inBlock) return body;
        this.fail("unexpected '}' (no block is open)", t.start, t.end);
        this.pos++;
      } else if (t.kind === 'ident') {
        const next = this.peek(1);
        if (next?.kind === 'punct' && next.text === '=') this.attribute(body, t);
        else this.block(body, t);
      } else {
        this.fail(`unexpected ${t.kind === 'punct' ? `'${t.text}'` : t.kind} where an attribute or block was expected`, t.start, t.end);
        this.skipLine();
      }
    }
    return body;
  }

  private attribute(body: HclBody, name: Token): void {
    this.pos += 2;
    const first = this.pos;
    let depth = 0;
    while (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos];
      if (t.kind === 'newline' && depth === 0) break;
      if (t.kind === 'punct') {
        if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
        else if (t.text === ')' || t.text === ']' || t.text === '}') {
          if (depth === 0) break;
          depth--;
        } else if (t.text === ',' && depth === 0) break;
      }
      this.pos++;
    }
    const exprTokens = this.tokens.slice(first, this.pos);
    if (!exprTokens.length) {
      this.fail(`attribute '${name.text}' has no value`, name.start, name.end);
      return;
    }
    const expr = classify(exprTokens, this.text);
    body.attributes.push({ name: name.text, start: name.start, end: expr.end, expr });
  }

  private block(body: HclBody, type: Token): void {
    this.pos++;
    const labels: string[] = [];
    while (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos];
      if ((t.kind === 'string' && !t.template) || t.kind === 'ident') {
        labels.push(t.text);
        this.pos++;
      } else break;
    }
    const open = this.peek();
    if (open?.kind !== 'punct' || open.text !== '{') {
      this.fail(`'${type.text}' is neither an attribute (missing =) nor a block (missing {)`, type.start, open?.end ?? type.end);
      this.skipLine();
      return;
    }
    this.pos++;
    const inner = this.body(true);
    const close = this.peek();
    let end: number;
    if (close?.kind === 'punct' && close.text === '}') {
      end = close.end;
      this.pos++;
    } else {
      end = this.text.length;
      this.fail(`block '${[type.text, ...labels].join(' ')}' is not closed (missing })`, type.start, open.end);
    }
    body.blocks.push({ type: type.text, labels, start: type.start, end, body: inner });
  }
}

function classify(tokens: Token[], text: string): HclExpr {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  const base = { start: first.start, end: last.end, valueStart: first.start, valueEnd: last.end };
  if (tokens.length === 1) {
    if ((first.kind === 'string' || first.kind === 'heredoc') && !first.template) {
      return { ...base, kind: 'string', value: first.text, valueStart: first.innerStart ?? first.start, valueEnd: first.innerEnd ?? first.end };
    }
    if (first.kind === 'number') {
      const value = Number(first.text);
      return Number.isFinite(value) ? { ...base, kind: 'number', value } : { ...base, kind: 'other' };
    }
    if (first.kind === 'ident' && (first.text === 'true' || first.text === 'false')) return { ...base, kind: 'bool', value: first.text === 'true' };
    if (first.kind === 'ident' && first.text === 'null') return { ...base, kind: 'null' };
    if (first.kind === 'string' && first.template) {
      // "${var.x}" is the pre-0.12 spelling of var.x.
      const only = /^\$\{\s*([A-Za-z_][\w.-]*)\s*\}$/.exec(text.slice(first.innerStart, first.innerEnd));
      if (only) return { ...base, kind: 'traversal', traversal: only[1] };
    }
  }
  const traversal = traversalText(tokens);
  return traversal ? { ...base, kind: 'traversal', traversal } : { ...base, kind: 'other' };
}

// `a.b.c` or `a.b[0].c` as plain tokens; nothing else counts.
function traversalText(tokens: Token[]): string | undefined {
  if (tokens[0].kind !== 'ident') return undefined;
  let out = tokens[0].text;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.kind === 'punct' && t.text === '.' && next?.kind === 'ident') out += `.${next.text}`;
    else if (t.kind === 'punct' && t.text === '[' && (next?.kind === 'number' || next?.kind === 'string') && tokens[i + 2]?.text === ']') {
      out += `[${next.kind === 'string' ? `"${next.text}"` : next.text}]`;
      i += 1;
    } else return undefined;
    i++;
  }
  return out;
}
