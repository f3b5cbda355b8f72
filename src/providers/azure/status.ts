// Azure ML's provisioning states and job statuses mapped onto the provider-neutral ones.
import type { ResourceStatus } from '../../core/model';

const provisioning: Record<string, ResourceStatus> = {
  Succeeded: 'inService',
  Creating: 'creating',
  Updating: 'updating',
  Deleting: 'deleting',
  Failed: 'failed',
  Canceled: 'outOfService',
};

const jobs: Record<string, ResourceStatus> = {
  NotStarted: 'pending',
  Queued: 'pending',
  Preparing: 'pending',
  Provisioning: 'pending',
  Starting: 'pending',
  Running: 'running',
  Finalizing: 'running',
  CancelRequested: 'stopping',
  Completed: 'completed',
  Failed: 'failed',
  Canceled: 'stopped',
  NotResponding: 'unknown',
  Paused: 'stopped',
};

export function mapProvisioningState(raw: string | undefined): ResourceStatus {
  return (raw && provisioning[raw]) || 'unknown';
}

export function mapJobStatus(raw: string | undefined): ResourceStatus {
  return (raw && jobs[raw]) || 'unknown';
}

/** Finished jobs never change again. */
export function isTerminalJob(raw: string | undefined): boolean {
  return raw === 'Completed' || raw === 'Failed' || raw === 'Canceled';
}
