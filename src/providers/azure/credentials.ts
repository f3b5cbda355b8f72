// Credentials for the Azure SDKs. The extension passes its own (the VS Code Microsoft account); the
// CLI uses DefaultAzureCredential (Azure CLI login, environment, managed identity), loaded only when
// needed; the sandbox accepts a fixed token.
import type { AccessToken, TokenCredential } from '@azure/core-auth';

export const ARM_SCOPE = 'https://management.azure.com/.default';

/** Always the same token: the sandbox's, or a test's. */
export function fixedTokenCredential(token: string): TokenCredential {
  return {
    getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
}

/** DefaultAzureCredential, imported on first use so the identity library loads only for real accounts. */
export function lazyDefaultCredential(): TokenCredential {
  let inner: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes, options) {
      inner ??= import('@azure/identity').then(({ DefaultAzureCredential }) => new DefaultAzureCredential());
      return (await inner).getToken(scopes, options);
    },
  };
}

/** The first credential that can help: one reporting CredentialUnavailableError hands over to the next. */
export function chainCredentials(...credentials: TokenCredential[]): TokenCredential {
  return {
    async getToken(scopes, options) {
      let last: unknown;
      for (const credential of credentials) {
        try {
          return await credential.getToken(scopes, options);
        } catch (err) {
          if ((err as Error)?.name !== 'CredentialUnavailableError') throw err;
          last = err;
        }
      }
      throw last;
    },
  };
}
