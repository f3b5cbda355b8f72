import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseYamlEvents } from '../../../src/core/configs/yamlEvents';
import { isMultiDocument, parseYaml, parseYamlComposed } from '../../../src/core/configs/yamlTree';
import { generateCfnTemplate } from './generate';
import { listFixtures, readFixture } from './helpers';
import { applyEdits, editOf } from './mutations';

/**
 * The event path gives the composer's DocNodes (NaN, -0 and absent versus undefined properties included)
 * or declines; true when it took the input.
 */
function agree(text: string, base = 0, slice?: string): boolean {
  const source = slice ?? text;
  const composed = parseYamlComposed(text, base, slice);
  const roots = parseYamlEvents(text, base, source, isMultiDocument(source));
  if (roots) {
    assert.equal(composed.error, undefined, `taken despite ${composed.error?.message}: ${JSON.stringify(source)}`);
    assert.deepEqual(roots, composed.roots, JSON.stringify(source));
  }
  const parsed = parseYaml(text, base, slice);
  assert.deepEqual({ roots: parsed.roots, error: parsed.error }, { roots: composed.roots, error: composed.error }, JSON.stringify(source));
  return roots !== undefined;
}

const yamlFixtures = listFixtures().filter((f) => /\.ya?ml$/.test(f));

/** Resource-sized slices, as the incremental CloudFormation parse cuts them. */
function resourceSlices(text: string): [number, string][] {
  const starts = [...text.matchAll(/^ {0,2}\S/gm)].map((m) => m.index);
  return starts.flatMap((start, i): [number, string][] => (text.startsWith('  ', start) ? [[start, text.slice(start, starts[i + 1] ?? text.length)]] : []));
}

/**
 * Valid YAML left to the composer: a flow collection's bracket at a lower indent (js-yaml rejects it), tabs,
 * byte order marks and indentation indicators (read otherwise by js-yaml).
 */
const composedOnly = [
  'a: [\n  1,\n  2\n]\nb: {\n  k: v\n}\n',
  'a: b # trailing\t\nc: d\t# tab before comment\n',
  '\ufeffa: 1\n',
  '\ufeff---\na: 1\n',
  'e: |2\n    indented\nf: 1\n',
];

