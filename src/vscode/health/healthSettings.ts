// The health check's settings, read as untrusted input: thresholds checked against the rules' table,
// the production name pattern compiled once, and the catalog file parsed with every problem named.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createCatalog, type Catalog } from '../../core/catalog/catalog';
import { catalogFromText } from '../../core/health/catalogFile';
import { resolveThresholds, thresholdTable, type Thresholds } from '../../core/rules/thresholds';

export interface HealthSettings {
  thresholds: Thresholds;
  productionPattern?: string;
  catalog: Catalog;
  /** Problems to log (and show once): bad values, an unreadable catalog file. */
  problems: string[];
}

/** Relative paths are taken from the first workspace folder, as users write them in settings.json. */
function resolvePath(file: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return path.isAbsolute(file) || !folder ? file : path.join(folder, file);
}

export function readCatalog(file: string | undefined, problems: string[]): Catalog {
  if (!file) return createCatalog();
  let text: string;
  try {
    text = fs.readFileSync(resolvePath(file), 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : err instanceof Error ? err.message : String(err);
    problems.push(`mlMonitor.catalogFile ${file}: ${why}; using the built-in catalog.`);
    return createCatalog();
  }
  const { catalog, problems: found } = catalogFromText(text, `mlMonitor.catalogFile ${file}`);
  problems.push(...found);
  return catalog;
}

export function readHealthSettings(): HealthSettings {
  const config = vscode.workspace.getConfiguration('mlMonitor');
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  // Only the rules' keys: other features keep their own thresholds in the same namespace.
  for (const t of thresholdTable) values[t.key] = config.get(`thresholds.${t.key}`);
  const resolved = resolveThresholds(values);
  problems.push(...resolved.problems);
  // A workspace may not point the extension at a file elsewhere on disk unless the user trusts it.
  const catalogFile = config.inspect<string>('catalogFile');
  const file = vscode.workspace.isTrusted ? config.get<string>('catalogFile') : (catalogFile?.globalValue ?? catalogFile?.defaultValue);
  const pattern = config.get<unknown>('productionNamePattern');
  let productionPattern: string | undefined;
  if (typeof pattern === 'string' && pattern.trim()) {
    try {
      new RegExp(pattern);
      productionPattern = pattern;
    } catch {
      problems.push(`mlMonitor.productionNamePattern is not a valid regular expression; using the default.`);
    }
  }
  return {
    thresholds: resolved.thresholds,
    productionPattern,
    catalog: readCatalog(typeof file === 'string' && file.trim() ? file.trim() : undefined, problems),
    problems,
  };
}
