import * as assert from 'node:assert/strict';
import { detectSyntax } from '../../../src/core/configs/detect';
import { lexHcl } from '../../../src/core/configs/hclLexer';
import { parseHcl } from '../../../src/core/configs/hclParser';
import { LineIndex } from '../../../src/core/configs/text';
import { naivePosition } from './helpers';

describe('configs: file detection', () => {
  it('picks the parser from the name, then the language id, then a shebang or first character', () => {
    const cases: [string, string, string | undefined, string | undefined][] = [
      ['infra/main.tf', '', undefined, 'hcl'],
      ['stack.template', '{ "Resources": {} }', undefined, 'json'],
      ['stack.template', 'Resources: {}', undefined, 'yaml'],
      ['deploy', '#!/usr/bin/env bash\ngcloud ai ...', undefined, 'shell'],
      ['train', '#!/usr/bin/python3\nimport sagemaker', undefined, 'python'],
      ['Untitled-1', 'x', 'python', 'python'],
      ['Untitled-2', 'x', 'shellscript', 'shell'],
      ['NOTES.md', '# notes', undefined, undefined],
      ['a.tf.json', '{}', undefined, 'json'],
      ['nb.IPYNB', '{}', undefined, 'ipynb'],
    ];
    for (const [name, text, languageId, want] of cases) assert.equal(detectSyntax(name, text, languageId), want, name);
  });
});

describe('configs: LineIndex', () => {
  it('agrees with counting characters for LF, CRLF, astral characters and the end of the text', () => {
    const text = 'a\r\nbé😀c\n\nlast';
    const lines = new LineIndex(text);
    for (let i = 0; i <= text.length; i++) {
      const p = lines.position(i);
      assert.deepEqual(p, naivePosition(text, i), `offset ${i}`);
    }
    assert.deepEqual(lines.range(-5, 999), { start: 0, end: text.length, startLine: 0, startCharacter: 0, endLine: 3, endCharacter: 4 });
  });
});

describe('configs: HCL lexer and parser', () => {
  it('reads blocks, labels, one-line blocks, heredocs, nested templates and every comment style', () => {
    const text = [
      '# hash comment',
      '// slash comment',
      '/* block',
      '   comment */',
      'resource "aws_x" "y" {',
      '  name   = "a-${var.env == "prod" ? "p" : "${local.s}"}-z"',
      '  script = <<-EOT',
      '    echo "}"',
      '    EOT',
      '  inner { size = 3 }',
      '  list   = [1, 2,',
      '    3]',
      '  ref    = aws_s3_bucket.b["k"].arn',
      '}',
    ].join('\n');
    const file = parseHcl(text);
    assert.equal(file.error, undefined);
    assert.equal(file.comments.length, 3);
    const [block] = file.body.blocks;
    assert.deepEqual([block.type, ...block.labels], ['resource', 'aws_x', 'y']);
    assert.equal(text.slice(block.start, block.end).endsWith('}'), true);
    const attrs = Object.fromEntries(block.body.attributes.map((a) => [a.name, a.expr]));
    assert.equal(attrs.name.kind, 'other');
    assert.equal(attrs.script.kind, 'string');
    assert.equal(attrs.script.value, '    echo "}"\n');
    assert.equal(attrs.list.kind, 'other');
    assert.equal(text.slice(attrs.list.start, attrs.list.end), '[1, 2,\n    3]');
    assert.equal(attrs.ref.traversal, 'aws_s3_bucket.b["k"].arn');
    assert.equal(block.body.blocks[0].body.attributes[0].expr.value, 3);
  });

  it('reports the first of unclosed strings, blocks, heredocs and comments once, and never throws', () => {
    const cases: [string, RegExp][] = [
      ['a = "open\nb = 1\n', /string not closed/],
      ['r "t" {\n  a = 1\n', /is not closed/],
      ['a = <<EOF\nno end\n', /heredoc not closed/],
      ['/* forever', /comment not closed/],
      ['a = "${ never closed\n', /template sequence not closed/],
      ['}\n', /unexpected '}'/],
      ['a b c\n', /neither an attribute/],
    ];
    for (const [text, want] of cases) {
      const file = parseHcl(text);
      assert.match(file.error?.message ?? '', want, text);
      assert.ok(file.error!.start >= 0 && file.error!.end <= text.length);
    }
  });

  it('keeps token offsets exact around escapes and unicode', () => {
    const text = 'x = "é\\"😀"\n';
    const { tokens } = lexHcl(text);
    const str = tokens.find((t) => t.kind === 'string')!;
    assert.equal(text.slice(str.start, str.end), '"é\\"😀"');
    assert.equal(str.text, 'é"😀');
  });
});
