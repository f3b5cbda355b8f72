// Which live resource a declaration describes: the one a directive names, else the one with the name
// the file gives (a SageMaker base_job_name matches the newest job it prefixes). Computed names that
// resolve to nothing link to nothing; the directive is the way out.
import type { Resource, ResourceKind } from '../model';
import type { ConfigDeclaration } from './types';

export interface LinkName {
  name: string;
  prefix: boolean;
  via: 'directive' | 'config';
}

export function linkName(decl: ConfigDeclaration): LinkName | undefined {
  if (decl.directive?.name) return { name: decl.directive.name, prefix: false, via: 'directive' };
  const value = decl.name?.value;
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
  if (!link.prefix) return candidates.find((r) => norm(r.ref.name) === wanted);
  const matching = candidates.filter((r) => norm(r.ref.name).startsWith(`${wanted}-`));
  return matching.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))[0];
}
