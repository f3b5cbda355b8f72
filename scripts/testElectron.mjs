// `npm run test:electron`: the integration suite (out/test/integration) in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code. CI runs the same suite in
// code-server instead (`npm test`), which needs no download.
//
//   VSCODE_VERSION=1.100.3 npm run test:electron     (default: stable)
import { runTests, downloadAndUnzipVSCode } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function build() {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: root, stdio: 'inherit' });
}

async function main() {
  build();
  const version = process.env.VSCODE_VERSION || 'stable';
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, timeout: 30_000, cachePath: path.join(root, '.vscode-test') });
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    console.error(`Could not download desktop VS Code (${version}) for @vscode/test-electron: ${reason}. Use \`npm test\` instead: it runs the same suite in code-server, no download needed.`);
    return 1;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('No display: desktop VS Code needs one on Linux. Run under `xvfb-run -a npm run test:electron`, or use `npm test` (code-server).');
    return 1;
  }

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-electron-'));
  try {
    const workspace = path.join(scratch, 'demo-workspace');
    fs.mkdirSync(workspace);
    const demo = path.join(root, 'demo-workspace');
    if (fs.existsSync(demo)) fs.cpSync(demo, workspace, { recursive: true });
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--user-data-dir',
        path.join(scratch, 'user-data'),
        '--extensions-dir',
        path.join(scratch, 'extensions'),
      ],
      // Keep the developer's own AWS setup out of the tests, as the code-server run does.
      extensionTestsEnv: {
        AWS_CONFIG_FILE: path.join(scratch, 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(scratch, 'no-aws-credentials'),
        AWS_PROFILE: '',
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_SESSION_TOKEN: '',
      },
    });
  } catch (err) {
    // runTests rejects when the suite fails or VS Code exits abnormally; the suite has printed why.
    console.error(`test:electron: ${err instanceof Error ? err.message : err}`);
    return 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
