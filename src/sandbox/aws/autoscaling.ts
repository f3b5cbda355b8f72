// Application Auto Scaling (AWS JSON 1.1, `AnyScaleFrontendService.<Op>`) over the scenario's
// SageMaker variants: one scalable target per variant with an `autoscaling` section, and its
// target-tracking policy. Paged by NextToken as the real service pages (at most 50 a page).
import type { EndpointModel, VariantModel } from '../workloads';
import type { AwsCallContext, AwsOperation } from './context';
import type { InputReader } from './input';
import { hashString } from '../prng';
import { pageAt } from './paging';
import { AwsError, epochSeconds as s } from './protocol';

const NAMESPACES = ['ecs', 'elasticmapreduce', 'ec2', 'appstream', 'dynamodb', 'rds', 'sagemaker', 'custom-resource', 'comprehend', 'lambda', 'cassandra', 'kafka', 'elasticache', 'neptune', 'workspaces'];
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
const DEFAULT_POLICY: { predefinedMetric: string; targetValue: number; name?: string } = { predefinedMetric: 'SageMakerVariantInvocationsPerInstance', targetValue: 1000 };

interface Target {
  endpoint: EndpointModel;
  variant: VariantModel;
  resourceId: string;
}

function targets(ctx: AwsCallContext): Target[] {
  return ctx.region.endpoints
    .flatMap((endpoint) => endpoint.variants.filter((v) => v.autoscaling).map((variant) => ({ endpoint, variant, resourceId: `endpoint/${endpoint.name}/variant/${variant.name}` })))
    .sort((a, b) => (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0));
}

/** The request members both operations filter by, read and checked in AWS's words. */
function filters(input: InputReader): { namespace: string; dimension?: string; maxResults: number; token?: string } {
  const namespace = input.string('ServiceNamespace', { required: true, values: NAMESPACES });
  const dimension = input.string('ScalableDimension', { maxLength: 256 });
  const maxResults = input.integer('MaxResults', { min: 1, max: 50 }) ?? 50;
  const token = input.string('NextToken', { maxLength: 4096 });
  return { namespace, dimension, maxResults, token };
}

function invalidToken(): AwsError {
  return new AwsError('InvalidNextTokenException', 'Invalid token');
}

function stringList(input: InputReader, name: string, max: number): string[] | undefined {
  const raw = input.array(name);
  if (!raw.length) return undefined;
  if (raw.length > max) throw new AwsError('ValidationException', `1 validation error detected: Value at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  return raw.map((v) => {
    if (typeof v !== 'string') throw new AwsError('SerializationException', `Cannot deserialize '${name}': expected a list of strings`);
    return v;
  });
}

function matching(ctx: AwsCallContext, f: ReturnType<typeof filters>, resourceIds: string[] | undefined): Target[] {
  if (f.namespace !== 'sagemaker') return [];
  if (f.dimension !== undefined && f.dimension !== DIMENSION) return [];
  return targets(ctx).filter((t) => !resourceIds || resourceIds.includes(t.resourceId));
}

/** A stable id per target, shaped like the service's (`0a1b2c3d...`). */
function targetId(t: Target): string {
  return [hashString(t.resourceId), hashString(`${t.resourceId}#`)].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

const describeScalableTargets: AwsOperation = (input, ctx) => {
  const f = filters(input);
  const ids = stringList(input, 'ResourceIds', 50);
  const { page, nextToken } = pageAt(matching(ctx, f, ids), f.maxResults, f.token, [f.namespace, f.dimension, ids], invalidToken);
  return {
    ScalableTargets: page.map((t) => ({
      ServiceNamespace: 'sagemaker',
      ResourceId: t.resourceId,
      ScalableDimension: DIMENSION,
      MinCapacity: t.variant.autoscaling!.minCapacity,
      MaxCapacity: t.variant.autoscaling!.maxCapacity,
      RoleARN: `arn:aws:iam::${ctx.region.accountId}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
      CreationTime: s(t.endpoint.modifiedAt),
      SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
      ScalableTargetARN: `arn:aws:application-autoscaling:${ctx.region.region}:${ctx.region.accountId}:scalable-target/${targetId(t)}`,
    })),
    NextToken: nextToken,
  };
};

const describeScalingPolicies: AwsOperation = (input, ctx) => {
  const f = filters(input);
  const resourceId = input.string('ResourceId', { maxLength: 1600 });
  const names = stringList(input, 'PolicyNames', 50);
  const policies = matching(ctx, f, resourceId === undefined ? undefined : [resourceId]).flatMap((t) => {
    const spec = t.variant.autoscaling!.policy;
    if (spec === false) return [];
    const policy = spec ?? DEFAULT_POLICY;
    const name = policy.name ?? `${t.endpoint.name}-${t.variant.name}-invocations`;
    return !names || names.includes(name) ? [{ t, name, metric: policy.predefinedMetric ?? DEFAULT_POLICY.predefinedMetric, targetValue: policy.targetValue }] : [];
  });
  const { page, nextToken } = pageAt(policies, f.maxResults, f.token, [f.namespace, f.dimension, resourceId, names], invalidToken);
  return {
    ScalingPolicies: page.map((p) => ({
      PolicyARN: `arn:aws:autoscaling:${ctx.region.region}:${ctx.region.accountId}:scalingPolicy:${targetId(p.t)}:resource/sagemaker/${p.t.resourceId}:policyName/${p.name}`,
      PolicyName: p.name,
      ServiceNamespace: 'sagemaker',
      ResourceId: p.t.resourceId,
      ScalableDimension: DIMENSION,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: p.targetValue,
        PredefinedMetricSpecification: { PredefinedMetricType: p.metric },
        ScaleOutCooldown: 300,
        ScaleInCooldown: 300,
        DisableScaleIn: false,
      },
      Alarms: [
        { AlarmName: `TargetTracking-${p.t.resourceId}-AlarmHigh`, AlarmARN: `arn:aws:cloudwatch:${ctx.region.region}:${ctx.region.accountId}:alarm:TargetTracking-${p.t.resourceId}-AlarmHigh` },
        { AlarmName: `TargetTracking-${p.t.resourceId}-AlarmLow`, AlarmARN: `arn:aws:cloudwatch:${ctx.region.region}:${ctx.region.accountId}:alarm:TargetTracking-${p.t.resourceId}-AlarmLow` },
      ],
      CreationTime: s(p.t.endpoint.modifiedAt),
    })),
    NextToken: nextToken,
  };
};

export const autoScalingOperations: Record<string, AwsOperation> = {
  DescribeScalableTargets: describeScalableTargets,
  DescribeScalingPolicies: describeScalingPolicies,
};
