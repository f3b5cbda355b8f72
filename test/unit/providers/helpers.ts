// What the provider tests of every cloud share: list everything, expect a ProviderError, find by name.
import * as assert from 'node:assert/strict';
import type { Resource, ScopeRef } from '../../../src/core/model';
import { isProviderError, type CloudProvider, type ProviderError } from '../../../src/providers/provider';

export async function listAll(provider: CloudProvider, scope: ScopeRef, kind: Resource['ref']['kind'], pageSize = 50): Promise<Resource[]> {
  const out: Resource[] = [];
  let token: string | undefined;
  do {
    const page = await provider.listResources(scope, kind, { pageSize, pageToken: token });
    out.push(...page.items);
    token = page.nextToken;
  } while (token);
  return out;
}

export async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    assert.ok(isProviderError(err), `expected a ProviderError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

export function byName(resources: Resource[], name: string): Resource {
  const r = resources.find((x) => x.ref.name === name);
  assert.ok(r, `${name} not in ${resources.map((x) => x.ref.name).join(', ')}`);
  return r;
}
