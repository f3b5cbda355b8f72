// SageMaker's status vocabularies mapped onto the provider-neutral one.
import type { ResourceStatus } from '../../core/model';

const endpointStatus: Record<string, ResourceStatus> = {
  InService: 'inService',
  Creating: 'creating',
  Updating: 'updating',
  SystemUpdating: 'updating',
  RollingBack: 'updating',
  Deleting: 'deleting',
  Failed: 'failed',
  UpdateRollbackFailed: 'failed',
  OutOfService: 'outOfService',
};

const trainingStatus: Record<string, ResourceStatus> = {
  InProgress: 'running',
  Completed: 'completed',
  Failed: 'failed',
  Stopping: 'stopping',
  Stopped: 'stopped',
};

const featureGroupStatus: Record<string, ResourceStatus> = {
  Created: 'inService',
  Creating: 'creating',
  Deleting: 'deleting',
  CreateFailed: 'failed',
  DeleteFailed: 'failed',
};

export function mapEndpointStatus(raw: string | undefined): ResourceStatus {
  return (raw && endpointStatus[raw]) || 'unknown';
}

export function mapTrainingStatus(raw: string | undefined): ResourceStatus {
  return (raw && trainingStatus[raw]) || 'unknown';
}

export function mapFeatureGroupStatus(raw: string | undefined): ResourceStatus {
  return (raw && featureGroupStatus[raw]) || 'unknown';
}

/** Terminal training states never change again, so their descriptions can be cached for good. */
export function isTerminalTraining(raw: string | undefined): boolean {
  return raw === 'Completed' || raw === 'Failed' || raw === 'Stopped';
}
