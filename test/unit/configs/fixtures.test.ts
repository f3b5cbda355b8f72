import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkConfig } from '../../../src/core/configs/rules';
import { allRanges, analyzer, fixturesDir, listFixtures, naivePosition, readFixture, summarize } from './helpers';

const expected = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'expected.json'), 'utf8')) as Record<string, Record<string, unknown>>;

describe('configs: fixtures locate exactly what expected.json says', () => {
  it('has an expectation for every fixture file and a file for every expectation', () => {
    assert.deepEqual(listFixtures().sort(), Object.keys(expected).sort());
  });

  it('covers every format, a parse problem per malformed kind, and the skip reasons', () => {
    const formats = new Set(Object.values(expected).map((e) => e.format));
    for (const f of ['cloudformation', 'terraform', 'python', 'notebook', 'azureml', 'vertexSpec', 'shell']) assert.ok(formats.has(f), f);
    const skipped = new Set(Object.values(expected).map((e) => e.skipped));
    assert.ok(skipped.has('binary') && skipped.has('notConfig'));
  });

  for (const rel of Object.keys(expected).sort()) {
    it(`locates ${rel}`, async () => {
      const text = readFixture(rel);
      const analysis = await analyzer().analyze({ fileName: rel, text, key: `fixture:${rel}` });
      assert.deepEqual(summarize(analysis, text, checkConfig(analysis)), expected[rel]);
    });
  }

  it('gives every range offsets inside the text and the line/character those offsets have', async () => {
    for (const rel of Object.keys(expected)) {
      const text = readFixture(rel);
      const analysis = await analyzer().analyze({ fileName: rel, text, key: `ranges:${rel}` });
      const ranges = allRanges([analysis, checkConfig(analysis)]);
      for (const r of ranges) {
        assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `${rel}: ${r.start}-${r.end}`);
        assert.deepEqual(naivePosition(text, r.start), { line: r.startLine, character: r.startCharacter }, rel);
        assert.deepEqual(naivePosition(text, r.end), { line: r.endLine, character: r.endCharacter }, rel);
      }
    }
  });

  it('maps notebook values to the same characters in the cell and in the file', async () => {
    const rel = 'notebook/fraud_deploy.ipynb';
    const text = readFixture(rel);
    const cells = (JSON.parse(text) as { cells: { source: string[] }[] }).cells.map((c) => c.source.join(''));
    const analysis = await analyzer().analyze({ fileName: rel, text, key: 'cells' });
    let checked = 0;
    for (const d of analysis.declarations) {
      for (const v of [d.instanceType, d.instanceCount, d.minInstances]) {
        if (!v?.range.cell || v.source === 'missing') continue;
        const cell = v.range.cell;
        const inCell = cells[cell.index].slice(cell.start, cell.end);
        // The file holds the JSON-escaped form; decode it to compare.
        const inFile = JSON.parse(`"${text.slice(v.range.start, v.range.end)}"`) as string;
        assert.equal(inFile, inCell);
        assert.deepEqual(naivePosition(cells[cell.index], cell.start), { line: cell.startLine, character: cell.startCharacter });
        checked++;
      }
    }
    assert.ok(checked >= 6, `checked ${checked}`);
  });

  it('maps notebook ranges through JSON escapes written by tools that escape non-ASCII', async () => {
    const line = 'x = "caf\\u00e9\\t\\u2603"; model.deploy(instance_type=\\"ml.c5.xlarg\\", initial_instance_count=2)';
    const text = `{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": ["${line.replace('x = "', 'x = \\"').replace('"; model', '\\"; model')}"]}], "metadata": {"kernelspec": {"language": "python"}}, "nbformat": 4, "nbformat_minor": 5}`;
    const cell = (JSON.parse(text) as { cells: { source: string[] }[] }).cells[0].source.join('');
    const analysis = await analyzer().analyze({ fileName: 'escaped.ipynb', text, key: 'escaped' });
    const type = analysis.declarations[0].instanceType;
    assert.equal(text.slice(type.range.start, type.range.end), 'ml.c5.xlarg');
    assert.equal(cell.slice(type.range.cell!.start, type.range.cell!.end), 'ml.c5.xlarg');
    assert.equal(type.range.cell!.startCharacter, cell.indexOf('ml.c5'));
  });
});
