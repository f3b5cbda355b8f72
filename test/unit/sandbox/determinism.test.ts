// Same seed and clock give the same data on any server; moving the clock adds new points.
import { GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import * as assert from 'node:assert/strict';
import { defaultScenario } from '../../../src/sandbox/server';
import { endpointMetric, HOUR, hostMetric, NOON, openSandbox, type TestSandbox } from './helpers';

const queries: MetricDataQuery[] = [
  endpointMetric('lat', 'AWS/SageMaker', 'ModelLatency', 'search-ranker', 60, 'p90'),
  endpointMetric('cpu', '/aws/sagemaker/Endpoints', 'CPUUtilization', 'fleet-0007', 300, 'Maximum'),
  endpointMetric('inv', 'AWS/SageMaker', 'Invocations', 'fraud-detector-prod', 60, 'Sum'),
  hostMetric('mem', 'MemoryUtilization', 'llm-pretrain-oom/algo-1', 300, 'Average'),
];

async function fetch(t: TestSandbox, start: number, end: number) {
  const out = await t.cloudwatch().send(new GetMetricDataCommand({ StartTime: new Date(start), EndTime: new Date(end), MetricDataQueries: queries, ScanBy: 'TimestampAscending' }));
  return out.MetricDataResults!.map((r) => ({ id: r.Id, ts: r.Timestamps!.map((d) => d.getTime()), values: r.Values }));
}

describe('sandbox/determinism and liveness', function () {
  it('serves identical data from two servers with the same seed and clock', async () => {
    const a = await openSandbox({ fleetSize: 10 });
    const b = await openSandbox({ fleetSize: 10 });
    try {
      const [x, y] = [await fetch(a, NOON - 24 * HOUR, NOON), await fetch(b, NOON - 24 * HOUR, NOON)];
      assert.ok(x.every((r) => r.values!.length > 0), 'every query has data');
      assert.deepEqual(x, y);
      const names = async (t: TestSandbox) => (await t.sagemaker().send(new ListEndpointsCommand({ MaxResults: 100 }))).Endpoints!.map((e) => e.EndpointName);
      assert.deepEqual(await names(a), await names(b));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('serves different noise for a different seed', async () => {
    const a = await openSandbox({ fleetSize: 10 });
    const b = await openSandbox({ fleetSize: 10, scenario: { ...defaultScenario, seed: 'another seed' } });
    try {
      const [x, y] = [await fetch(a, NOON - HOUR, NOON), await fetch(b, NOON - HOUR, NOON)];
      assert.notDeepEqual(x[0].values, y[0].values);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('adds points as the clock moves on, leaving the old ones as they were', async () => {
    const t = await openSandbox();
    try {
      const before = await fetch(t, NOON - HOUR, NOON + HOUR);
      const inv = before.find((r) => r.id === 'inv')!;
      assert.equal(inv.ts.length, 60, 'nothing after now');
      assert.ok(inv.ts.at(-1)! < NOON);
      t.clock.now = NOON + 10 * 60_000;
      const after = (await fetch(t, NOON - HOUR, NOON + HOUR)).find((r) => r.id === 'inv')!;
      assert.equal(after.ts.length, 70, 'ten new one-minute points');
      assert.deepEqual(after.values!.slice(0, 60), inv.values, 'history does not change');
    } finally {
      await t.close();
    }
  });

  it('anchors stories to clock.start when the scenario fixes it', async () => {
    const anchor = '2026-06-15T08:00:00Z';
    const scenario = { ...defaultScenario, clock: { start: anchor } };
    const t = await openSandbox({ scenario, now: () => Date.parse(anchor) });
    try {
      const out = await t.cloudwatch().send(
        new GetMetricDataCommand({
          StartTime: new Date(Date.parse(anchor) - 12 * HOUR),
          EndTime: new Date(anchor),
          MetricDataQueries: [endpointMetric('p99', 'AWS/SageMaker', 'ModelLatency', 'search-ranker', 3600, 'p99')],
          ScanBy: 'TimestampAscending',
        }),
      );
      const p99 = out.MetricDataResults![0].Values!;
      assert.ok(p99[0] < 1_000_000 && p99.at(-1)! > 1_000_000, 'the regression is six hours before the anchor');
    } finally {
      await t.close();
    }
  });
});
