// Spreads the analysis of many config files over threads: parsing is CPU-bound and synchronous, and a
// cold process spends much of a run warming up the parsers' code. So this thread works too, on the
// data formats (YAML, JSON, Terraform) first, while the workers start with the code formats (Python,
// notebooks, shell: tree-sitter): each thread warms up one family of parsers, not all of them. A thread
// whose family runs out takes the other family's batches from the far end. Results come back in the
// order collected.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createConfigAnalyzer } from '../core/configs/analyzer';
import type { CatalogLookups } from '../core/configs/rules';
import { createCatalog } from '../core/catalog/catalog';
import { memoizedLookups, scanConfigFiles, type ConfigFileResult, type ConfigScan } from './checkConfigsScan';

export interface WorkerInit {
  root: string;
  catalogFile?: string;
}

export interface WorkerBatch {
  id: number;
  /** Where each file of the batch goes in the results. */
  indexes: number[];
  files: string[];
}

export type WorkerReply = { id: number; files: ConfigFileResult[] } | { id: number; error: string };

export interface PoolOptions {
  root: string;
  /** The catalog for an in-process scan, and the file it came from for the workers to read. */
  catalog?: CatalogLookups;
  catalogFile?: string;
  /** Threads, this one included; default `defaultWorkers`. 1 analyses in this thread only. */
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
 * Threads without --jobs: one per core, at most 4. On two cores, one thread below 2,000 files: a worker's
 * start and warm-up (about half a second of CPU) take the core V8's optimising compiler would otherwise
 * use, and bench/configsCli measured the same wall time for 1,000 files with one thread as with two, at
 * two thirds of the CPU (3,000 files: two threads 10 % faster).
 */
export function defaultWorkers(files: number, cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length): number {
  if (cores <= 2 && files < MIN_FILES_FOR_WORKERS_ON_2_CORES) return 1;
  return Math.max(1, Math.min(4, cores));
}

const MIN_FILES_FOR_WORKERS_ON_2_CORES = 2000;

/** Parsed with tree-sitter (WebAssembly): the family the workers start with. */
const CODE_FILE = /\.(py|pyw|ipynb|sh|bash)$/i;

/** Batches of one family, taken from the front by the thread that prefers it and from the back by the other. */
class BatchQueue {
  private readonly code: WorkerBatch[] = [];
  private readonly data: WorkerBatch[] = [];

  constructor(files: readonly string[]) {
    const code: number[] = [];
    const data: number[] = [];
    files.forEach((f, i) => (CODE_FILE.test(f) ? code : data).push(i));
    for (const [indexes, into] of [[code, this.code], [data, this.data]] as const) {
      for (let i = 0; i < indexes.length; i += BATCH) {
        const slice = indexes.slice(i, i + BATCH);
        into.push({ id: slice[0], indexes: slice, files: slice.map((k) => files[k]) });
      }
    }
  }

  next(prefer: 'code' | 'data'): WorkerBatch | undefined {
    const [mine, other] = prefer === 'code' ? [this.code, this.data] : [this.data, this.code];
    return mine.shift() ?? other.pop();
  }
}

export async function scanInParallel(files: readonly string[], options: PoolOptions): Promise<ConfigScan> {
  const now = options.now ?? (() => performance.now());
  const script = workerScript();
  const threads = Math.min(options.workers ?? defaultWorkers(files.length), Math.ceil(files.length / BATCH));
  if (!script || threads < 2 || files.length < MIN_FILES_FOR_WORKERS) return scanConfigFiles(files, { root: options.root, catalog: options.catalog, now });

  const started = now();
  const results: ConfigFileResult[] = new Array(files.length);
  const queue = new BatchQueue(files);
  const store = (batch: WorkerBatch, scanned: readonly ConfigFileResult[]) => scanned.forEach((r, k) => (results[batch.indexes[k]] = r));
  const init: WorkerInit = { root: options.root, ...(options.catalogFile ? { catalogFile: options.catalogFile } : {}) };
  const workers: Worker[] = [];
  let failed: Error | undefined;
  try {
    const inWorkers = new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      const fail = (err: Error) => {
        failed ??= err;
        reject(err);
      };
      // Two batches per worker in flight, so a worker never waits for this thread to hand it the next.
      const feed = (worker: Worker, sent: Map<number, WorkerBatch>) => {
        const next = failed ? undefined : queue.next('code');
        if (next) {
          inFlight++;
          sent.set(next.id, next);
          worker.postMessage(next);
        } else if (inFlight === 0) resolve();
      };
      for (let i = 0; i < threads - 1; i++) {
        const worker = new Worker(script, { workerData: init });
        const sent = new Map<number, WorkerBatch>();
        workers.push(worker);
        worker.on('message', (reply: WorkerReply) => {
          inFlight--;
          if ('error' in reply) return fail(new Error(`Analysing config files failed: ${reply.error}`));
          store(sent.get(reply.id)!, reply.files);
          sent.delete(reply.id);
          feed(worker, sent);
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (sent.size > 0 && code !== 0) fail(new Error(`A config analysis worker stopped with code ${code}.`));
        });
        feed(worker, sent);
        feed(worker, sent);
      }
    });
    inWorkers.catch(() => undefined);
    // This thread's share, with its own analyzer and one memo of catalog lookups for all its batches; a
    // pause between batches lets the workers' replies in.
    const analyzer = createConfigAnalyzer({ cacheSize: 1 });
    const catalog = memoizedLookups(options.catalog ?? createCatalog());
    for (let batch = queue.next('data'); batch && !failed; batch = queue.next('data')) {
      store(batch, (await scanConfigFiles(batch.files, { root: options.root, catalog, analyzer })).files);
      await new Promise((r) => setImmediate(r));
    }
    await inWorkers;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { root: options.root, files: results, elapsedMs: now() - started, threads };
}
