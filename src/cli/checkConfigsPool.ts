// Spreads the analysis of many config files over worker threads: parsing is CPU-bound and synchronous,
// so one thread per core is what makes a repository of a thousand files take a second, not several.
// Files go out in small batches to whichever worker is free, and come back in the order collected.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CatalogLookups } from '../core/configs/rules';
import { scanConfigFiles, type ConfigFileResult, type ConfigScan } from './checkConfigsScan';

export interface WorkerInit {
  root: string;
  catalogFile?: string;
}

export interface WorkerBatch {
  id: number;
  files: string[];
}

export type WorkerReply = { id: number; files: ConfigFileResult[] } | { id: number; error: string };

export interface PoolOptions {
  root: string;
  /** The catalog for an in-process scan, and the file it came from for the workers to read. */
  catalog?: CatalogLookups;
  catalogFile?: string;
  /** Threads; default one per core but one, at most 4. 1 analyses in this thread. */
  workers?: number;
  now?: () => number;
}

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 64;
const BATCH = 16;

/** The worker script beside this module: dist/ in the bundle, out/src/cli/ in tests. */
export function workerScript(): string | undefined {
  const file = path.join(__dirname, 'checkConfigsWorker.js');
  return fs.existsSync(file) ? file : undefined;
}

/**
 * One core is left to the main thread and V8's own threads (garbage collection, compilation): each
 * worker loads and warms up the analysis anew, so on 2 cores two workers finish 1,000 files later
 * than this thread alone (bench/configsCli).
 */
export function defaultWorkers(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores - 1));
}

export async function scanInParallel(files: readonly string[], options: PoolOptions): Promise<ConfigScan> {
  const now = options.now ?? (() => performance.now());
  const script = workerScript();
  const count = Math.min(options.workers ?? defaultWorkers(), Math.ceil(files.length / BATCH));
  if (!script || count < 2 || files.length < MIN_FILES_FOR_WORKERS) return scanConfigFiles(files, { root: options.root, catalog: options.catalog, now });

  const started = now();
  const results: ConfigFileResult[] = new Array(files.length);
  const batches: WorkerBatch[] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push({ id: i, files: files.slice(i, i + BATCH) });
  const init: WorkerInit = { root: options.root, ...(options.catalogFile ? { catalogFile: options.catalogFile } : {}) };
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let pending = batches.length;
      const feed = (worker: Worker) => {
        const next = batches.shift();
        if (next) worker.postMessage(next);
      };
      for (let i = 0; i < count; i++) {
        const worker = new Worker(script, { workerData: init });
        workers.push(worker);
        worker.on('message', (reply: WorkerReply) => {
          if ('error' in reply) {
            reject(new Error(`Analysing config files failed: ${reply.error}`));
            return;
          }
          reply.files.forEach((r, k) => (results[reply.id + k] = r));
          if (--pending === 0) resolve();
          else feed(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (pending > 0 && code !== 0) reject(new Error(`A config analysis worker stopped with code ${code}.`));
        });
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { root: options.root, files: results, elapsedMs: now() - started };
}
