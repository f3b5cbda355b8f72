// Runs the health check with the real AWS SDKs against the sandbox clouds at a fixed instant, so the
// seeded workloads and every figure derived from them are the same on every run.
import { createCatalog } from '../../../src/core/catalog/catalog';
import { runHealthCheck, type HealthCheckOptions } from '../../../src/core/health/healthCheck';
import type { HealthReport } from '../../../src/core/health/report';
import { defaultThresholds } from '../../../src/core/rules/thresholds';
import type { Finding } from '../../../src/core/rules/types';
import { AwsProvider } from '../../../src/providers/aws/awsProvider';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox/server';

/** 40 minutes into an hour: the newest hourly bucket alone covers "now". */
export const FIXED_NOW = Date.UTC(2026, 10, 30, 12, 40, 0);

export interface CheckRun {
  report: HealthReport;
  sandbox: RunningSandbox;
  provider: AwsProvider;
}

export async function checkSandbox(
  sandboxOptions: SandboxOptions = {},
  options: Partial<HealthCheckOptions> = {},
  regions = ['us-east-1', 'us-west-2'],
): Promise<Omit<CheckRun, 'sandbox' | 'provider'> & { requests: Record<string, number> }> {
  const now = () => FIXED_NOW;
  const sandbox = await startSandbox({ port: 0, now, ...sandboxOptions });
  const provider = new AwsProvider({ profiles: [], regions, sandbox: { url: sandbox.url } });
  try {
    const report = await runHealthCheck(
      provider.listScopes().map((scope) => ({ provider, scope })),
      { thresholds: defaultThresholds, catalog: createCatalog(), now, ...options },
    );
    return { report, requests: sandbox.requestCounts() };
  } finally {
    provider.dispose();
    await sandbox.close();
  }
}

/** `ruleId resource severity`, sorted: the shape golden lists compare. */
export function digest(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.resource.name} ${f.severity}`).sort();
}

export function one(findings: readonly Finding[], ruleId: string, resource: string): Finding {
  const found = findings.filter((f) => f.ruleId === ruleId && f.resource.name === resource);
  if (found.length !== 1) throw new Error(`expected one ${ruleId} on ${resource}, got ${found.length}: ${digest(findings).join('; ')}`);
  return found[0];
}
