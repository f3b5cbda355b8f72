// The config-file half of `mlmon check PATHS...`: collects and analyses the files, then writes the
// report alone (no cloud named) or merged with the health report (clouds checked too).
import type { Catalog } from '../core/catalog/catalog';
import type { HealthReport } from '../core/health/report';
import type { Resource } from '../core/model';
import { collectConfigFiles, parseExcludes } from './checkConfigsFiles';
import { configCheck, configJson, configText, throughputLine, type ConfigCheck } from './checkConfigsReport';
import { scanInParallel } from './checkConfigsPool';
import type { ConfigScan } from './checkConfigsScan';
import { addConfigsToSarif, configSarif } from './checkConfigsSarif';
import { formatReport, toJson, type CheckFormat } from './checkFormats';
import { toSarif } from './checkSarif';
import { UsageError, type CliIo } from './io';

export interface ConfigScanFlags {
  exclude?: string[];
  verbose?: boolean;
  /** The catalog file the worker threads read again (a Catalog does not cross threads). */
  catalog?: string;
  jobs?: number;
}

export async function scanPaths(paths: readonly string[], flags: ConfigScanFlags, catalog: Catalog, io: CliIo, root = process.cwd()): Promise<ConfigScan> {
  const { files, missing } = await collectConfigFiles(paths, { root, exclude: parseExcludes(flags.exclude) });
  if (missing.length) throw new UsageError(`${missing.map((m) => `'${m}'`).join(', ')}: no such file or directory.`);
  const scan = await scanInParallel(files, { root, catalog, catalogFile: flags.catalog, ...(flags.jobs ? { workers: flags.jobs } : {}) });
  if (flags.verbose) io.err(`mlmon check: read ${throughputLine(scan)}`);
  return scan;
}

/** The whole report: config findings alone, or the health report with the config findings added. */
export function formatWithConfigs(scan: ConfigScan, report: HealthReport | undefined, format: CheckFormat, toolVersion: string, listed?: readonly Resource[]): { text: string; check: ConfigCheck } {
  const check = configCheck(scan, report, listed);
  if (format === 'sarif') {
    let sarif: object;
    if (report) {
      sarif = toSarif(report, toolVersion);
      addConfigsToSarif(sarif as { runs: unknown[] }, check);
    } else sarif = configSarif(check, toolVersion);
    return { text: `${JSON.stringify(sarif, null, 2)}\n`, check };
  }
  if (format === 'json') {
    const json = report ? (JSON.parse(toJson(report, toolVersion)) as Record<string, unknown>) : { tool: { name: 'mlmon', version: toolVersion } };
    return { text: `${JSON.stringify({ ...json, configs: configJson(check) }, null, 2)}\n`, check };
  }
  return { text: `${report ? `${formatReport(report, 'text', toolVersion)}\n` : ''}${configText(check)}`, check };
}
