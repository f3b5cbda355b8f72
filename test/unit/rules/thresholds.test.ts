import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, findRule, ruleAnchor, worstSeverity } from '../../../src/core/rules/registry';
import { linearFit, percentile, trailing } from '../../../src/core/rules/stats';
import { defaultThresholds, resolveThresholds, thresholdTable } from '../../../src/core/rules/thresholds';
import { hourly } from './builders';

const root = path.resolve(__dirname, '../../../..');

describe('rules/thresholds', () => {
  it('applies user values, clamps out-of-range ones and names every problem', () => {
    const { thresholds, problems } = resolveThresholds({ latencyMs: 500, memoryWarningPercent: 140, cpuHighPercent: 'high', nope: 1 });
    assert.equal(thresholds.latencyMs, 500);
    assert.equal(thresholds.memoryWarningPercent, 100);
    assert.equal(thresholds.cpuHighPercent, 90);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('mlMonitor.thresholds.nope is not a known threshold')));
  });

  it('keeps an error level from falling below its warning level', () => {
    const { thresholds, problems } = resolveThresholds({ errorRateWarningPercent: 8, errorRateErrorPercent: 5 });
    assert.equal(thresholds.errorRateErrorPercent, 8);
    assert.equal(problems.length, 1);
  });

  it('has a setting in package.json for every threshold, with the same default and range', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties as Record<string, { default: number; minimum?: number; maximum?: number }>;
    for (const t of thresholdTable) {
      const setting = props[`mlMonitor.thresholds.${t.key}`];
      assert.ok(setting, `package.json lacks mlMonitor.thresholds.${t.key}`);
      assert.equal(setting.default, t.default, t.key);
      assert.equal(setting.minimum, t.minimum, t.key);
      if (t.key !== 'latencyMs') assert.equal(setting.maximum, t.maximum, t.key);
    }
    assert.ok(props['mlMonitor.catalogFile'], 'mlMonitor.catalogFile');
    assert.ok(props['mlMonitor.productionNamePattern'], 'mlMonitor.productionNamePattern');
  });

  it('gives every rule a unique id, a PascalCase name, known thresholds and a docs anchor', () => {
    const docs = fs.readFileSync(path.join(root, 'docs', 'rules.md'), 'utf8');
    const keys = new Set(Object.keys(defaultThresholds));
    assert.equal(new Set(allRules.map((r) => r.id)).size, allRules.length);
    for (const rule of allRules) {
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]+$/);
      assert.equal(findRule(rule.id), rule);
      for (const k of rule.thresholds) assert.ok(keys.has(k), `${rule.id} reads unknown threshold ${k}`);
      assert.ok(docs.includes(`<a id="${ruleAnchor(rule.id)}"></a>`), `docs/rules.md lacks the anchor for ${rule.id}`);
    }
    for (const t of thresholdTable) assert.ok(docs.includes(`\`${t.key}\``), `docs/rules.md does not mention ${t.key}`);
  });

  it('orders severities', () => {
    assert.equal(worstSeverity(['info', 'error', 'warning']), 'error');
    assert.equal(worstSeverity([]), undefined);
  });
});

describe('rules/stats', () => {
  it('interpolates percentiles and skips non-finite values', () => {
    assert.equal(percentile([1, 2, 3, 4, 5], 50), 3);
    assert.equal(percentile([10, 20], 95), 19.5);
    assert.equal(percentile([NaN, Infinity, 7], 95), 7);
    assert.equal(percentile([], 95), undefined);
  });

  it('fits a line and says how well it explains the data', () => {
    const fit = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
    assert.equal(fit?.slope, 2);
    assert.equal(fit?.r2, 1);
    assert.equal(linearFit([0, 1, 2], [4, 4, 4])?.r2, 0);
    assert.equal(linearFit([1, 1, 1], [1, 2, 3]), undefined);
  });

  it('takes trailing buckets until they cover the minimum, and none when the data is stale', () => {
    const s = hourly([1, 2, 3], 3 * 3_600_000);
    assert.deepEqual(trailing(s, 3 * 3_600_000, 15 * 60_000).indexes, [2]);
    assert.deepEqual(trailing(s, 2 * 3_600_000 + 5 * 60_000, 15 * 60_000).indexes, [1, 2]);
    assert.deepEqual(trailing(s, 30 * 3_600_000, 15 * 60_000).indexes, []);
  });
});
