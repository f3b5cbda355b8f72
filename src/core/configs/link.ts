// Which live resource a declaration describes: the one a directive names, else the one with the name
// the file gives (a SageMaker base_job_name matches the newest job it prefixes; an Azure ML job
// without a name, whose name Azure generates, matches the newest job of its display_name in its
// experiment). Computed names that resolve to nothing link to nothing; the directive is the way out.
import type { Resource, ResourceKind } from '../model';
import type { ConfigDeclaration } from './types';

export interface LinkName {
  name: string;
  prefix: boolean;
  via: 'directive' | 'config';
  /** `name` is the job's display name (Azure ML), not its resource name. */
  displayName?: boolean;
}

export function linkName(decl: ConfigDeclaration): LinkName | undefined {
  if (decl.directive?.name) return { name: decl.directive.name, prefix: false, via: 'directive' };
  const value = decl.name?.value;
  const display = decl.displayName;
  if ((value === undefined || decl.name?.source === 'missing') && display?.value !== undefined && display.source === 'literal') {
    return { name: display.value, prefix: false, via: 'config', displayName: true };
  }
  if (value === undefined || decl.name?.source === 'missing') return undefined;
  if (decl.name?.source === 'reference' && !decl.name.resolvedFrom) return undefined;
  return { name: value, prefix: decl.nameIsPrefix === true, via: 'config' };
}

const liveKinds: Partial<Record<ConfigDeclaration['kind'], ResourceKind>> = { endpoint: 'endpoint', trainingJob: 'trainingJob' };

export function findLinkedResource(decl: ConfigDeclaration, resources: readonly Resource[]): Resource | undefined {
  const link = linkName(decl);
  const kind = decl.directive?.kind ? liveKinds[decl.directive.kind] : liveKinds[decl.kind];
  if (!link || !kind) return undefined;
  // Azure resource names are case-insensitive; SageMaker and Vertex names are not.
  const norm = (s: string): string => (decl.provider === 'azure' ? s.toLowerCase() : s);
  const wanted = norm(link.name);
  const candidates = resources.filter((r) => r.ref.provider === decl.provider && r.ref.kind === kind);
  const newest = (matching: Resource[]) => matching.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))[0];
  if (link.displayName) {
    const experiment = decl.experiment === undefined ? undefined : norm(decl.experiment);
    return newest(candidates.filter((r) => norm(r.displayName ?? r.ref.name) === wanted && (experiment === undefined || r.experiment === undefined || norm(r.experiment) === experiment)));
  }
  if (!link.prefix) return candidates.find((r) => norm(r.ref.name) === wanted);
  return newest(candidates.filter((r) => norm(r.ref.name).startsWith(`${wanted}-`)));
}
