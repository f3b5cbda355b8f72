import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createConfigAnalyzer } from '../../../src/core/configs/analyzer';
import { checkConfig } from '../../../src/core/configs/rules';
import { decodeConfigBytes } from '../../../src/core/configs/text';
import type { ConfigAnalysis } from '../../../src/core/configs/types';
import { allRanges, analyzer, listFixtures, naivePosition, readFixture } from './helpers';
import { applyEdits, editOf } from './mutations';

const fixtures = listFixtures().filter((f) => !f.endsWith('binary.yaml'));
const sources = new Map(fixtures.map((f) => [f, readFixture(f)]));

/** Characters that matter to the grammars: quotes, brackets, indentation, escapes, comment markers. */
const garbage = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('"', "'", '{', '}', '[', ']', '(', ')', ':', '\n', '  ', '\t', '\\', '#', '//', '/*', '${', '!Ref ', '- ', '<<EOF\n', '\u0000', '\ufeff', '😀', '\r\n'),
);

const edit = editOf(garbage, 40);

/** What must hold for any input: a result, at most one problem, no internal error, ranges inside the text. */
function assertSane(analysis: ConfigAnalysis, text: string): void {
  assert.ok(analysis.problems.length <= 1, `${analysis.problems.length} problems`);
  for (const p of analysis.problems) assert.ok(!p.message.includes('internal error'), p.message);
  const findings = checkConfig(analysis);
  for (const r of allRanges([analysis, findings])) {
    assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end), 'integer offsets');
    assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `range ${r.start}-${r.end} of ${text.length}`);
    assert.deepEqual(naivePosition(text, r.start), { line: r.startLine, character: r.startCharacter });
    assert.deepEqual(naivePosition(text, r.end), { line: r.endLine, character: r.endCharacter });
    if (r.cell) assert.ok(r.cell.start >= 0 && r.cell.start <= r.cell.end && r.cell.index >= 0);
  }
}

describe('configs: robustness (property tests)', function () {
  this.timeout(120_000);

  it('never throws on mutated real configs, keeps ranges inside the text and reports at most one problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fixtures), fc.array(edit, { minLength: 1, maxLength: 4 }), async (file, edits) => {
        const text = applyEdits(sources.get(file)!, edits);
        const analysis = await analyzer().analyze({ fileName: file, text, key: `mutated:${file}` });
        assertSane(analysis, text);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary text under any config file name', async () => {
    const names = fc.constantFrom('a.yaml', 'b.json', 'c.tf', 'd.py', 'e.ipynb', 'f.sh', 'g.template', 'h', 'i.txt');
    await fc.assert(
      fc.asyncProperty(names, fc.string({ maxLength: 300, unit: 'binary' }), async (name, text) => {
        const analysis = await analyzer().analyze({ fileName: name, text, key: `random:${name}` });
        assertSane(analysis, text);
      }),
      { numRuns: 300 },
    );
  });

  it('reuses the cache safely: the same key analysed with a sequence of mutated texts stays sane', async () => {
    const local = createConfigAnalyzer({ cacheSize: 2 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fixtures), fc.array(fc.array(edit, { maxLength: 2 }), { minLength: 2, maxLength: 5 }), async (file, steps) => {
        let text = sources.get(file)!;
        for (const step of steps) {
          text = applyEdits(text, step);
          assertSane(await local.analyze({ fileName: file, text, key: 'one-document' }), text);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('configs: robustness (files that are not clean text)', () => {
  it('skips binary files and huge files without parsing them', async () => {
    const binary = await analyzer().analyze({ fileName: 'x.yaml', text: 'Resources:\u0000\u0001' });
    assert.equal(binary.skipped, 'binary');
    const small = createConfigAnalyzer({ maxChars: 1000 });
    const huge = await small.analyze({ fileName: 'x.yaml', text: 'a: b\n'.repeat(1000) });
    assert.equal(huge.skipped, 'tooLarge');
    assert.deepEqual(huge.problems, []);
  });

  it('still analyses a notebook made large by cell outputs', async () => {
    const nb = JSON.parse(readFixture('notebook/fraud_deploy.ipynb')) as { cells: { outputs?: unknown[] }[] };
    nb.cells[3].outputs = [{ output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo'.repeat(300_000) }, metadata: {} }];
    const text = JSON.stringify(nb, null, 1);
    assert.ok(text.length > 3_000_000);
    const analysis = await analyzer().analyze({ fileName: 'big.ipynb', text });
    assert.equal(analysis.skipped, undefined);
    // Counting lines by hand over megabytes for every range would dominate the test; the values say enough.
    assert.deepEqual(
      analysis.declarations.map((d) => text.slice(d.instanceType.range.start, d.instanceType.range.end)),
      ['INSTANCE', 'ml.c5.xlarge', 'n1-standard-4', 'e2-standard-8'],
    );
  });

  it('analyses a file with a byte order mark with offsets as the editor counts them', async () => {
    const text = `\ufeff${readFixture('azureml/blue-deployment.yml')}`;
    const analysis = await analyzer().analyze({ fileName: 'bom.yml', text });
    assertSane(analysis, text);
    const type = analysis.declarations[0].instanceType;
    assert.equal(text.slice(type.range.start, type.range.end), 'standard_ds3_v2');
    const json = `\ufeff${readFixture('vertex/custom-job.json')}`;
    const fromJson = await analyzer().analyze({ fileName: 'bom.json', text: json });
    assert.deepEqual(fromJson.problems, []);
    assert.equal(fromJson.declarations.length, 2);
  });

  it('decodes UTF-8, UTF-16 LE/BE with and without BOM, and calls NUL-laden bytes binary', () => {
    const text = 'instance_type: Standard_D4s_v5 # é\n';
    const utf16le = Buffer.from(text, 'utf16le');
    const utf16be = Buffer.from(utf16le).swap16();
    const cases: [Uint8Array, string, boolean][] = [
      [Buffer.from(text, 'utf8'), 'utf-8', false],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8', true],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]), 'utf-16le', true],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]), 'utf-16be', true],
      [utf16le, 'utf-16le', false],
      [utf16be, 'utf-16be', false],
    ];
    for (const [bytes, encoding, bom] of cases) assert.deepEqual(decodeConfigBytes(bytes), { text, encoding, bom }, encoding);
    assert.deepEqual(decodeConfigBytes(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00])), { binary: true });
    assert.deepEqual(decodeConfigBytes(Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000', 'latin1')), { binary: true });
  });

  it('handles empty and whitespace-only files in every format', async () => {
    for (const name of ['a.yaml', 'b.json', 'c.tf', 'd.py', 'e.ipynb', 'f.sh']) {
      for (const text of ['', '\n\n', '   ']) {
        const analysis = await analyzer().analyze({ fileName: name, text, key: `empty:${name}` });
        assert.deepEqual(analysis.declarations, [], name);
        assertSane(analysis, text);
      }
    }
  });
});
