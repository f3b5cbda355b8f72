// The VS Code Microsoft account as an Azure TokenCredential, so the Azure adapter signs in the way
// the Azure extensions do. Providers never import vscode: this wrapper is handed to them in their
// config. With no account signed in it reports itself unavailable and the adapter falls back to
// DefaultAzureCredential (Azure CLI login).
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';

export const ARM_SCOPES = ['https://management.azure.com/.default'];

/** The error name @azure/identity uses for "this credential cannot help here, try the next". */
export class CredentialUnavailableError extends Error {
  override name = 'CredentialUnavailableError';
}

export function vscodeAzureCredential(log?: vscode.LogOutputChannel): TokenCredential {
  return {
    async getToken(_scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      // Never prompts: signing in is the user's choice (Accounts menu), not a side effect of a refresh.
      const scopes = options?.tenantId ? [...ARM_SCOPES, `VSCODE_TENANT:${options.tenantId}`] : ARM_SCOPES;
      const session = await vscode.authentication.getSession('microsoft', scopes, { createIfNone: false, silent: true });
      if (!session) {
        log?.debug('Azure: no Microsoft account signed in to VS Code; trying the Azure CLI login.');
        throw new CredentialUnavailableError('No Microsoft account is signed in to VS Code.');
      }
      // Sessions do not say when their token expires; VS Code refreshes them, so ask again soon.
      return { token: session.accessToken, expiresOnTimestamp: Date.now() + 5 * 60_000 };
    },
  };
}

/** "Sign in to Azure": asks VS Code for the Microsoft account (prompting this time), then reconnects. */
export function registerAzureSignIn(reconnect: () => void, log?: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('mlMonitor.signInAzure', async () => {
    try {
      const session = await vscode.authentication.getSession('microsoft', ARM_SCOPES, { createIfNone: true });
      log?.info(`Azure: signed in as ${session.account.label}.`);
      reconnect();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log?.warn(`Azure sign-in did not complete: ${message}`);
      void vscode.window.showWarningMessage(`Azure sign-in did not complete: ${message}. You can also run \`az login\` in a terminal and refresh.`);
    }
  });
}
