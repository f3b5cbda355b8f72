import * as assert from 'node:assert/strict';
import { scopeFiguresDescription, scopeFiguresTooltip } from '../../../src/core/metrics/scopeFigures';

const day = { start: Date.parse('2026-11-30T12:00:00Z'), end: Date.parse('2026-12-01T12:00:00Z') };

describe('core/metrics/scopeFigures', () => {
  it('says runs, quota and unusable nodes briefly, and in full in the tooltip', () => {
    const f = { name: 'ws', window: day, failedRuns: 2, completedRuns: 14, modelDeployFailed: 0, quotaPercent: 91.6, quotaPeakPercent: 97.2, unusableNodes: 1 };
    assert.equal(scopeFiguresDescription(f), '2 failed runs, 14 completed · 24 h · quota 92 % · 1 unusable node');
    assert.deepEqual(scopeFiguresTooltip(f), ['Last 24 h: 2 failed runs, 14 completed runs, 0 failed model deployments', 'Compute quota in use: 92 % (highest 15 min 97 %)', 'Unusable nodes: 1']);
  });

  it('leaves out what was not published and what is not a number', () => {
    const f = { name: 'ws', window: { start: day.start - 6 * 86400_000, end: day.end }, failedRuns: 1, quotaPercent: Number.NaN, unusableNodes: 0 };
    assert.equal(scopeFiguresDescription(f), '1 failed run · 7 d');
    assert.deepEqual(scopeFiguresTooltip(f), ['Last 7 d: 1 failed run', 'Unusable nodes: 0']);
    assert.equal(scopeFiguresDescription({ name: 'ws', window: day }), '');
  });
});
