// The AWS sandbox cloud: SageMaker and Application Auto Scaling (AWS JSON 1.1) and CloudWatch (AWS
// JSON 1.0 in query-compatible mode), told apart by `x-amz-target`, with the caller's account and region taken from the SigV4
// credential scope. Resources exist only in their own account and region; elsewhere lists are empty.
import type { CloudHandler, RenderedFault, SandboxRequest, SandboxResponse } from './handler';
import type { SandboxClock } from './time';
import type { RegionModel, World } from './workloads';
import { cloudWatchOperations } from './aws/cloudwatch';
import { cloudWatchError, cloudWatchFieldErrors } from './aws/cloudwatchInput';
import type { AwsCallContext, AwsOperation } from './aws/context';
import { InputReader, isObject, type FieldErrors } from './aws/input';
import { buildMetricIndex, type MetricIndex } from './aws/metricSeries';
import { AwsError, checkCredentials, frameworkError, renderError, renderResult, TARGET_PREFIX, type AwsService } from './aws/protocol';
import { autoScalingOperations } from './aws/autoscaling';
import { sageMakerFieldErrors, sageMakerOperations } from './aws/sagemaker';

interface ServiceDef {
  /** The service's prefix in IAM actions (`sagemaker:ListEndpoints`), for a scenario's deniedActions. */
  iam: string;
  operations: Record<string, AwsOperation>;
  fieldErrors: FieldErrors;
  throttling(): AwsError;
  internal(): AwsError;
}

const services: Record<AwsService, ServiceDef> = {
  SageMaker: {
    iam: 'sagemaker',
    operations: sageMakerOperations,
    fieldErrors: sageMakerFieldErrors,
    throttling: () => new AwsError('ThrottlingException', 'Rate exceeded'),
    internal: () => new AwsError('InternalFailure', 'We encountered an internal error. Please try again.', 500),
  },
  // Application Auto Scaling words validation errors as SageMaker does (the same AWS JSON 1.1 framework).
  ApplicationAutoScaling: {
    iam: 'application-autoscaling',
    operations: autoScalingOperations,
    fieldErrors: sageMakerFieldErrors,
    throttling: () => new AwsError('ThrottlingException', 'Rate exceeded'),
    internal: () => new AwsError('InternalServiceException', 'The service encountered an internal error.', 500),
  },
  CloudWatch: {
    iam: 'cloudwatch',
    operations: cloudWatchOperations,
    fieldErrors: cloudWatchFieldErrors,
    throttling: () => cloudWatchError('Throttling', 'Rate exceeded'),
    internal: () => cloudWatchError('InternalServiceError', 'Internal service error. Please try again.'),
  },
};

function serviceOf(operation: string): AwsService | undefined {
  const service = operation.slice(0, operation.indexOf('.'));
  return Object.hasOwn(services, service) ? (service as AwsService) : undefined;
}

export interface AwsHandlerOptions {
  world: World;
  clock: SandboxClock;
  log?: (line: string) => void;
}

export function createAwsHandler({ world, clock, log }: AwsHandlerOptions): CloudHandler {
  const indexes = new Map<RegionModel, MetricIndex>();
  let requests = 0;
  const nextRequestId = () => `00000000-0000-4000-8000-${(++requests).toString(16).padStart(12, '0')}`;

  const regionFor = (accessKeyId: string, region: string): RegionModel => {
    const accountId = world.accountFor(accessKeyId) ?? '000000000000';
    return world.findRegion(accountId, region) ?? { accountId, region, endpoints: [], trainingJobs: [], featureGroups: [], buckets: [] };
  };

  const run = (service: AwsService, name: string, request: SandboxRequest): unknown => {
    const credentials = checkCredentials(request.headers.authorization);
    const def = services[service];
    const operation = Object.hasOwn(def.operations, name) ? def.operations[name] : undefined;
    if (!operation) throw frameworkError('UnknownOperationException', `The operation ${name} is not supported by the ${service} sandbox.`);
    let body: unknown = {};
    if (request.body.length > 0) {
      try {
        body = JSON.parse(request.body.toString('utf8'));
      } catch {
        throw frameworkError('SerializationException', 'The request body is not valid JSON.');
      }
    }
    if (!isObject(body)) throw frameworkError('SerializationException', 'The request body must be a JSON object.');
    const region = regionFor(credentials.accessKeyId, credentials.region);
    const action = `${def.iam}:${name}`;
    // The IAM check the real services make before reading the request.
    if (region.deniedActions?.includes(action)) {
      const message = `User: arn:aws:sts::${region.accountId}:assumed-role/SandboxReadOnly/sandbox is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
      throw service === 'CloudWatch' ? cloudWatchError('AccessDenied', message) : new AwsError('AccessDeniedException', message);
    }
    const ctx: AwsCallContext = {
      region,
      now: clock.now(),
      metrics: () => {
        let index = indexes.get(region);
        if (!index) indexes.set(region, (index = buildMetricIndex(region)));
        return index;
      },
    };
    return operation(new InputReader(body, def.fieldErrors), ctx);
  };

  return {
    cloud: 'aws',
    operation(request) {
      const target = request.headers['x-amz-target'];
      if (typeof target !== 'string') return undefined;
      for (const [service, prefix] of Object.entries(TARGET_PREFIX)) {
        if (target.startsWith(prefix)) return `${service}.${target.slice(prefix.length)}`;
      }
      return `AWS.${target}`;
    },
    handle(request, operation): SandboxResponse {
      const service = serviceOf(operation);
      const requestId = nextRequestId();
      if (!service) {
        return renderError('SageMaker', frameworkError('UnknownOperationException', `The sandbox does not serve ${operation.slice(4)}.`), requestId);
      }
      try {
        return renderResult(service, run(service, operation.slice(service.length + 1), request), requestId);
      } catch (e) {
        if (e instanceof AwsError) return renderError(service, e, requestId);
        log?.(`aws: ${operation} failed inside the sandbox: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return renderError(service, services[service].internal(), requestId);
      }
    },
    renderFault(kind: RenderedFault, operation) {
      const service = serviceOf(operation) ?? 'SageMaker';
      const error = kind === 'throttling' ? services[service].throttling() : services[service].internal();
      return renderError(service, error, nextRequestId());
    },
  };
}
