// What the e2e tests drive: a real VS Code workbench (code-server) with the extension installed
// from a freshly packaged .vsix, in headless Chromium through playwright-core. The process work
// (install, launch, cleanup on every exit path) lives in scripts/lib/, shared with the demo.
//
//   const workbench = useWorkbench();          // in a describe(): one code-server + browser for the block
//   await workbench().openMlMonitor();
//   await workbench().runCommand('ML Monitor: Start Sandbox Clouds');
//   await workbench().waitForTreeItem('fraud-detector-prod');
//   await workbench().screenshot('sandbox-tree');
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';

/** The repository root (this file runs from out/test/e2e/). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const demoWorkspace = path.join(repoRoot, 'demo-workspace');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

/** An activity bar icon (the container's title, maybe followed by a badge count). */
const ACTIVITY_BAR_ICON = (title: string): string => `.action-label[aria-label^=${JSON.stringify(title)}]`;

interface CodeServer {
  url: string;
  port: number;
  exited: Promise<unknown>;
  output(): string;
  remoteUri(fsPath: string): string;
  workbenchUrl(options: { folder?: string; payload?: Array<[string, string]> }): string;
  stop(): Promise<void>;
}

interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

interface Libs {
  startCodeServer(options: {
    root: string;
    userSettings?: Record<string, unknown>;
    vsixFiles?: string[];
    workspaceTrust?: boolean;
    env?: Record<string, string>;
  }): Promise<CodeServer>;
  ensureCodeServer(options: { root: string }): Promise<string>;
  launchBrowser(options?: { headless?: boolean }): Promise<Browser>;
  packageVsix(options: { root: string; outFile: string }): Promise<string>;
  onExit(cleanup: () => void): () => void;
}

// The helpers are ES modules; under "module": "commonjs" TypeScript would turn import() into
// require(), so the import expression is built at run time.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Record<string, unknown>>;

let libs: Promise<Libs> | undefined;
function loadLibs(): Promise<Libs> {
  const load = (name: string) => importEsm(pathToFileURL(path.join(repoRoot, 'scripts', 'lib', name)).href);
  libs ??= Promise.all(['codeServer.mjs', 'browser.mjs', 'vsix.mjs', 'processes.mjs'].map(load)).then(
    (modules) => Object.assign({}, ...modules) as Libs,
  );
  return libs;
}

let packagedVsix: Promise<string> | undefined;
/** The .vsix under test: the one the e2e layer packaged (MLMON_E2E_VSIX), else packaged once here. */
function vsixUnderTest(): Promise<string> {
  const fromLayer = process.env.MLMON_E2E_VSIX;
  if (fromLayer && fs.existsSync(fromLayer)) return Promise.resolve(fromLayer);
  packagedVsix ??= loadLibs().then(async (l) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-e2e-vsix-'));
    l.onExit(() => fs.rmSync(dir, { recursive: true, force: true }));
    return l.packageVsix({ root: repoRoot, outFile: path.join(dir, 'ml-platform-monitor.vsix') });
  });
  return packagedVsix;
}

export interface WorkbenchOptions {
  /** Folder to open. Default: a fresh temp copy of demo-workspace/ (removed on close). */
  folder?: string;
  /** User settings merged over the harness defaults (startup editor off, telemetry off, ...). */
  userSettings?: Record<string, unknown>;
  /** Keep workspace trust on (the folder then opens in restricted mode until trusted). */
  workspaceTrust?: boolean;
  /** Extra environment for code-server and the extension host. */
  env?: Record<string, string>;
  /** 'vsix' (default): installed like a user would; 'development': loaded from the repo via extensionDevelopmentPath. */
  install?: 'vsix' | 'development';
}

