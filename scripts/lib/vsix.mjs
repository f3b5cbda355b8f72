// Packages the extension as a user would install it: `vsce package --no-dependencies` over the
// esbuild bundle (dist/ must be built first).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Writes `outFile` (a .vsix) from the repository at `root`; returns `outFile`. */
export async function packageVsix({ root, outFile }) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const main = path.join(root, manifest.main ?? 'dist/extension.js');
  if (!fs.existsSync(main)) throw new Error(`${path.relative(root, main)} is missing: build first (node esbuild.mjs).`);
  let vsce;
  try {
    const require = createRequire(path.join(root, 'package.json'));
    const pkg = require.resolve('@vscode/vsce/package.json');
    vsce = path.join(path.dirname(pkg), JSON.parse(fs.readFileSync(pkg, 'utf8')).bin.vsce);
  } catch {
    throw new Error('@vscode/vsce is not installed: run npm install (or npm ci).');
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const args = [vsce, 'package', '--no-dependencies', '--out', outFile];
  // Without a .vscodeignore vsce would pack the whole tree, code-server cache included.
  if (!fs.existsSync(path.join(root, '.vscodeignore'))) {
    args.push('--ignoreFile', fileURLToPath(new URL('./vsix.vscodeignore', import.meta.url)));
  }
  await new Promise((resolve, reject) => {
    // stdin closed: vsce's yes/no prompts (a missing LICENSE, say) fail instead of waiting.
    const child = execFile(process.execPath, args, { cwd: root, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`vsce package failed: ${(stderr || stdout || err.message).trim()}`));
      else resolve();
    });
    child.stdin?.end();
  });
  return outFile;
}
