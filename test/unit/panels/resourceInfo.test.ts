// The facts a metric panel's header shows about its resource, autoscaling included.
import * as assert from 'node:assert/strict';
import type { Resource } from '../../../src/core/model';
import { describeResource } from '../../../src/vscode/panels/resourceLocator';

const endpoint = (variants: NonNullable<Resource['variants']>): Resource => ({
  ref: { provider: 'aws', scopeId: 'aws/sandbox/us-east-1', kind: 'endpoint', name: 'fraud-detector-prod' },
  nativeId: 'arn',
  status: 'inService',
  rawStatus: 'InService',
  variants,
});

describe('panels: resource facts', () => {
  it('says how the endpoint scales, per variant when there are several', () => {
    const scaled = describeResource(
      endpoint([{ name: 'AllTraffic', instanceType: 'ml.c5.xlarge', instanceCount: 2, autoscaling: { mode: 'autoscaled', minCapacity: 2, maxCapacity: 6, metric: 'SageMakerVariantInvocationsPerInstance', targetValue: 1500 } }]),
      'sandbox · us-east-1',
    );
    assert.deepEqual(scaled.facts.find(([k]) => k === 'Autoscaling'), ['Autoscaling', '2-6 instances, SageMakerVariantInvocationsPerInstance at 1500']);
    const two = describeResource(
      endpoint([
        { name: 'blue', instanceType: 'ml.c5.xlarge', instanceCount: 2, autoscaling: { mode: 'fixed' } },
        { name: 'green', instanceType: 'ml.c5.xlarge', instanceCount: 1, autoscaling: { mode: 'unknown', reason: 'needs application-autoscaling:DescribeScalableTargets' } },
      ]),
      'sandbox · us-east-1',
    );
    assert.deepEqual(two.facts.find(([k]) => k === 'Autoscaling'), ['Autoscaling', 'blue: fixed capacity; green: unknown (needs application-autoscaling:DescribeScalableTargets)']);
    const untold = describeResource(endpoint([{ name: 'AllTraffic', serverless: { memorySizeMb: 2048, maxConcurrency: 5 } }]), 'x');
    assert.equal(untold.facts.find(([k]) => k === 'Autoscaling'), undefined);
  });
});
