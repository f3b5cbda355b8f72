// Vertex resources the fleet-size knob and `hostileNames` add, built from the same generators the
// AWS sandbox uses so a fleet benchmark and a hostile-name test mean the same on both clouds.
import { hostileResources } from '../hostile';
import type { CustomJobSpec, DeployedModelSpec, VertexDatasetSpec, VertexEndpointSpec } from './specTypes';

/** The Vertex machine closest to each SageMaker type the fleet generator picks. */
const machines: Record<string, Pick<DeployedModelSpec, 'machineType' | 'acceleratorType' | 'acceleratorCount'>> = {
  'ml.m5.large': { machineType: 'n1-standard-2' },
  'ml.m5.xlarge': { machineType: 'n1-standard-4' },
  'ml.m5.2xlarge': { machineType: 'n1-standard-8' },
  'ml.c5.xlarge': { machineType: 'n1-highcpu-4' },
  'ml.c5.2xlarge': { machineType: 'n1-highcpu-8' },
  'ml.g4dn.xlarge': { machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 },
  'ml.g5.2xlarge': { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 },
  'ml.g5.12xlarge': { machineType: 'g2-standard-48', acceleratorType: 'NVIDIA_L4', acceleratorCount: 4 },
};

export function fleetMachine(sageMakerType: string): Pick<DeployedModelSpec, 'machineType' | 'acceleratorType' | 'acceleratorCount'> {
  return machines[sageMakerType] ?? { machineType: 'n1-standard-4' };
}

/** The hostile names as Vertex display names: the real service refuses most, a proxy might not. */
export function hostileVertex(): { endpoints: VertexEndpointSpec[]; customJobs: CustomJobSpec[]; datasets: VertexDatasetSpec[] } {
  const aws = hostileResources();
  return {
    endpoints: (aws.endpoints ?? []).map((e) => ({
      name: e.name,
      deployedModels: e.status === 'Failed' ? [] : [{ machineType: 'n1-standard-2', displayName: e.variants?.[0]?.name ?? e.name }],
      stories: e.stories,
    })),
    customJobs: (aws.trainingJobs ?? []).map((j) => ({
      name: j.name,
      state: 'JOB_STATE_FAILED' as const,
      startedAt: j.startedAt,
      duration: j.duration,
      error: { code: 13, message: j.failureReason ?? 'failed' },
      stories: j.stories,
    })),
    datasets: (aws.featureGroups ?? []).map((g) => ({ name: g.name, bigquerySource: 'bq://sandbox-project.hostile.table' })),
  };
}
