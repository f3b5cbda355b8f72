import * as assert from 'node:assert/strict';
import { parseFleetViewMessage } from '../../../src/protocol/fleetMessages';
import { parseMetricsHostMessage, parseMetricsViewMessage } from '../../../src/protocol/metricsMessages';
import { isMetricsPanelState } from '../../../src/protocol/panelState';

const ref = { provider: 'aws', scopeId: 'aws/sandbox/us-east-1', kind: 'endpoint', name: 'search-ranker' };

describe('protocol guards', () => {
  it('accepts well-formed webview messages and rejects everything else', () => {
    assert.deepEqual(parseMetricsViewMessage({ type: 'setRange', range: { preset: '12h' } }), { type: 'setRange', range: { preset: '12h' } });
    assert.ok(parseMetricsViewMessage({ type: 'exportPng', chartId: 'latency', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }));
    assert.deepEqual(parseMetricsViewMessage({ type: 'resync' }), { type: 'resync' });
    for (const bad of [
      null,
      'ready',
      { type: 'nope' },
      { type: 'toString' },
      { type: 'setRange', range: { preset: '2w' } },
      { type: 'setRange', range: { start: 10, end: 5 } },
      { type: 'setLive', live: 'yes' },
      { type: 'exportPng', chartId: 'latency', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' },
      { type: 'exportPng', chartId: 'latency', dataUrl: 'javascript:alert(1)' },
      { type: 'exportCsv', window: { start: 5, end: 1 } },
    ]) {
      assert.equal(parseMetricsViewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('checks host messages on the webview side too', () => {
    const chart = { id: 'latency', grid: { start: 0, stepMs: 60000 }, series: [{ id: 'p99', values: [1, null, 2] }], breaches: [[0, 60000]], stats: [] };
    assert.ok(parseMetricsHostMessage({ type: 'chart', requestId: 1, chart, cards: [] }));
    assert.equal(parseMetricsHostMessage({ type: 'chart', requestId: 1, chart: { ...chart, series: [{ id: 'p99', values: ['1'] }] }, cards: [] }), undefined);
    assert.equal(parseMetricsHostMessage({ type: 'chart', requestId: -1, chart, cards: [] }), undefined);
    assert.deepEqual(parseMetricsHostMessage({ type: 'sync', expect: 3 }), { type: 'sync', expect: 3 });
    for (const expect of [-1, 1.5, '3', undefined]) assert.equal(parseMetricsHostMessage({ type: 'sync', expect }), undefined);
  });

  it('restores panel state only when it names a resource and a range', () => {
    assert.ok(isMetricsPanelState({ v: 1, ref, range: { preset: '1d' } }));
    assert.ok(!isMetricsPanelState({ v: 1, ref: { ...ref, kind: 'bucket' }, range: { preset: '1d' } }));
    assert.ok(!isMetricsPanelState({ v: 2, ref, range: { preset: '1d' } }));
    assert.ok(!isMetricsPanelState({ v: 1, ref, range: { start: 0, end: 1 } }), 'custom ranges before 2000 are refused');
    assert.ok(!isMetricsPanelState(undefined));
  });

  it('copies only known fields of fleet messages', () => {
    assert.deepEqual(parseFleetViewMessage({ type: 'open', key: 'k', extra: 'x' }), { type: 'open', key: 'k' });
    assert.equal(parseFleetViewMessage({ type: 'open', key: 3 }), undefined);
  });
});
