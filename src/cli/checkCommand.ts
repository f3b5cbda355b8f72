// `mlmon check`: the health check for CI pipelines. The report goes to stdout (or --output), progress
// and problems to stderr; the exit code says whether findings reach --fail-on.
import { Option, type Command } from 'commander';
import { setMaxListeners } from 'node:events';
import * as fs from 'node:fs';
import { version } from '../../package.json';
import { HealthCheckCancelled, runHealthCheck } from '../core/health/healthCheck';
import { summaryLine, type HealthReport } from '../core/health/report';
import type { Resource } from '../core/model';
import { severityRank } from '../core/rules/registry';
import type { Severity } from '../core/rules/types';
import { formatWithConfigs, scanPaths } from './checkConfigs';
import { configExitCode, configSummaryLine } from './checkConfigsReport';
import type { ConfigScan } from './checkConfigsScan';
import { formatReport, type CheckFormat } from './checkFormats';
import { createProgress, progressMode } from './checkProgress';
import { loadCatalog, openTargets, parseThresholdFlags, type TargetFlags } from './checkTargets';
import { EXIT_OK, UsageError, type CliIo } from './io';
import { integerOption } from './options';

/** Findings at or above --fail-on. */
export const EXIT_FINDINGS = 1;
/** A scope could not be checked (credentials, network): the report is incomplete. */
export const EXIT_INCOMPLETE = 3;

export type FailOn = 'none' | 'warning' | 'error';

interface CheckFlags extends TargetFlags {
  format: CheckFormat;
  failOn: FailOn;
  output?: string;
  catalog?: string;
  threshold?: string[];
  productionPattern?: string;
  progress: boolean;
  exclude?: string[];
  verbose?: boolean;
  jobs?: number;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerCheckCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('check')
    .argument('[paths...]', 'also check the deployment configs in these files and directories (CloudFormation, Terraform, Python, notebooks, Azure ML, Vertex, shell)')
    .description('Run every health rule over the endpoints, training jobs and datasets of the connected clouds, and the config rules over deployment configs.')
    .option('--sandbox', 'check the sandbox clouds, started for this run (no cloud account needed)')
    .option('--scenario <file>', 'with --sandbox: the scenario file (YAML or JSON) the sandbox serves')
    .option('--sandbox-url <url>', 'check sandbox clouds already running (mlmon sandbox) at this URL')
    .addOption(new Option('--provider <name>', 'cloud to check').choices(['aws', 'gcp', 'azure']).default('aws'))
    .option('--aws-profile <name>', 'AWS profile; repeat or comma-separate for several (default: $AWS_PROFILE or default)', collect)
    .option('--aws-region <region>', 'AWS region; repeat or comma-separate (default: $AWS_REGION, $AWS_DEFAULT_REGION or us-east-1)', collect)
    .option('--aws-endpoint-url <url>', 'send SageMaker and CloudWatch calls to this URL (an emulator)')
    .option('--azure-subscription <id>', 'with --provider azure: subscription id; repeat or comma-separate (default: $AZURE_SUBSCRIPTION_ID)', collect)
    .option('--azure-workspace <rg/name>', 'with --provider azure: only this workspace (resourceGroup/workspace); repeatable', collect)
    .option('--gcp-project <id>', 'with --provider gcp: project id; repeat or comma-separate (default: $GOOGLE_CLOUD_PROJECT)', collect)
    .option('--gcp-location <region>', 'with --provider gcp: Vertex AI location; repeat or comma-separate (default: us-central1, or every location of the sandbox scenario)', collect)
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices(['none', 'warning', 'error']).default('error'))
    .option('--output <file>', 'write the report to this file instead of stdout')
    .option('--catalog <file>', 'instance catalog overrides (JSON), as in the mlMonitor.catalogFile setting')
    .option('--threshold <key=value>', 'change a rule threshold, e.g. latencyMs=500; repeatable (names in docs/rules.md)', collect)
    .option('--production-pattern <regex>', 'endpoint names that count as production (availability rules)')
    .option('--timeout <seconds>', 'give up on one cloud API call after this long', integerOption(2, 600, 'a number of seconds'), 30)
    .option('--no-progress', 'no progress bar or progress lines on stderr')
    .option('--exclude <glob>', 'with PATHS: skip files and folders matching this pattern (relative to the current folder); repeatable', collect)
    .option('--verbose', 'with PATHS: print how many files were read and how fast on stderr')
    .option('--jobs <n>', 'with PATHS: threads that analyse files, this one included (default: one per core, at most 4; on 2 cores, one below 2,000 files)', integerOption(1, 64, 'a number of threads'))
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 no finding at or above --fail-on; 1 there is one; 2 the command line is wrong;',
        '3 a cloud could not be checked (credentials, network): the report says which.',
        '',
        'With PATHS and no cloud named (--sandbox, --sandbox-url, --provider, --aws-*), only the config files',
        'are checked: no credentials needed, fit for pull requests. Folders are walked, skipping node_modules,',
        '.git, virtualenvs and caches; files over 5 MB and binary files are skipped.',
        '',
        'Examples:',
        '  mlmon check --sandbox --format sarif --output mlmon.sarif',
        '  mlmon check infra/ training/ --format sarif --output configs.sarif',
        '  mlmon check --sandbox demo-workspace   (health findings placed at the configs that declare them)',
        '  mlmon check --aws-profile prod --aws-region us-east-1,eu-west-1 --fail-on warning',
        '',
        'Rules and thresholds: docs/rules.md.',
      ].join('\n'),
    )
    .action(async (paths: string[], flags: CheckFlags, command: Command) => setExitCode(await runCheck(paths, flags, io, namesCloud(flags, command))));
}

