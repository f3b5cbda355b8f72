// What bench/panel drives in the workbench: the "Open Metrics…" picker, the panel's page (found
// among the webview frames), its refresh button, and the renderer's heap through the DevTools
// protocol. Kept apart from the figures so the benchmark reads as a list of measurements.
import type { CDPSession, Frame } from 'playwright-core';
import type { Workbench } from '../test/e2e/harness';

export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The inner frame of the webview whose page shows `name` as its title. */
export function panelFrame(wb: Workbench, name: string, timeoutMs?: number): Promise<Frame> {
  return waitFor(async () => {
    for (const frame of wb.page.frames()) {
      if ((await frame.locator(`body[data-panel="metrics"] h1:text-is("${name}")`).count().catch(() => 0)) > 0) return frame;
    }
    return undefined;
  }, `the panel of ${name}`, timeoutMs);
}

export async function bodyNumber(frame: Frame, attribute: string): Promise<number | undefined> {
  const value = await frame.locator('body').getAttribute(attribute).catch(() => null);
  return value === null ? undefined : Number(value);
}

/** "ML Monitor: Open Metrics…", then the resource picked by name, as a person would. */
export async function openFromPicker(wb: Workbench, name: string): Promise<void> {
  await wb.runCommand('ML Monitor: Open Metrics…');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(name);
  const row = wb.page.locator(`.quick-input-list .monaco-list-row[aria-label^=${JSON.stringify(name)}]`).first();
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  await input.press('Enter');
}

/** "Go to File…" with the file's name, as a person would. */
export async function openFromQuickOpen(wb: Workbench, fileName: string): Promise<void> {
  await wb.runCommand('Go to File...');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(fileName);
  const row = wb.page.locator(`.quick-input-list .monaco-list-row[aria-label*=${JSON.stringify(fileName)}]`).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await input.press('Enter');
  await wb.page.locator(`.tab[aria-label^=${JSON.stringify(fileName)}]`).first().waitFor({ state: 'visible', timeout: 30_000 });
}

export async function closeAllEditors(wb: Workbench): Promise<void> {
  await wb.runCommand('View: Close All Editors');
  await wb.page.waitForTimeout(300);
}

/** Heap of the renderer that runs the panel's page, after a full garbage collection. */
export class HeapProbe {
  private constructor(
    private readonly session: CDPSession,
    readonly scope: string,
  ) {}

  /** The panel's own process when Chromium isolates the webview, else the workbench's. */
  static async attach(wb: Workbench, frame: Frame): Promise<HeapProbe> {
    try {
      return new HeapProbe(await wb.page.context().newCDPSession(frame), 'webview process');
    } catch {
      return new HeapProbe(await wb.page.context().newCDPSession(wb.page), 'renderer shared by the workbench and its webviews');
    }
  }

  async usedBytes(): Promise<number> {
    // Twice: the first pass can leave objects that only a second one frees (weak references).
    await this.session.send('HeapProfiler.collectGarbage');
    await this.session.send('HeapProfiler.collectGarbage');
    const usage = await this.session.send('Runtime.getHeapUsage');
    return usage.usedSize;
  }

  /** Documents, DOM nodes and event listeners alive in that renderer. */
  async domCounters(): Promise<{ documents: number; nodes: number; jsEventListeners: number }> {
    return this.session.send('Memory.getDOMCounters');
  }
}

/**
 * The webview service worker's life, through the DevTools protocol: code-server hosts every webview on
 * one origin, so each new webview registers its worker script again (its id in the query) and the new
 * version must activate before the page's document loads. Records how long each version stayed
 * "activating".
 */
export class ServiceWorkerWatch {
  private readonly activating = new Map<string, number>();
  private readonly activations: Array<{ at: number; ms: number }> = [];

  static async attach(wb: Workbench): Promise<ServiceWorkerWatch> {
    const watch = new ServiceWorkerWatch();
    const session = await wb.page.context().newCDPSession(wb.page);
    session.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) watch.onVersion(v.versionId, v.status, v.scriptURL);
    });
    await session.send('ServiceWorker.enable');
    return watch;
  }

  private onVersion(id: string, status: string, scriptUrl: string): void {
    if (!scriptUrl.includes('/webview/browser/pre/service-worker.js')) return;
    if (status === 'activating' && !this.activating.has(id)) this.activating.set(id, Date.now());
    const started = this.activating.get(id);
    if (status === 'activated' && started !== undefined && !this.activations.some((a) => a.at === started)) this.activations.push({ at: started, ms: Date.now() - started });
  }

  /** Milliseconds the webview workers spent activating since `since` (Date.now()). */
  activatingSince(since: number): number {
    return this.activations.filter((a) => a.at >= since).reduce((n, a) => n + a.ms, 0);
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
