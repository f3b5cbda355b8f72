// `mlmon sandbox`: runs the sandbox clouds in the foreground until SIGINT/SIGTERM.
import type { Command } from 'commander';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from './io';
import { fractionOption, integerOption } from './options';

interface SandboxFlags {
  port: number;
  scenario?: string;
  latencyMs: number;
  faultRate: number;
  fleetSize: number;
  quiet?: boolean;
}

export function registerSandboxCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('sandbox')
    .description('Run the sandbox clouds (local SageMaker and CloudWatch) with a scenario, until Ctrl+C.')
    .option('--port <n>', 'port to listen on; 0 picks a free one', integerOption(0, 65535, 'a port'), 0)
    .option('--scenario <file>', 'scenario file (YAML or JSON); default: the built-in scenario')
    .option('--latency-ms <n>', 'delay added to every response, in ms', integerOption(0, 600_000, 'a delay in milliseconds'), 0)
    .option('--fault-rate <x>', 'share of requests that fail (throttling, 5xx, timeouts, malformed bodies)', fractionOption('a share of requests'), 0)
    .option('--fleet-size <n>', 'extra synthetic endpoints fleet-0001...', integerOption(0, 20_000, 'a number of endpoints'))
    .option('--quiet', 'do not log each request')
    .addHelpText('after', '\nExample:\n  mlmon sandbox --port 4510 --scenario test/fixtures/scenarios/hostile.yaml\n\nScenarios are described in docs/scenarios.md.')
    .action(async (flags: SandboxFlags) => setExitCode(await runSandbox(flags, io)));
}

async function runSandbox(flags: SandboxFlags, io: CliIo): Promise<number> {
  // Loaded here, not at start: the sandbox is its own chunk of the bundle (see esbuild.mjs).
  const { startSandbox, ScenarioError } = await import('../sandbox/server');
  let sandbox;
  try {
    sandbox = await startSandbox({
      port: flags.port,
      scenarioFile: flags.scenario,
      latencyMs: flags.latencyMs,
      faultRate: flags.faultRate,
      fleetSize: flags.fleetSize,
      log: flags.quiet ? undefined : (line) => io.out(`${new Date().toISOString()} ${line}`),
    });
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(e.message);
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.err(`mlmon sandbox: port ${flags.port} is already in use. Choose another with --port, or --port 0 for a free one.`);
      return EXIT_FAILURE;
    }
    throw e;
  }
  io.out(`sandbox listening on ${sandbox.url}`);
  // The Azure clouds listen on their own HTTPS port: the Azure SDKs refuse plain http.
  io.out(`sandbox listening on ${sandbox.httpsUrl}`);
  const signal = await io.waitForStop();
  await sandbox.close();
  io.out(`sandbox stopped (${signal})`);
  return EXIT_OK;
}
