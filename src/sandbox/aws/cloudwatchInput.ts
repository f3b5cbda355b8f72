// CloudWatch's error vocabulary and the request pieces its operations share (metrics, periods).
import type { FieldErrors, InputReader } from './input';
import { AwsError } from './protocol';

/** Query codes (what `x-amzn-query-error` carries) and the shapes the JSON protocol names. */
const shapes = {
  MissingParameter: ['MissingRequiredParameterException', 400],
  InvalidParameterValue: ['InvalidParameterValueException', 400],
  InvalidParameterCombination: ['InvalidParameterCombinationException', 400],
  ValidationError: ['ValidationException', 400],
  InvalidNextToken: ['InvalidNextToken', 400],
  Throttling: ['ThrottlingException', 400],
  AccessDenied: ['AccessDeniedException', 403],
  InternalServiceError: ['InternalServiceFault', 500],
} as const;

export type CloudWatchQueryCode = keyof typeof shapes;

export function cloudWatchError(queryCode: CloudWatchQueryCode, message: string): AwsError {
  const [shape, status] = shapes[queryCode];
  return new AwsError(shape, message, status, queryCode);
}

export const cloudWatchFieldErrors: FieldErrors = {
  missing: (field) => cloudWatchError('MissingParameter', `The parameter ${field} is required.`),
  invalid: (field, value, constraint) =>
    cloudWatchError('ValidationError', `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`),
};

export interface MetricRef {
  namespace: string;
  metricName: string;
  dimensions: Array<{ Name: string; Value: string }>;
}

export function readMetric(metric: InputReader): MetricRef {
  const namespace = metric.string('Namespace', { required: true, maxLength: 255 });
  const metricName = metric.string('MetricName', { required: true, maxLength: 255 });
  const raw = metric.array('Dimensions');
  if (raw.length > 30) throw cloudWatchError('InvalidParameterValue', 'The collection Dimensions must not have a size greater than 30.');
  const dimensions = raw.map((d, i) => {
    const dim = metric.nested(d, `Dimensions.member.${i + 1}`);
    return { Name: dim.string('Name', { required: true, maxLength: 255 }), Value: dim.string('Value', { required: true, maxLength: 1024 }) };
  });
  return { namespace, metricName, dimensions };
}

/** CloudWatch takes high-resolution periods (1, 5, 10, 20, 30 s) or multiples of a minute. */
export function validatePeriod(period: number, field: string): void {
  if (period < 1 || (period >= 60 ? period % 60 !== 0 : ![1, 5, 10, 20, 30].includes(period))) {
    throw cloudWatchError('InvalidParameterValue', `The parameter ${field} must be 1, 5, 10, 20, 30, or any multiple of 60.`);
  }
}
