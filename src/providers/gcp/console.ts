// Links into the Google Cloud console for a Vertex AI resource.
import type { ResourceKind, ScopeRef } from '../../core/model';

const paths: Record<ResourceKind | 'trainingPipeline', string> = { endpoint: 'endpoints', trainingJob: 'training/custom-jobs', trainingPipeline: 'training', dataset: 'datasets' };

export function consoleUrl(scope: ScopeRef, kind: ResourceKind | 'trainingPipeline', id: string): string {
  return `https://console.cloud.google.com/vertex-ai/locations/${encodeURIComponent(scope.region)}/${paths[kind]}/${encodeURIComponent(id)}?project=${encodeURIComponent(scope.account)}`;
}
