import * as assert from 'node:assert/strict';
import type { ScopeFigures, ScopeRef } from '../../../src/core/model';
import { defaultThresholds } from '../../../src/core/rules/thresholds';
import type { Finding } from '../../../src/core/rules/types';
import { evaluateScope } from '../../../src/core/rules/workspace';

const t = defaultThresholds;
const scope: ScopeRef = { provider: 'azure', id: 'azure/sub/rg/ws', label: 'ws · eastus', region: 'eastus', account: 'sub' };
const week = { start: Date.parse('2026-11-24T12:00:00Z'), end: Date.parse('2026-12-01T12:00:00Z') };
const figures = (f: Partial<ScopeFigures>): ScopeFigures => ({ name: 'ws', window: week, ...f });
const failedJob = (scopeId: string, name: string): Finding => ({
  ruleId: 'training/failed',
  severity: 'error',
  resource: { provider: 'azure', scopeId, kind: 'trainingJob', name },
  title: 'Training job failed',
  message: '',
  figures: {},
});

describe('rules/workspace', () => {
  it('finds nothing in a quiet workspace', () => {
    assert.deepEqual(evaluateScope(scope, figures({ failedRuns: 0, completedRuns: 12, quotaPercent: 40, quotaPeakPercent: 70, unusableNodes: 0 }), [], t), []);
  });

  it('flags the quota at its threshold and unusable nodes, about the workspace itself', () => {
    const found = evaluateScope(scope, figures({ quotaPercent: 85, quotaPeakPercent: 97.3, unusableNodes: 2 }), [], t);
    assert.deepEqual(found.map((f) => [f.ruleId, f.severity, f.resource.kind, f.resource.name]), [
      ['availability/quota-near-limit', 'warning', 'workspace', 'ws'],
      ['availability/unusable-nodes', 'warning', 'workspace', 'ws'],
    ]);
    assert.deepEqual(found[0].figures, { quotaPercent: 85, quotaPeakPercent: 97.3 });
    assert.match(found[0].message, /^85 % of the workspace's compute quota is in use \(last 15 minutes; highest 15-minute mean 97\.3 % over the window\)/);
    assert.equal(found[1].title, '2 unusable nodes');
    assert.equal(found[1].message, '2 compute nodes are unusable (last 15 minutes): they hold quota and run nothing.');
    const [one] = evaluateScope(scope, figures({ unusableNodes: 1 }), [], t);
    assert.equal(one.message, '1 compute node is unusable (last 15 minutes): it holds quota and runs nothing.');
    assert.ok(evaluateScope(scope, figures({ quotaPercent: 84.9 }), [], t).length === 0);
  });

  it('counts failed runs once: those already reported per job are left out', () => {
    const reported = [failedJob(scope.id, 'a'), failedJob('azure/sub/rg/other', 'b')];
    assert.deepEqual(evaluateScope(scope, figures({ failedRuns: 1 }), reported, t), [], 'the one failed run is job a');
    const [f] = evaluateScope(scope, figures({ failedRuns: 3, completedRuns: 14 }), reported, t);
    assert.equal(f.ruleId, 'training/failed-runs');
    assert.deepEqual(f.figures, { failedRuns: 3, reportedPerJob: 1, completedRuns: 14 });
    assert.match(f.message, /^3 runs failed in the last 7 days \(14 completed\); 1 is reported per job, 2 are not in the job list/);
  });

  it('ignores figures that are not numbers', () => {
    assert.deepEqual(evaluateScope(scope, figures({ failedRuns: Number.NaN, quotaPercent: Number.POSITIVE_INFINITY, unusableNodes: Number.NaN }), [], t), []);
  });
});
