// What a panel remembers across reloads: identity only (which resource, which time range), never
// data. The webview keeps it with setState; the serializer hands it back, so it is checked here
// like any other message from the webview.
import { RANGE_PRESETS, type RangeSpec } from '../core/metrics/periods';
import type { ResourceRef } from '../core/model';
import { hasShape, isFiniteNumber, isObject, isOneOf, isString, type Guard } from './guards';

export interface MetricsPanelState {
  v: 1;
  ref: ResourceRef;
  range: RangeSpec;
}

/** Earliest instant a custom range may start: CloudWatch keeps 15 months, the others less. */
const EARLIEST = Date.UTC(2000, 0, 1);
/** Longest custom range: beyond this even hourly data would not fit one chart. */
export const MAX_CUSTOM_RANGE_MS = 400 * 86_400_000;

export const isRangePreset = isOneOf(RANGE_PRESETS);

export function isRangeSpec(value: unknown): value is RangeSpec {
  if (!isObject(value)) return false;
  if ('preset' in value) return isRangePreset(value.preset);
  const { start, end } = value;
  return isFiniteNumber(start) && isFiniteNumber(end) && start >= EARLIEST && end > start && end - start <= MAX_CUSTOM_RANGE_MS;
}

export const isResourceRef: Guard<ResourceRef> = hasShape<ResourceRef>({
  provider: isOneOf(['aws', 'gcp', 'azure'] as const),
  scopeId: (v): v is string => isString(v, 200) && v.length > 0,
  kind: isOneOf(['trainingJob', 'endpoint', 'dataset'] as const),
  name: (v): v is string => isString(v, 1024) && v.length > 0,
});

export const isMetricsPanelState: Guard<MetricsPanelState> = hasShape<MetricsPanelState>({
  v: (v): v is 1 => v === 1,
  ref: isResourceRef,
  range: isRangeSpec,
});

/** Copies only the known fields, so nothing extra a webview added travels further. */
export function cleanRef(ref: ResourceRef): ResourceRef {
  return { provider: ref.provider, scopeId: ref.scopeId, kind: ref.kind, name: ref.name };
}

export function cleanRange(range: RangeSpec): RangeSpec {
  return 'preset' in range ? { preset: range.preset } : { start: range.start, end: range.end };
}