export function exitCodeFor(report: HealthReport, failOn: FailOn): number {
  if (report.scopes.some((s) => s.error)) return EXIT_INCOMPLETE;
  if (failOn === 'none') return EXIT_OK;
  const limit = severityRank[failOn as Severity];
  return report.findings.some((f) => severityRank[f.severity] >= limit) ? EXIT_FINDINGS : EXIT_OK;
}

/** Provider actions speak to the editor ("then refresh"); on the command line the next step is a rerun. */
function forCli(action: string | undefined): string {
  return action ? ` ${action.replace(/,? then refresh\.?$/i, ', then run the check again.').replace(/raise mlMonitor\.requestTimeoutSeconds/, 'raise --timeout')}` : '';
}

/** Whether the command line asks for a cloud; with PATHS alone only the files are checked. */
function namesCloud(flags: CheckFlags, command: Command): boolean {
  return Boolean(flags.sandbox || flags.sandboxUrl || flags.scenario || flags.awsProfile || flags.awsRegion || flags.awsEndpointUrl) || command.getOptionValueSource('provider') === 'cli';
}

function writeReport(text: string, flags: CheckFlags, io: CliIo): void {
  if (flags.output) {
    try {
      fs.writeFileSync(flags.output, text);
    } catch (e) {
      throw new UsageError(`Could not write ${flags.output}: ${e instanceof Error ? e.message : String(e)}`);
    }
    io.err(`mlmon check: wrote ${flags.format} report to ${flags.output}`);
  } else {
    for (const line of text.replace(/\n$/, '').split('\n')) io.out(line);
  }
}

async function runCheck(paths: string[], flags: CheckFlags, io: CliIo, cloud: boolean): Promise<number> {
  const warn = (line: string) => io.err(`mlmon check: ${line}`);
  const thresholds = parseThresholdFlags(flags.threshold, warn);
  const catalog = loadCatalog(flags.catalog, warn);
  let scan: ConfigScan | undefined;
  if (paths.length) {
    scan = await scanPaths(paths, flags, catalog, io);
    if (!cloud) {
      const { text, check } = formatWithConfigs(scan, undefined, flags.format, version);
      writeReport(text, flags, io);
      if (flags.output || flags.format !== 'text') io.err(`mlmon check: ${configSummaryLine(check)}.`);
      return configExitCode(check, flags.failOn);
    }
  }
  if (flags.productionPattern !== undefined) {
    try {
      new RegExp(flags.productionPattern);
    } catch {
      throw new UsageError(`--production-pattern '${flags.productionPattern}' is not a valid regular expression.`);
    }
  }
  const opened = await openTargets(flags);
  const progress = createProgress(progressMode(flags.progress, process.stderr), io);
  io.err(`mlmon check: ${opened.description}`);
  const abort = new AbortController();
  // Every SDK call of the run listens on this one signal.
  setMaxListeners(0, abort.signal);
  void io.waitForStop().then(() => abort.abort());
  let report: HealthReport;
  const listed: Resource[] = [];
  try {
    report = await runHealthCheck(opened.targets, {
      thresholds,
      catalog,
      productionPattern: flags.productionPattern,
      signal: abort.signal,
      onProgress: (p) => progress.update(p),
      onWarning: warn,
      onListed: scan ? (resources) => listed.push(...resources) : undefined,
    });
  } catch (e) {
    if (e instanceof HealthCheckCancelled) {
      io.err('mlmon check: cancelled.');
      return EXIT_INCOMPLETE;
    }
    throw e;
  } finally {
    progress.stop();
    await opened.close();
  }
  for (const s of report.scopes.filter((x) => x.error)) io.err(`mlmon check: could not check ${s.scope.label}: ${s.error!.message}${forCli(s.error!.action)}`);
  const withConfigs = scan ? formatWithConfigs(scan, report, flags.format, version, listed) : undefined;
  writeReport(withConfigs?.text ?? formatReport(report, flags.format, version), flags, io);
  // The text report ends with the summary already; the others get it on stderr for the log.
  if (flags.output || flags.format !== 'text') io.err(`mlmon check: ${summaryLine(report)}${withConfigs ? `; configs: ${configSummaryLine(withConfigs.check)}` : ''}.`);
  const code = exitCodeFor(report, flags.failOn);
  return withConfigs && code === EXIT_OK ? configExitCode(withConfigs.check, flags.failOn) : code;
}
