// Which files `mlmon check PATHS...` reads: files named on the command line always, and under each
// directory the files whose extension a config parser reads, skipping the folders no one commits
// configs to on purpose (dependencies, VCS data, caches) and anything matching --exclude.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './io';

/** Extensions the analyzer has a parser for (src/core/configs/detect.ts); others in a walk are ignored. */
export const CONFIG_EXTENSIONS = ['.yaml', '.yml', '.json', '.jsonc', '.tf', '.py', '.pyw', '.ipynb', '.sh', '.bash', '.template', '.cfn', '.cform'];

/** Folders skipped while walking (like a default .gitignore): never deployment configs of the project itself. */
export const DEFAULT_EXCLUDED_DIRS = [
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.terraform',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ipynb_checkpoints',
  '.cache',
];

export interface CollectOptions {
  /** Glob patterns (`*`, `**`, `?`) matched against paths relative to `root`, with `/`. */
  exclude?: readonly string[];
  root: string;
}

export interface CollectedFiles {
  /** Absolute paths, in a stable order. */
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

/** `**` spans folders, `*` and `?` stay inside one; a pattern without `/` matches a name at any depth. */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.replace(/\\/g, '/').replace(/\/+$/, '');
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const anchored = pattern.includes('/') ? `^${out}` : `(?:^|/)${out}`;
  // A pattern naming a folder also excludes everything in it.
  return new RegExp(`${anchored}(?:/.*)?$`);
}

export function hasConfigExtension(file: string): boolean {
  const lower = file.toLowerCase();
  return CONFIG_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export async function collectConfigFiles(paths: readonly string[], options: CollectOptions): Promise<CollectedFiles> {
  const excludes = (options.exclude ?? []).map(globToRegExp);
  const relative = (abs: string) => path.relative(options.root, abs).split(path.sep).join('/');
  const excluded = (abs: string) => excludes.some((re) => re.test(relative(abs)));
  const files = new Set<string>();
  const missing: string[] = [];

  // Synchronous on purpose: one folder at a time through the thread pool left a cold run idle for
  // tens of milliseconds in a tree of a few hundred folders, and a CLI has nothing else to do meanwhile.
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      // An unreadable folder (permissions, removed meanwhile) holds nothing we can check.
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // Symbolic links are not followed: a link to a parent would walk forever.
      if (entry.isDirectory()) {
        if (!DEFAULT_EXCLUDED_DIRS.includes(entry.name) && !excluded(full)) subdirs.push(full);
      } else if (entry.isFile() && hasConfigExtension(entry.name) && !excluded(full)) {
        files.add(full);
      }
    }
    for (const sub of subdirs) walk(sub);
  };

  for (const given of paths) {
    const abs = path.resolve(options.root, given);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(abs);
    } catch {
      missing.push(given);
      continue;
    }
    if (stat.isDirectory()) walk(abs);
    // A file named on the command line is read whatever its name: it may be a script with a shebang.
    else if (stat.isFile()) files.add(abs);
  }
  return { files: [...files], missing };
}

/** Checks --exclude patterns up front, so a typo is a usage error rather than a silent no-op. */
export function parseExcludes(values: readonly string[] | undefined): string[] {
  const out = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const pattern of out) {
    if (pattern.length > 500) throw new UsageError(`--exclude ${pattern.slice(0, 40)}…: the pattern is too long.`);
  }
  return out;
}
