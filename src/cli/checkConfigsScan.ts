// Reads and analyses the config files of `mlmon check PATHS...`: bytes decoded as an editor would
// (UTF-8 and UTF-16 byte order marks), huge and binary files skipped with a reason, the static config
// rules run with the user's catalog.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCatalog } from '../core/catalog/catalog';
import type { ConfigAnalyzer } from '../core/configs/analyzer';
import { createConfigAnalyzer } from '../core/configs/analyzer';
import type { ConfigFinding } from '../core/configs/ruleIds';
import { checkConfig, type CatalogLookups } from '../core/configs/rules';
import { decodeConfigBytes } from '../core/configs/text';
import type { ConfigDeclaration, ConfigFormat, SkipReason } from '../core/configs/types';

/** Files over this many bytes are not read (generated or vendored data, never a hand-written config). */
export const MAX_CONFIG_BYTES = 5_000_000;

export interface ConfigFileResult {
  /** Absolute path. */
  file: string;
  /** Relative to the run's root with `/` separators: what SARIF and the reports print. */
  relPath: string;
  format?: ConfigFormat;
  skipped?: SkipReason | 'unreadable';
  findings: ConfigFinding[];
  declarations: ConfigDeclaration[];
}

export interface ConfigScan {
  root: string;
  /** Every file read, configs or not, in the order collected. */
  files: ConfigFileResult[];
  elapsedMs: number;
  /** Threads that analysed files, this one included; 1 when absent. */
  threads?: number;
}

export interface ScanOptions {
  root: string;
  catalog?: CatalogLookups;
  analyzer?: ConfigAnalyzer;
  maxBytes?: number;
  now?: () => number;
}

export function relativePath(root: string, file: string): string {
  const rel = path.relative(root, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

/** Synchronous on purpose: config files are small, and a promise per file costs more than the read. */
function readFile(file: string, maxBytes: number): Uint8Array | SkipReason | 'unreadable' {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    if (fs.fstatSync(fd).size > maxBytes) return 'tooLarge';
    return fs.readFileSync(fd);
  } catch {
    return 'unreadable';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export async function scanConfigFiles(files: readonly string[], options: ScanOptions): Promise<ConfigScan> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  // One document at a time in the cache: a CLI run never analyses the same file twice.
  const analyzer = options.analyzer ?? createConfigAnalyzer({ cacheSize: 1 });
  const maxBytes = options.maxBytes ?? MAX_CONFIG_BYTES;
  const catalog = memoizedLookups(options.catalog ?? createCatalog());
  const results: ConfigFileResult[] = [];
  for (const file of files) {
    const base: ConfigFileResult = { file, relPath: relativePath(options.root, file), findings: [], declarations: [] };
    const bytes = readFile(file, maxBytes);
    const decoded = typeof bytes === 'string' ? undefined : decodeConfigBytes(bytes);
    if (typeof bytes === 'string' || !decoded || 'binary' in decoded) {
      results.push({ ...base, skipped: typeof bytes === 'string' ? bytes : 'binary' });
      continue;
    }
    const analysis = await analyzer.analyze({ fileName: file, text: decoded.text, key: file });
    results.push({
      ...base,
      ...(analysis.format ? { format: analysis.format } : {}),
      ...(analysis.skipped ? { skipped: analysis.skipped } : {}),
      findings: analysis.format ? checkConfig(analysis, { catalog }) : [],
      declarations: analysis.declarations,
    });
  }
  return { root: options.root, files: results, elapsedMs: now() - started };
}

/**
 * The catalog with its typo suggestions remembered: a repository repeats the same few instance types,
 * and ranking every catalog name by edit distance is the costliest step of the static rules.
 */
export function memoizedLookups(catalog: CatalogLookups): CatalogLookups {
  const suggestions = new Map<string, string[]>();
  return {
    findInstanceType: (p, n) => catalog.findInstanceType(p, n),
    allInstanceTypes: (p) => catalog.allInstanceTypes(p),
    smallestFitting: (p, need) => catalog.smallestFitting(p, need),
    suggestInstanceTypes(provider, name, max) {
      const key = `${provider}\u0000${name}\u0000${max ?? ''}`;
      let hit = suggestions.get(key);
      if (!hit) suggestions.set(key, (hit = catalog.suggestInstanceTypes(provider, name, max)));
      return [...hit];
    },
  };
}

export interface ScanSummary {
  read: number;
  configs: number;
  declarations: number;
  skipped: Partial<Record<SkipReason | 'unreadable', number>>;
  filesPerSecond: number;
}

export function summarizeScan(scan: ConfigScan): ScanSummary {
  const skipped: ScanSummary['skipped'] = {};
  for (const f of scan.files) if (f.skipped && f.skipped !== 'notConfig') skipped[f.skipped] = (skipped[f.skipped] ?? 0) + 1;
  return {
    read: scan.files.length,
    configs: scan.files.filter((f) => f.format).length,
    declarations: scan.files.reduce((n, f) => n + f.declarations.length, 0),
    skipped,
    filesPerSecond: scan.elapsedMs > 0 ? (scan.files.length / scan.elapsedMs) * 1000 : 0,
  };
}
