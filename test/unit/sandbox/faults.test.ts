// Injected faults as the real SDKs see them, and their determinism.
import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import * as assert from 'node:assert/strict';
import { createFaultInjector, resolveFaultRates } from '../../../src/sandbox/faults';
import { openSandbox, rejection } from './helpers';

describe('sandbox/faults', function () {
  it('throttles as ThrottlingException (SageMaker) and Throttling (CloudWatch), recognised as throttling', async () => {
    const t = await openSandbox({ faults: { throttling: 1 } });
    try {
      const sm = await rejection(t.sagemaker().send(new ListEndpointsCommand({})));
      assert.equal(sm.name, 'ThrottlingException');
      const cw = await rejection(t.cloudwatch().send(new ListMetricsCommand({})));
      assert.equal(cw.name, 'Throttling');
      // The SDK's standard retry strategy retries throttling: three attempts by default.
      t.sandbox.resetCounts();
      await rejection(t.sagemaker({ maxAttempts: 3 }).send(new ListEndpointsCommand({})));
      assert.equal(t.sandbox.requestCounts()['SageMaker.ListEndpoints'], 3);
    } finally {
      await t.close();
    }
  });

  it('fails with 5xx errors the SDK sees as server faults', async () => {
    const t = await openSandbox({ faults: { serverError: 1 } });
    try {
      const sm = await rejection(t.sagemaker().send(new ListEndpointsCommand({})));
      assert.equal(sm.$metadata?.httpStatusCode, 500);
      assert.equal(sm.name, 'InternalFailure');
      const cw = await rejection(t.cloudwatch().send(new ListMetricsCommand({})));
      assert.equal(cw.name, 'InternalServiceFault');
      assert.equal((cw as { $fault?: string }).$fault, 'server');
    } finally {
      await t.close();
    }
  });

  it('returns 200 with a cut-off body that the SDK cannot parse', async () => {
    const t = await openSandbox({ faults: { malformed: 1 } });
    try {
      const err = await rejection(t.sagemaker().send(new ListEndpointsCommand({})));
      assert.equal(err.$metadata?.httpStatusCode, 200);
      assert.match(err.message, /JSON|Unexpected end|Deserialization/i);
    } finally {
      await t.close();
    }
  });

  it('hangs until the client gives up, and still closes cleanly', async () => {
    const t = await openSandbox({ faults: { timeout: 1 } });
    const err = await rejection(t.sagemaker({ requestTimeoutMs: 200 }).send(new ListEndpointsCommand({})));
    assert.equal(err.name, 'TimeoutError');
    // A second hung request is still open when the sandbox closes; close() must not wait for it.
    const pending = t.sagemaker({ requestTimeoutMs: 60_000 }).send(new ListEndpointsCommand({})).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    await t.close();
    assert.ok((await pending) instanceof Error);
  });

  it('adds latency without changing answers', async () => {
    const t = await openSandbox({ latencyMs: 20 });
    try {
      const out = await t.sagemaker().send(new ListEndpointsCommand({}));
      assert.equal(out.Endpoints!.length, 10);
    } finally {
      await t.close();
    }
  });

  it('injects the same faults in the same order for the same seed', () => {
    const rates = resolveFaultRates(0.4);
    const run = (seed: number) => {
      const injector = createFaultInjector(seed, rates);
      return Array.from({ length: 200 }, () => injector.next() ?? '-');
    };
    assert.deepEqual(run(7), run(7));
    assert.notDeepEqual(run(7), run(8));
    const faults = run(7).filter((k) => k !== '-').length;
    assert.ok(faults > 50 && faults < 110, `about 40 % of 200 requests fail: ${faults}`);
    assert.deepEqual(new Set(run(7).filter((k) => k !== '-')), new Set(['throttling', 'serverError', 'timeout', 'malformed']));
  });

  it('refuses rates outside 0..1 or adding up to more than 1', async () => {
    assert.throws(() => resolveFaultRates(1.5), RangeError);
    assert.throws(() => resolveFaultRates(0, { throttling: 0.7, timeout: 0.7 }), /add up to/);
    await assert.rejects(openSandbox({ faultRate: -1 }), RangeError);
  });
});
