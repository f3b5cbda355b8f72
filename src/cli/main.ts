// The `mlmon` command line (bundled to dist/cli.js). Each subcommand lives in its own file and
// registers itself on the program here.
import { Command, CommanderError } from 'commander';
import { setFlagsFromString } from 'node:v8';
import { registerCheckCommand } from './checkCommand';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, processIo, UsageError, type CliIo } from './io';
import { registerSandboxCommand } from './sandboxCommand';

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('mlmon')
    .description('ML Platform Monitor on the command line.')
    .showSuggestionAfterError()
    .exitOverride()
    // Commander's own error lines are replaced by one line that also says what to do (see runCli).
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()), outputError: () => undefined });
  registerSandboxCommand(program, io, setExitCode);
  registerCheckCommand(program, io, setExitCode);
  return program;
}

/** Runs one command line (arguments after the program name) and returns the exit code. */
export async function runCli(args: string[], io: CliIo = processIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return EXIT_OK; // --help, --version
      if (e.code === 'commander.help') return EXIT_USAGE; // no command given: the help is already shown
      const command = program.commands.find((c) => c.name() === args[0]);
      const help = command ? `mlmon ${command.name()} --help` : 'mlmon --help';
      const what = e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').replace(/([^.?)])$/, '$1.');
      io.err(`mlmon: ${what} Run '${help}' for usage.`);
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      io.err(`mlmon: ${e.message}`);
      return EXIT_USAGE;
    }
    io.err(`mlmon: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_FAILURE;
  }
}

if (require.main === module) {
  // A run is short: V8's optimising recompilation of the tree-sitter WebAssembly (Python, notebook and
  // shell configs) costs more CPU than it ever wins back, and competes with the analysis for the cores.
  // The baseline compiler alone halves a 1,000-file check's CPU time (bench/configsCli). Process-wide,
  // so the analysis workers get it too; set before any WebAssembly is compiled.
  setFlagsFromString('--liftoff-only');
  // Likewise for JavaScript: with twice V8's default budget before a function is considered hot, fewer
  // functions of a run's warm-up are optimised on background threads that compete with the analysis for
  // the cores; the hot ones still are. About a tenth less CPU and wall time for that check.
  setFlagsFromString('--interrupt-budget=135168');
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