/** Taken by the event path. */
const clean = [
  // Tags on scalars, maps and sequences; the tag's start is part of the node.
  'Fn: !If\n  - Cond\n  - !Ref A\n  - !GetAtt B.Arn\n',
  'M: !Foo\n  a: 1\n',
  '!Foo\na: 1\n',
  '--- !Bar\n- x\n',
  'x: !Join ["", [a, !Ref B]]\ny: !Sub "arn:${AWS::Region}:${AWS::AccountId}"\nz: !Split [",", !ImportValue X]\n',
  'a: !Custom 12\nb: !Ref\n  "q"\nc: !Sub |\n  x ${Y}\n',
  // Quoted keys and values.
  '"a b": 1\n\'c\'\'d\': 2\n"e\\tf": 3\n"": 4\n',
  'a: "x\\"y\\u00e9\\n"\nb: \'it\'\'s\'\nc: "line\n  two"\nd: \'multi\n\n  line\'\ne: ""\n',
  // Block scalars, at the root and in collections, with every chomping (an indentation indicator is in
  // composedOnly), behind a tag and an anchor.
  'a: |\n  line1\n  line2\nb: >\n  folded\n  more\n\n  para\nc: |-\n  x\nd: |+\n  y\n\nf: > # c\n  z\n',
  'a: !Sub &x |\n  text ${Y}\n',
  '|\n  text\n',
  '- >-\n  one\n- |\n  two\n',
  // Flow collections: nested, multi-line, trailing commas, keys without values, empty.
  '{a: 1, b: [x, y], c: {d: e}}\n',
  'a: [1, 2, ]\nb: {x, y: , "z": w}\nc: [ ]\nd: { }\n',
  'a: [!Ref X, &n y, *n]\n',
  '{"a\n b": 1}\n',
  '- - a\n  - b\n- \n',
  // Comments everywhere.
  '# head\na: 1 # c\n# mid\nb:   # after colon\n  - x # item\n  # between\n  - y\n# tail\n',
  'a: # only a comment\nb:\n  # first\n  c: 1\n',
  '- # c\n  x\n- [a, # in flow\n  b]\n',
  // CRLF line endings (a byte order mark is in composedOnly).
  'a: 1\r\nb:\r\n  - x\r\n  - "q"\r\nc: |\r\n  t\r\n  u\r\nd: plain\r\n  folded\r\n',
  // Empty documents and several documents.
  '',
  '\n\n',
  '# only a comment\n',
  '---\n',
  '---\n---\n',
  '--- # c\n',
  'a: 1\n---\nb: 2\n',
  '---\n- x\n---\n{y: 1}\n--- z\n',
  // Numbers, booleans and nulls as the core schema reads them, as values and as keys.
  'a: [010, 0x1F, 0x1f, 0o17, 0o8, 1e3, 1E-3, .5, -.5, +1, -0, 1_000, 0x, 1.0, 1., 6.02e+23, 0b1, 1:20]\n',
  'b: [.inf, -.Inf, +.INF, .nan, .NaN, .NAN, .Nan, inf]\n',
  'c: [true, True, TRUE, tRUE, false, False, FALSE, yes, no, on, off, y, n]\n',
  'd: [null, Null, NULL, nULL, ~, "", \'\', "null"]\ne:\nf: ~\ng: null\n',
  '010: a\n0x1F: b\n1e3: c\n.5: d\ntrue: e\n~: f\nnull: g\n.nan: h\n-0: i\n',
  '- 3\n- -7\n- +0.50\n- 12e3\n- .Inf\n',
  // Anchors and aliases: aliases stay references.
  'base: &base\n  a: 1\nother: *base\nlist:\n  - &item x\n  - *item\n',
  'a: &a [1]\nb: *a\nc: *missing\n',
  '&root\na: &v !Ref x\nb: !Ref &w y\n',
  // Empty values, plain scalars over several lines, sequences at their parent's indent.
  '- \n- x\n-\n- # c\n',
  'a: this is\n  folded plain\nb: x\n',
  'a:\n- x\n- y\nb: z\n',
  'url: http://x:1/a#b\nk: a#b\nt: a b c\n',
  `${'k'.repeat(1100)}: v\n`,
  `${'['.repeat(50)}${']'.repeat(50)}\n`,
];

/** Left to the composer: errors, and constructs the event path does not mirror. */
const declined = [
  // Errors.
  'a: "unclosed\n',
  "a: 'unclosed\n",
  'a: b: c\n',
  '- a\nb: c\n',
  'a: [1, 2\n',
  'key: @x\n',
  'a:\n  - b\n  c: d\n',
  '"a\nb": c\n',
  'a: !Ref&x y\n',
  '--- a: 1\n',
  '&\na: 1\n',
  'a: *\n',
  '{a: 1}}\n',
  '[a, , b]\n',
  'a:\n\t- b\n',
  // Merge keys, explicit and complex keys, properties on keys, pairs in flow sequences.
  'base: &b\n  x: 1\nd:\n  <<: *b\n  y: 2\n',
  '? a\n: b\n',
  '[a]: b\n',
  '{a: 1}: b\n',
  '&k a: 1\n',
  '!Ref k: 1\n',
  '[a: 1]\n',
  ': empty key\n',
  // Directives, document end markers, tags other than local ones, tags on empty nodes, tabs.
  '%YAML 1.2\n---\na: 1\n',
  '%TAG ! tag:x,2000:\n--- !foo\na: 1\n',
  'a: 1\n...\n',
  'a: !!str 1\n',
  'a: !<tag:x> 1\n',
  'a: ! 1\n',
  'a: !Ref\nb: 1\n',
  'a:\tb\n',
  // Nesting deeper than any config, on the way to where the composer runs out of stack.
  `${'['.repeat(150)}${']'.repeat(150)}\n`,
  `${'- '.repeat(150)}x\n`,
];

