// What every AWS operation receives: the caller's region of the world, the clock reading for this
// request, and the region's metrics (built on first use).
import type { RegionModel } from '../workloads';
import type { InputReader } from './input';
import type { MetricIndex } from './metricSeries';

export interface AwsCallContext {
  region: RegionModel;
  /** The sandbox clock for this request, epoch ms. */
  now: number;
  metrics(): MetricIndex;
}

export type AwsOperation = (input: InputReader, ctx: AwsCallContext) => unknown;
