// What `mlmon check` looks at: the sandbox clouds (started here, or already running), or AWS
// accounts from profiles and regions given as flags or in the usual environment variables.
import * as fs from 'node:fs';
import { createCatalog, type Catalog } from '../core/catalog/catalog';
import { catalogFromText } from '../core/health/catalogFile';
import type { CheckTarget } from '../core/health/healthCheck';
import { resolveThresholds, type Thresholds } from '../core/rules/thresholds';
import type { CloudProvider } from '../providers/provider';
import type { RunningSandbox } from '../sandbox/server';
import { UsageError } from './io';

export type ProviderName = 'aws' | 'gcp' | 'azure';

export interface TargetFlags {
  sandbox?: boolean;
  sandboxUrl?: string;
  scenario?: string;
  provider: ProviderName;
  awsProfile?: string[];
  awsRegion?: string[];
  awsEndpointUrl?: string;
  /** --provider azure: subscription ids and `resourceGroup/workspace` filters. */
  azureSubscription?: string[];
  azureWorkspace?: string[];
  /** --provider gcp: project ids and Vertex AI locations. */
  gcpProject?: string[];
  gcpLocation?: string[];
  timeout: number;
}

export interface OpenTargets {
  targets: CheckTarget[];
  /** Where the check looked, for the first line on stderr. */
  description: string;
  close(): Promise<void>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const PROFILE = /^[A-Za-z0-9_.+=,@-]{1,64}$/;

/** `a,b` and repeated flags alike; empty entries dropped, duplicates once. */
export function listFlag(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
}

export async function openTargets(flags: TargetFlags, env: NodeJS.ProcessEnv = process.env): Promise<OpenTargets> {
  // The SDK's notice about its own future Node requirement is not about this run; in a CI log it
  // reads like an error. A user who wants it sets the variable to anything else.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (flags.provider === 'azure') {
    if (flags.scenario && !flags.sandbox) throw new UsageError('--scenario needs --sandbox: the scenario describes the sandbox clouds\' workloads.');
    const { openAzureTargets } = await import('./azureTargets');
    return openAzureTargets(flags, env);
  }
  if (flags.provider === 'gcp') {
    if (flags.scenario && !flags.sandbox) throw new UsageError('--scenario needs --sandbox: the scenario describes the sandbox clouds\' workloads.');
    const { openGcpTargets } = await import('./gcpTargets');
    return openGcpTargets(flags, env);
  }
  if (flags.provider !== 'aws') {
    throw new UsageError(`--provider ${flags.provider} is not available yet: this version checks Amazon SageMaker (--provider aws) and the sandbox clouds (--sandbox).`);
  }
  if (flags.scenario && !flags.sandbox) throw new UsageError('--scenario needs --sandbox: the scenario describes the sandbox clouds\' workloads.');
  const timeoutMs = flags.timeout * 1000;
  if (flags.sandbox || flags.sandboxUrl) return openSandbox(flags, timeoutMs);

