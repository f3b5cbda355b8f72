// How CLI commands talk to the world, so tests can run them in-process and capture output.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the user asks the process to stop (SIGINT, SIGTERM). */
  waitForStop(): Promise<string>;
}

/** Exit codes: 0 done, 1 the work failed, 2 the command line or an input file is wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in what the user typed or pointed at; the message says what to do. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  waitForStop: () =>
    new Promise((resolve) => {
      const stop = (signal: string) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve(signal);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }),
};
