import * as assert from 'node:assert/strict';
import { evaluateRed } from '../../../src/core/rules/red';
import { defaultThresholds } from '../../../src/core/rules/thresholds';
import { DAY, END, endpointObs, hourly, hours } from './builders';

const t = defaultThresholds;
const week = 7 * 24;
const ids = (fs: { ruleId: string }[]) => fs.map((f) => f.ruleId);

describe('rules/red', () => {
  it('finds nothing on a steady, healthy endpoint', () => {
    assert.deepEqual(evaluateRed(endpointObs('ml.c5.xlarge', 2), t), []);
  });

  it('flags recent p99 latency over latencyMs, with the level before and how long it lasts', () => {
    const obs = endpointObs('ml.c5.2xlarge', 2, { latencyP99: hourly(hours(week, (i) => (i >= week - 6 ? 1450 : 250))) });
    const [f] = evaluateRed(obs, t);
    assert.equal(f.ruleId, 'red/latency-p99');
    assert.equal(f.severity, 'warning');
    assert.equal(f.figures.p99Ms, 1450);
    assert.equal(f.figures.baselineP99Ms, 250);
    assert.equal(f.figures.aboveForHours, 6);
    assert.match(f.message, /p99 latency 1,450 ms over the last 1 h, above the 1,000 ms threshold; it was 250 ms before .*about 6 h/);
  });

  it('takes the previous hour along when the newest bucket is only a few minutes long', () => {
    const series = hourly(hours(week, (i) => (i === week - 1 ? 1200 : 200)));
    // The check ran 5 minutes into a new hour: the newest bucket holds 5 minutes.
    series.timestamps.push(END);
    series.values.push(300);
    const obs = endpointObs('ml.c5.xlarge', 2, { latencyP99: series, window: { start: END - 7 * DAY, end: END + 5 * 60_000 } });
    const [f] = evaluateRed(obs, t).filter((x) => x.ruleId === 'red/latency-p99');
    assert.equal(f.figures.p99Ms, 1200);
    assert.equal(f.figures.windowMinutes, 65);
  });

  it('grades the recent error rate by the two thresholds, weighted by requests', () => {
    const spike = (rate: number) => endpointObs('ml.m5.large', 2, { errorRate: hourly(hours(week, (i) => (i === week - 1 ? rate : 0.3))) });
    assert.deepEqual(ids(evaluateRed(spike(0.9), t)), []);
    const warn = evaluateRed(spike(3), t);
    assert.deepEqual(warn.map((f) => [f.ruleId, f.severity]), [['red/error-rate', 'warning']]);
    const err = evaluateRed(spike(7.3), t)[0];
    assert.equal(err.severity, 'error');
    assert.equal(err.figures.errorRatePercent, 7.3);
    assert.equal(err.figures.thresholdPercent, 5);
    assert.equal(err.figures.baselineErrorRatePercent, 0.3);
    assert.equal(err.figures.requests, 36_000);
  });

  it('ignores an error rate over too few requests to mean anything', () => {
    const obs = endpointObs('ml.m5.large', 1, {
      errorRate: hourly(hours(week, (i) => (i === week - 1 ? 50 : 0))),
      invocations: hourly(hours(week, (i) => (i === week - 1 ? 4 : 100))),
    });
    assert.deepEqual(ids(evaluateRed(obs, t)).filter((id) => id === 'red/error-rate'), []);
  });

  it('reports traffic near the estimated capacity with the instance count that restores headroom', () => {
    const obs = endpointObs('ml.c5.xlarge', 2, {
      invocations: hourly(hours(week, (i) => (i >= week - 2 ? 216_000 : 72_000))),
      cpu: hourly(hours(week, (i) => (i >= week - 2 ? 86 : 30))),
    });
    const [f] = evaluateRed(obs, t);
    assert.equal(f.ruleId, 'red/near-capacity');
    assert.equal(f.figures.requestsPerSecond, 60);
    assert.equal(f.figures.utilizationPercent, 86);
    assert.equal(f.figures.capacityRequestsPerSecond, 69.77);
    assert.equal(f.fix?.instanceCount, 3);
    assert.equal(f.fix?.monthlyExtraCostUsd, 148.92);
  });

  it('leaves chronic CPU saturation to utilization/cpu-high', () => {
    const obs = endpointObs('ml.m5.large', 2, { cpu: hourly(hours(week, () => 94)) });
    assert.deepEqual(ids(evaluateRed(obs, t)), []);
  });

  it('calls an endpoint idle after idleDays under idleRequestsPerSecond, with the monthly saving', () => {
    const obs = endpointObs('ml.g5.2xlarge', 1, { invocations: hourly(hours(week, () => 100)) });
    const [f] = evaluateRed(obs, t);
    assert.equal(f.ruleId, 'red/idle-endpoint');
    assert.equal(f.figures.requests, 16_800);
    assert.equal(f.fix?.monthlySavingUsd, 1105.95);
    assert.match(f.message, /16,800 requests in the last 7 days \(0\.03 req\/s on average, under 0\.1\) on 1 × ml\.g5\.2xlarge, which cost about \$1,106\/month/);
  });

  it('does not call an endpoint idle before it has existed for idleDays, nor a serverless one', () => {
    const young = endpointObs('ml.m5.large', 1, { invocations: hourly([]) });
    young.resource = { ...young.resource, createdAt: END - 3 * DAY };
    assert.deepEqual(ids(evaluateRed(young, t)), []);
    const serverless = endpointObs('ml.m5.large', 1, { invocations: hourly([]), spec: undefined });
    serverless.variant = { name: 'AllTraffic', serverless: { memorySizeMb: 2048, maxConcurrency: 5 } };
    assert.deepEqual(ids(evaluateRed(serverless, t)), []);
  });

  it('names the variant when the endpoint has several', () => {
    const obs = endpointObs('ml.m5.large', 2, { errorRate: hourly(hours(week, (i) => (i === week - 1 ? 9 : 0.1))) });
    obs.resource = { ...obs.resource, variants: [obs.variant, { name: 'Canary', instanceType: 'ml.m5.large', instanceCount: 1 }] };
    const [f] = evaluateRed(obs, t);
    assert.equal(f.variant, 'AllTraffic');
    assert.match(f.message, /^Variant AllTraffic: /);
  });
});