function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'screenshot';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Workbench {
  private closing: Promise<void> | undefined;

  private constructor(
    readonly page: Page,
    readonly server: CodeServer,
    private readonly browser: Browser,
    private readonly install: 'vsix' | 'development',
    private readonly cleanups: Array<() => void>,
    /** The folder currently open. */
    public folder: string,
  ) {}

  /** Starts code-server (extension installed) and Chromium, and opens `folder` in the workbench. */
  static async start(options: WorkbenchOptions = {}): Promise<Workbench> {
    const l = await loadLibs();
    await l.ensureCodeServer({ root: repoRoot });
    const install = options.install ?? 'vsix';
    const cleanups: Array<() => void> = [];
    let folder = options.folder;
    if (!folder) {
      // Same folder name as the original, so window titles and screenshots read "demo-workspace".
      const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-e2e-'));
      const remove = () => fs.rmSync(parent, { recursive: true, force: true });
      cleanups.push(remove, l.onExit(remove));
      folder = path.join(parent, path.basename(demoWorkspace));
      fs.cpSync(demoWorkspace, folder, { recursive: true });
    }
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    try {
      server = await l.startCodeServer({
        root: repoRoot,
        userSettings: options.userSettings,
        vsixFiles: install === 'vsix' ? [await vsixUnderTest()] : [],
        workspaceTrust: options.workspaceTrust,
        env: options.env,
      });
      browser = await l.launchBrowser();
      const workbench = new Workbench(browser.page, server, browser, install, cleanups, folder);
      await workbench.openFolder(folder);
      return workbench;
    } catch (err) {
      await browser?.close();
      await server?.stop();
      for (const cleanup of cleanups) cleanup();
      throw err;
    }
  }

  /** Loads the workbench on `folder` and waits until it is ready for input. */
  async openFolder(folder: string, { timeout = 60_000 } = {}): Promise<void> {
    const payload: Array<[string, string]> =
      this.install === 'development' ? [['extensionDevelopmentPath', this.server.remoteUri(repoRoot)], ['skipWelcome', 'true']] : [];
    await this.page.goto(this.server.workbenchUrl({ folder, payload }), { waitUntil: 'domcontentloaded', timeout });
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
    this.folder = folder;
    await this.page.keyboard.press('Escape');
  }

  /** Opens a view container from the activity bar by its title (no-op when it is already open). */
  async openViewContainer(title: string, { timeout = 30_000 } = {}): Promise<void> {
    const tab = this.page.locator('.activitybar .action-item', { has: this.page.locator(ACTIVITY_BAR_ICON(title)) }).first();
    const icon = tab.locator(ACTIVITY_BAR_ICON(title));
    await icon.waitFor({ state: 'visible', timeout });
    // Clicking the icon of the open container would close the side bar.
    if ((await tab.getAttribute('aria-selected')) !== 'true') await icon.click();
    await this.moveMouseAway();
    await this.page.locator(`.part.sidebar .composite.title`, { hasText: new RegExp(escapeRegExp(title), 'i') }).waitFor({ state: 'visible', timeout });
  }

  /** Waits until the side bar shows no progress bar (a view still loading). */
  async waitForSideBarIdle({ timeout = 30_000 } = {}): Promise<void> {
    await this.page.locator('.part.sidebar .monaco-progress-container.active').first().waitFor({ state: 'hidden', timeout });
  }

  /** Parks the mouse over the editor area so no hover or tooltip covers what a screenshot shows. */
  async moveMouseAway(): Promise<void> {
    const size = this.page.viewportSize() ?? { width: 1440, height: 900 };
    await this.page.mouse.move(Math.round(size.width * 0.6), Math.round(size.height * 0.75));
  }

  /** Opens the "ML Monitor" activity bar container. */
  openMlMonitor(options?: { timeout?: number }): Promise<void> {
    return this.openViewContainer('ML Monitor', options);
  }

  /**
   * Runs a command from the F1 palette by its full title as the palette shows it
   * ("ML Monitor: Refresh"). Returns once it was picked; commands that open their own quick pick
   * leave it open.
   */
  async runCommand(title: string, { timeout = 15_000 } = {}): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    // A quick pick left open by an earlier step would take the text as a filter, not a command.
    if (await input.isVisible()) {
      await this.page.keyboard.press('Escape');
      await input.waitFor({ state: 'hidden', timeout });
    }
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(`>${title}`);
    const label = JSON.stringify(title);
    const row = this.page.locator(`.quick-input-list .monaco-list-row[aria-label=${label}], .quick-input-list .monaco-list-row[aria-label^=${JSON.stringify(`${title},`)}]`).first();
    try {
      await row.waitFor({ state: 'visible', timeout });
    } catch {
      const shown = await this.page.locator('.quick-input-list .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
      await this.page.keyboard.press('Escape');
      throw new Error(`No command titled '${title}' in the palette; it shows: ${shown.join(' | ') || 'nothing'}`);
    }
    await row.click();
    await row.waitFor({ state: 'hidden', timeout }).catch(() => undefined);
  }

  /** A tree row by its accessible name (the label, or the item's accessibility label). */
  treeItem(name: string | RegExp, { exact = false } = {}): Locator {
    return this.page.getByRole('treeitem', { name, exact });
  }

  /** Waits until a tree row with this name is visible and returns it. */
  async waitForTreeItem(name: string | RegExp, { timeout = 30_000, exact = false } = {}): Promise<Locator> {
    const item = this.treeItem(name, { exact }).first();
    await item.waitFor({ state: 'visible', timeout });
    return item;
  }

  /** A button of a view's welcome content, by its text ("Connect AWS"). */
  welcomeButton(text: string): Locator {
    return this.page.locator('.welcome-view-content .monaco-button', { hasText: text });
  }

  /** Saves a screenshot of the whole window to test-results/screenshots/<name>.png; returns the path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${slug(name)}.png`);
    await this.page.screenshot({ path: file, timeout: 15_000 });
    return file;
  }

  /** Closes the browser and stops code-server (and everything it started). Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.browser.close();
      await this.server.stop();
      for (const cleanup of this.cleanups) cleanup();
    })();
    return this.closing;
  }
}

/**
 * Mocha hooks for a describe() block: one workbench started before its tests and closed after
 * them, with a screenshot test-results/screenshots/failed-<test>.png for every failing test.
 * Returns a getter for the workbench.
 */
export function useWorkbench(options: WorkbenchOptions = {}): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    this.timeout(180_000);
    workbench = await Workbench.start(options);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (workbench && test?.state === 'failed') {
      const file = await workbench.screenshot(`failed-${test.fullTitle()}`).catch(() => undefined);
      if (file) console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    }
  });
  after(async function () {
    this.timeout(60_000);
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('The workbench did not start: see the "before all" hook failure.');
    return workbench;
  };
}
