// "Connect AWS": pick profiles from the shared config files and regions, saved in user settings.
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import * as vscode from 'vscode';

const SAGEMAKER_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'ap-east-1',
  'me-south-1', 'me-central-1', 'af-south-1', 'il-central-1',
];

interface ProfileInfo {
  name: string;
  kind: string;
}

export async function findAwsProfiles(): Promise<ProfileInfo[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)]);
  return [...names].sort().map((name) => {
    const c = { ...credentialsFile[name], ...configFile[name] };
    const kind = c.sso_session || c.sso_start_url ? 'IAM Identity Center (SSO)' : c.role_arn ? `assumes ${c.role_arn}` : c.credential_process ? 'credential process' : c.aws_access_key_id ? 'access keys' : 'settings only';
    return { name, kind };
  });
}

export function registerConnectAws(): vscode.Disposable {
  return vscode.commands.registerCommand('mlMonitor.connectAws', async () => {
    const config = vscode.workspace.getConfiguration('mlMonitor');
    const current = new Set(config.get<string[]>('aws.profiles') ?? []);
    let profiles: ProfileInfo[] = [];
    try {
      profiles = await findAwsProfiles();
    } catch {
      // Unreadable files: offer the default chain only.
    }
    if (!profiles.some((p) => p.name === 'default')) profiles.unshift({ name: 'default', kind: 'default credential chain (environment, SSO, instance role)' });
    const picked = await vscode.window.showQuickPick(
      profiles.map((p) => ({ label: p.name, description: p.kind, picked: current.has(p.name) })),
      { canPickMany: true, title: 'Connect AWS (1/2): profiles', placeHolder: 'Profiles from ~/.aws/config and ~/.aws/credentials' },
    );
    if (!picked || !picked.length) return;
    const regions = new Set(config.get<string[]>('aws.regions') ?? ['us-east-1']);
    const pickedRegions = await vscode.window.showQuickPick(
      SAGEMAKER_REGIONS.map((r) => ({ label: r, picked: regions.has(r) })),
      { canPickMany: true, title: 'Connect AWS (2/2): regions' },
    );
    if (!pickedRegions || !pickedRegions.length) return;
    await config.update('aws.profiles', picked.map((p) => p.label), vscode.ConfigurationTarget.Global);
    await config.update('aws.regions', pickedRegions.map((r) => r.label), vscode.ConfigurationTarget.Global);
    const hasSso = profiles.some((p) => picked.some((x) => x.label === p.name) && p.kind.includes('SSO'));
    if (hasSso) void vscode.window.showInformationMessage('If a profile asks you to sign in, run `aws sso login --profile <name>` and refresh.');
  });
}
