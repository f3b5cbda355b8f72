// Whether SageMaker variants autoscale. SageMaker does not say (DescribeEndpoint shows counts only):
// scaling lives in Application Auto Scaling, as a scalable target on
// `sagemaker:variant:DesiredInstanceCount` (`endpoint/<name>/variant/<variant>`) with policies. One
// paged listing of each per scope, not a call per endpoint; the policies only when there are targets.
import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  type ScalableTarget,
  type ScalingPolicy,
} from '@aws-sdk/client-application-auto-scaling';
import type { Autoscaling } from '../../core/model';
import { allPages, isProviderError } from '../provider';
import type { AwsClients } from './clients';
import type { Call } from './resources';

const NAMESPACE = 'sagemaker';
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
/** The most the service returns a page. */
const PAGE = 50;

/** What the listing learnt: the autoscaling of a variant by endpoint and variant name. */
export type AutoscalingLookup = (endpoint: string, variant: string) => Autoscaling;

/**
 * Lists the scope's SageMaker scalable targets and their policies. A refusal (no
 * application-autoscaling permission, or the service failing) does not fail the endpoint listing:
 * every variant then says autoscaling is unknown and why. Cancellation still propagates.
 */
export async function listAutoscaling(clients: AwsClients, call: Call): Promise<AutoscalingLookup> {
  let targets: ScalableTarget[];
  let policies: ScalingPolicy[] = [];
  let action = 'DescribeScalableTargets';
  try {
    targets = await allPages((NextToken) =>
      call('list scalable targets', (abortSignal) =>
        clients.autoscaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: NAMESPACE, ScalableDimension: DIMENSION, MaxResults: PAGE, NextToken }), { abortSignal }),
      ).then((out) => ({ items: out.ScalableTargets, next: out.NextToken })),
    );
    if (targets.length) {
      action = 'DescribeScalingPolicies';
      policies = await allPages((NextToken) =>
        call('list scaling policies', (abortSignal) =>
          clients.autoscaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: NAMESPACE, ScalableDimension: DIMENSION, MaxResults: PAGE, NextToken }), { abortSignal }),
        ).then((out) => ({ items: out.ScalingPolicies, next: out.NextToken })),
      );
    }
  } catch (err) {
    if (!isProviderError(err) || err.kind === 'cancelled') throw err;
    const reason = err.kind === 'permission' ? `needs application-autoscaling:${action}` : `Application Auto Scaling failed: ${err.message}`;
    return () => ({ mode: 'unknown', reason });
  }
  const targetById = new Map(targets.map((t) => [t.ResourceId ?? '', t]));
  const policiesById = new Map<string, ScalingPolicy[]>();
  for (const p of policies) policiesById.set(p.ResourceId ?? '', [...(policiesById.get(p.ResourceId ?? '') ?? []), p]);
  return (endpoint, variant) => {
    const id = `endpoint/${endpoint}/variant/${variant}`;
    return autoscalingOf(targetById.get(id), policiesById.get(id) ?? []);
  };
}

/** A target scales when its range is open, a policy drives it, and scale-out is not suspended. */
export function autoscalingOf(target: ScalableTarget | undefined, policies: readonly ScalingPolicy[]): Autoscaling {
  if (!target) return { mode: 'fixed' };
  const min = Number(target.MinCapacity ?? 0);
  const max = Number(target.MaxCapacity ?? 0);
  if (!(max > min)) return { mode: 'fixed', note: `scalable target with ${min}-${max} instances` };
  if (!policies.length) return { mode: 'fixed', note: 'scalable target without a scaling policy' };
  if (target.SuspendedState?.DynamicScalingOutSuspended) return { mode: 'fixed', note: 'scale-out suspended' };
  const tracking = policies.find((p) => p.TargetTrackingScalingPolicyConfiguration);
  const config = tracking?.TargetTrackingScalingPolicyConfiguration;
  const metric = config
    ? (config.PredefinedMetricSpecification?.PredefinedMetricType ?? config.CustomizedMetricSpecification?.MetricName ?? 'a custom metric')
    : `${policies[0].PolicyType ?? 'a'} policy`;
  const targetValue = config?.TargetValue;
  return { mode: 'autoscaled', minCapacity: min, maxCapacity: max, metric, ...(targetValue !== undefined && Number.isFinite(targetValue) ? { targetValue } : {}) };
}
