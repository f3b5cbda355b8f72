// Progress of `mlmon check` on stderr, so stdout stays the report: a bar on a terminal, one line
// per step in a CI log (where a redrawn bar would be noise), nothing with --no-progress.
import { SingleBar } from 'cli-progress';
import type { HealthProgress } from '../core/health/healthCheck';
import type { CliIo } from './io';

export type ProgressMode = 'bar' | 'lines' | 'none';

export interface ProgressSink {
  update(progress: HealthProgress): void;
  stop(): void;
}

export function progressMode(wanted: boolean, stream: { isTTY?: boolean }): ProgressMode {
  if (!wanted) return 'none';
  return stream.isTTY ? 'bar' : 'lines';
}

export function createProgress(mode: ProgressMode, io: CliIo, stream: NodeJS.WritableStream = process.stderr): ProgressSink {
  if (mode === 'none') return { update: () => undefined, stop: () => undefined };
  if (mode === 'lines') {
    return {
      update: (p) => {
        if (p.completed > 0) io.err(`[${p.completed}/${p.total}] ${p.message}`);
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream,
    format: 'checking {bar} {value}/{total} {message}',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: true,
    // Names can be long; the bar must stay on one line or it scrolls instead of redrawing.
    linewrap: false,
  });
  let started = false;
  return {
    update: (p) => {
      if (!started) {
        bar.start(p.total, p.completed, { message: p.message });
        started = true;
      } else bar.update(p.completed, { message: p.message });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