  const profiles = listFlag(flags.awsProfile?.length ? flags.awsProfile : [env.AWS_PROFILE ?? 'default']);
  const regions = listFlag(flags.awsRegion?.length ? flags.awsRegion : [env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1']);
  const badProfile = profiles.find((p) => !PROFILE.test(p));
  if (badProfile) throw new UsageError(`'${badProfile}' is not an AWS profile name (letters, digits and _.+=,@- only).`);
  const badRegion = regions.find((r) => !REGION.test(r));
  if (badRegion) throw new UsageError(`'${badRegion}' is not an AWS region such as us-east-1.`);
  const endpoint = flags.awsEndpointUrl ? httpUrl(flags.awsEndpointUrl, '--aws-endpoint-url') : undefined;
  const { AwsProvider } = await loadAws();
  const provider = new AwsProvider({
    profiles,
    regions,
    requestTimeoutMs: timeoutMs,
    endpointOverrides: endpoint ? { sagemaker: endpoint, cloudwatch: endpoint } : undefined,
  });
  return {
    targets: provider.listScopes().map((scope) => ({ provider, scope })),
    description: `AWS profile${profiles.length > 1 ? 's' : ''} ${profiles.join(', ')} in ${regions.join(', ')}${endpoint ? ` via ${endpoint}` : ''}`,
    close: async () => provider.dispose(),
  };
}

// The cloud SDKs and the sandbox are chunks of their own in the bundle (esbuild.mjs): a run that only
// checks config files, or `--help`, never loads them.
function loadAws() {
  return import('../providers/aws/awsProvider');
}

function httpUrl(value: string, flag: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString().replace(/\/$/, '');
  } catch {
    // Falls through to the message below.
  }
  throw new UsageError(`${flag} must be an http(s) URL, e.g. http://127.0.0.1:4510.`);
}

async function openSandbox(flags: TargetFlags, timeoutMs: number): Promise<OpenTargets> {
  let url: string;
  let regions: string[];
  let close = async (): Promise<void> => undefined;
  if (flags.sandboxUrl) {
    url = httpUrl(flags.sandboxUrl, '--sandbox-url');
    regions = listFlag(flags.awsRegion?.length ? flags.awsRegion : ['us-east-1']);
  } else {
    const sandbox = await startCheckSandbox(flags.scenario);
    url = sandbox.url;
    // Every region the scenario fills, so nothing it seeds goes unchecked.
    const named = (sandbox.scenario.aws?.accounts ?? []).flatMap((a) => a.regions.map((r) => r.name));
    regions = listFlag(flags.awsRegion?.length ? flags.awsRegion : named.length ? named : ['us-east-1']);
    close = () => sandbox.close();
  }
  const { AwsProvider } = await loadAws();
  const provider: CloudProvider = new AwsProvider({ profiles: [], regions, requestTimeoutMs: timeoutMs, sandbox: { url } });
  return providerTargets(provider, `the sandbox clouds${flags.scenario ? ` (scenario ${flags.scenario})` : ''} in ${regions.join(', ')}`, close);
}

/** A sandbox for one check run; a bad scenario file is a usage error (exit 2). */
export async function startCheckSandbox(scenarioFile: string | undefined): Promise<RunningSandbox> {
  const { startSandbox, ScenarioError } = await import('../sandbox/server');
  try {
    return await startSandbox({ port: 0, scenarioFile });
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(e.message);
    throw e;
  }
}

/** Every scope of one provider as check targets; closing disposes the provider, then runs `close`. */
export function providerTargets(provider: CloudProvider, description: string, close: () => Promise<void> = async () => undefined): OpenTargets {
  return {
    targets: provider.listScopes().map((scope) => ({ provider, scope })),
    description,
    close: async () => {
      provider.dispose();
      await close();
    },
  };
}

/** The built-in catalog with the user's file applied; problems in the file are warnings, not failures. */
export function loadCatalog(file: string | undefined, warn: (line: string) => void): Catalog {
  if (!file) return createCatalog();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : e instanceof Error ? e.message : String(e);
    throw new UsageError(`Could not read the catalog file ${file}: ${why}.`);
  }
  const { catalog, problems } = catalogFromText(text, `catalog ${file}`);
  problems.forEach(warn);
  return catalog;
}

/** `--threshold key=value` flags over the defaults. */
export function parseThresholdFlags(pairs: readonly string[] | undefined, warn: (line: string) => void): Thresholds {
  const values: Record<string, unknown> = {};
  for (const pair of pairs ?? []) {
    const m = /^\s*([A-Za-z]+)\s*=\s*(.+?)\s*$/.exec(pair);
    const n = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(n)) throw new UsageError(`--threshold ${pair}: write key=number, e.g. --threshold latencyMs=500.`);
    values[m[1]] = n;
  }
  const { thresholds, problems } = resolveThresholds(values, '--threshold ');
  const unknown = problems.find((p) => p.includes('not a known threshold'));
  if (unknown) throw new UsageError(`${unknown.replace('; it was ignored.', '.')} See docs/rules.md for the names.`);
  problems.forEach(warn);
  return thresholds;
}
