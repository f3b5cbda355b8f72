import * as assert from 'node:assert/strict';
import { csvCell, toCsv } from '../../../src/core/metrics/csv';
import type { ChartData, ChartLayout } from '../../../src/protocol/metricsMessages';

const MIN = 60_000;

describe('core/metrics/csv', () => {
  it('quotes separators and defuses formula-looking text', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(1.5), '1.5');
  });

  it('writes one row per slot with data and one column per series, cut to a zoomed window', () => {
    const layouts: ChartLayout[] = [
      { id: 'latency', title: 'Latency', unit: 'ms', series: [{ id: 'p99', label: 'p99' }] },
      { id: 'cpu', title: 'CPU utilization', unit: 'percent', series: [{ id: 'cpu', label: 'CPU' }] },
    ];
    const charts: ChartData[] = [
      { id: 'latency', grid: { start: 0, stepMs: MIN }, series: [{ id: 'p99', values: [100, null, 300] }], breaches: [], stats: [] },
      { id: 'cpu', grid: { start: 0, stepMs: MIN }, series: [{ id: 'cpu', values: [10, null, 30] }], breaches: [], stats: [] },
    ];
    const lines = toCsv(layouts, charts).trim().split('\r\n');
    assert.deepEqual(lines, ['time (UTC),Latency: p99 (ms),CPU utilization: CPU (%)', '1970-01-01T00:00:00.000Z,100,10', '1970-01-01T00:02:00.000Z,300,30']);
    assert.equal(toCsv(layouts, charts, { start: MIN, end: 3 * MIN }).trim().split('\r\n').length, 2);
  });
});
