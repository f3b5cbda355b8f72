// Debian's Chromium driven by playwright-core (never `playwright install`: no downloads here).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onExit, withTimeout } from './processes.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The Chromium binary: $CHROMIUM_PATH, else Debian's. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Throws a clear error when Chromium is not installed. */
export function requireChromium() {
  const file = chromiumPath();
  if (!fs.existsSync(file)) {
    throw new Error(`Chromium is not installed at ${file}: apt-get install chromium (or run .ci/run), or set CHROMIUM_PATH.`);
  }
  return file;
}

/**
 * Launches headless Chromium on a throwaway profile.
 * Returns { context, page, close() }; close() also removes the profile.
 */
export async function launchBrowser({ headless = true, viewport = { width: 1440, height: 900 }, timeoutMs = 60_000 } = {}) {
  const executablePath = requireChromium();
  const { chromium } = await import('playwright-core');
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-chromium-'));
  const removeProfile = () => fs.rmSync(profileDir, { recursive: true, force: true });
  const unregister = onExit(removeProfile);
  let context;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless,
      args: CHROMIUM_ARGS,
      viewport,
      timeout: timeoutMs,
    });
  } catch (err) {
    removeProfile();
    unregister();
    throw new Error(`Chromium (${executablePath}) did not start: ${err instanceof Error ? err.message : err}`);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  let closing;
  return {
    context,
    page,
    close: () =>
      (closing ??= withTimeout(context.close(), 15_000, 'Chromium did not close within 15 s')
        .catch(() => context.browser()?.close())
        .catch(() => undefined)
        .finally(() => {
          removeProfile();
          unregister();
        })),
  };
}
