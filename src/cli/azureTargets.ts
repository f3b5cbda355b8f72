// `mlmon check --provider azure`: the Azure Machine Learning workspaces of subscriptions given as
// flags or in AZURE_SUBSCRIPTION_ID (signed in with DefaultAzureCredential: `az login`,
// environment variables, managed identity), or the sandbox's Azure clouds.
import type { AzureProvider } from '../providers/azure/azureProvider';
import { isSubscriptionId, parseWorkspaceSetting } from '../providers/azure/ids';
import { fetchSandboxAzure } from '../providers/azure/sandboxInfo';
import { listFlag, providerTargets, startCheckSandbox, type OpenTargets, type TargetFlags } from './checkTargets';
import { UsageError } from './io';

/** Finds the workspaces first: a subscription that cannot be listed becomes one scope carrying its error. */
async function open(provider: AzureProvider, description: string, close?: () => Promise<void>): Promise<OpenTargets> {
  await provider.discover();
  return providerTargets(provider, description, close);
}

export async function openAzureTargets(flags: TargetFlags, env: NodeJS.ProcessEnv = process.env): Promise<OpenTargets> {
  const timeoutMs = flags.timeout * 1000;
  // Its own chunk of the bundle (esbuild.mjs), loaded only when Azure is checked.
  const { AzureProvider } = await import('../providers/azure/azureProvider');
  if (flags.sandboxUrl) {
    const azure = await fetchSandboxAzure(flags.sandboxUrl);
    if (!azure) throw new UsageError(`The sandbox at ${flags.sandboxUrl} serves no Azure clouds (or is not running). Start it with 'mlmon sandbox'.`);
    return open(new AzureProvider({ subscriptions: azure.subscriptions, requestTimeoutMs: timeoutMs, sandbox: { url: azure.url, ca: azure.ca } }), `the sandbox's Azure clouds at ${azure.url}`);
  }
  if (flags.sandbox) {
    const sandbox = await startCheckSandbox(flags.scenario);
    const subscriptions = (sandbox.scenario.azure?.subscriptions ?? []).map((s) => s.id);
    return open(
      new AzureProvider({ subscriptions, requestTimeoutMs: timeoutMs, sandbox: { url: sandbox.httpsUrl, ca: sandbox.ca } }),
      `the sandbox's Azure clouds${flags.scenario ? ` (scenario ${flags.scenario})` : ''}, subscription${subscriptions.length === 1 ? '' : 's'} ${subscriptions.join(', ') || 'none'}`,
      () => sandbox.close(),
    );
  }
  const subscriptions = listFlag(flags.azureSubscription?.length ? flags.azureSubscription : env.AZURE_SUBSCRIPTION_ID ? [env.AZURE_SUBSCRIPTION_ID] : []);
  if (!subscriptions.length) throw new UsageError('--provider azure needs a subscription: --azure-subscription <id> (or AZURE_SUBSCRIPTION_ID).');
  const bad = subscriptions.find((s) => !isSubscriptionId(s));
  if (bad) throw new UsageError(`'${bad}' is not an Azure subscription id (a GUID such as 00000000-0000-0000-0000-000000000000).`);
  const workspaces = listFlag(flags.azureWorkspace);
  const badWorkspace = workspaces.find((w) => !parseWorkspaceSetting(w));
  if (badWorkspace) throw new UsageError(`'${badWorkspace}' is not a workspace: write resourceGroup/workspace.`);
  return open(
    new AzureProvider({ subscriptions, workspaces, requestTimeoutMs: timeoutMs }),
    `Azure subscription${subscriptions.length > 1 ? 's' : ''} ${subscriptions.join(', ')}${workspaces.length ? ` (workspaces ${workspaces.join(', ')})` : ''}`,
  );
}
