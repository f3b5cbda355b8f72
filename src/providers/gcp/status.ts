// Vertex AI's job and training pipeline states mapped onto the provider-neutral vocabulary, and
// protobuf timestamps.
import type { ResourceStatus } from '../../core/model';

const jobStates: Record<string, ResourceStatus> = {
  JOB_STATE_QUEUED: 'pending',
  JOB_STATE_PENDING: 'pending',
  JOB_STATE_RUNNING: 'running',
  JOB_STATE_SUCCEEDED: 'completed',
  JOB_STATE_PARTIALLY_SUCCEEDED: 'completed',
  JOB_STATE_FAILED: 'failed',
  JOB_STATE_EXPIRED: 'failed',
  JOB_STATE_CANCELLING: 'stopping',
  JOB_STATE_CANCELLED: 'stopped',
  JOB_STATE_PAUSED: 'stopped',
  JOB_STATE_UPDATING: 'updating',
  PIPELINE_STATE_QUEUED: 'pending',
  PIPELINE_STATE_PENDING: 'pending',
  PIPELINE_STATE_RUNNING: 'running',
  PIPELINE_STATE_SUCCEEDED: 'completed',
  PIPELINE_STATE_FAILED: 'failed',
  PIPELINE_STATE_CANCELLING: 'stopping',
  PIPELINE_STATE_CANCELLED: 'stopped',
  PIPELINE_STATE_PAUSED: 'stopped',
};

/** `JOB_STATE_PARTIALLY_SUCCEEDED` → status `completed`, label `Partially succeeded`; pipeline states alike. */
export function jobStatus(state: string): { status: ResourceStatus; label: string } {
  const word = state.replace(/^(JOB|PIPELINE)_STATE_/, '').toLowerCase().replace(/_/g, ' ');
  return { status: jobStates[state] ?? 'unknown', label: word.charAt(0).toUpperCase() + word.slice(1) };
}

/** A google.protobuf.Timestamp as the clients return it (seconds may be a string or a Long) → epoch ms. */
export function timestampMs(t: { seconds?: unknown; nanos?: number | null } | null | undefined): number | undefined {
  if (!t || t.seconds === undefined || t.seconds === null) return undefined;
  const seconds = Number(String(t.seconds));
  return Number.isFinite(seconds) ? seconds * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : undefined;
}