describe('configs: YAML from js-yaml events', () => {
  it('gives the composed DocNodes for every YAML fixture, and for each CloudFormation resource alone', () => {
    for (const file of yamlFixtures) {
      const text = readFixture(file);
      const taken = agree(text);
      if (!file.startsWith('malformed/')) assert.ok(taken, file);
      for (const [base, slice] of resourceSlices(text)) agree(text, base, slice);
    }
    const template = generateCfnTemplate(600);
    assert.ok(agree(template));
    const slices = resourceSlices(template);
    assert.ok(slices.length > 50);
    for (const [base, slice] of slices) assert.ok(agree(template, base, slice), slice);
  });

  it('leaves files with errors to the composer, which reports them', () => {
    for (const file of ['malformed/truncated-stack.yaml', 'malformed/broken-deployment.yml']) {
      assert.equal(agree(readFixture(file)), false, file);
      assert.ok(parseYaml(readFixture(file)).error, file);
    }
  });

  it('takes tags, quoted keys, block and flow collections, comments, CRLF, empty and several documents, core schema scalars and aliases', () => {
    for (const text of clean) assert.ok(agree(text), JSON.stringify(text));
  });

  it('leaves to the composer the valid YAML js-yaml reads otherwise', () => {
    for (const text of composedOnly) {
      assert.equal(agree(text), false, JSON.stringify(text));
      assert.equal(parseYaml(text).error, undefined, JSON.stringify(text));
    }
  });

  it('declines errors, merge and complex keys, directives, `...`, `!!` tags, tabs and deep nesting', () => {
    for (const text of declined) assert.equal(agree(text), false, JSON.stringify(text));
  });

  it('reads values and their ranges like the composer', () => {
    const text = 'a: !Ref  X\nb: "q"\nc: 0x1F\nd: [1, {e: .nan}]\nf: *a\n';
    const [root] = parseYaml(text).roots;
    assert.equal(root?.kind, 'map');
    if (root?.kind !== 'map') return;
    const [a, b, c, d, f] = root.entries.map((e) => e.value);
    assert.deepEqual([a?.start, a?.end, a?.tag], [3, 10, '!Ref']);
    assert.deepEqual(b?.kind === 'scalar' && [b.value, b.valueStart, b.valueEnd], ['q', 15, 16]);
    assert.deepEqual(c?.kind === 'scalar' && c.value, 31);
    assert.deepEqual(d && [d.kind, d.start, d.end], ['seq', 29, 43]);
    assert.deepEqual(f?.kind === 'ref' && f.text, '*a');
  });
});

describe('configs: YAML from js-yaml events (property tests)', function () {
  this.timeout(120_000);

  const seeds = [...yamlFixtures.map(readFixture), ...clean, generateCfnTemplate(40)];
  /** Pieces that matter to YAML: indicators, indentation, quotes, tags, anchors, scalars the schema resolves. */
  const piece = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('"', "'", '{', '}', '[', ']', ':', ': ', ', ', '\n', '  ', '\t', '\\', '#', ' # c', '- ', '? ', '|\n', '>-\n', '---\n', '...\n'),
    fc.constantFrom('!Ref ', '!Foo ', '!!str ', '!<x> ', '! ', '&a ', '*a', '&', '*', '<<: ', '%YAML 1.2\n', '\ufeff', '\r\n'),
    fc.constantFrom('0x1F', '010', '0o17', '1e3', '.5', '-0', '.inf', '.NaN', '~', 'null', 'True', 'FALSE', 'a:\n  b: c', '- a\n- b', '{a: 1}', '[a, b]', '"a\\x41\n b"'),
  );
  const edit = editOf(piece, 20);

  it('agrees with the composer on mutated YAML, whole or from a line on, or declines', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 5 }), fc.option(fc.nat()), (seed, edits, from) => {
        const text = applyEdits(seed, edits);
        const lineStarts = [...text.matchAll(/\n/g)].map((m) => m.index + 1);
        const base = from === null || !lineStarts.length ? 0 : lineStarts[from % lineStarts.length];
        if (agree(text, base, base ? text.slice(base) : undefined)) taken++;
      }),
      { numRuns: 1500 },
    );
    // Most mutations still leave valid YAML; the comparison must not be vacuous.
    assert.ok(taken > 300, `${taken} taken`);
  });
});
