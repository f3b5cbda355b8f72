// Connecting to sandbox clouds started elsewhere (`mlmon sandbox`): the Azure clouds listen on
// their own HTTPS port with a certificate made at start, which the sandbox's http side describes.

export const DEFAULT_AZURE_SANDBOX_TOKEN = 'sandbox-token';

export interface SandboxAzure {
  url: string;
  ca: string;
  subscriptions: string[];
}

/** Asks a running sandbox (its http URL) where its Azure clouds listen and which CA they use. */
export async function fetchSandboxAzure(httpUrl: string, timeoutMs = 5000): Promise<SandboxAzure | undefined> {
  try {
    const res = await fetch(`${httpUrl.replace(/\/$/, '')}/azure/sandbox`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { httpsUrl?: unknown; ca?: unknown; subscriptions?: unknown };
    if (typeof body.httpsUrl !== 'string' || !body.httpsUrl.startsWith('https://') || typeof body.ca !== 'string' || !body.ca.includes('BEGIN CERTIFICATE')) return undefined;
    const subscriptions = Array.isArray(body.subscriptions) ? body.subscriptions.filter((s): s is string => typeof s === 'string') : [];
    return { url: body.httpsUrl, ca: body.ca, subscriptions };
  } catch {
    // An older sandbox, or none: there is simply no Azure to show.
    return undefined;
  }
}
