// Worker thread of `mlmon check PATHS...`: analyses the batches of files the pool sends and posts the
// results back. Bundled on its own (dist/checkConfigsWorker.js) so a worker loads the config analysis
// only, not the cloud SDKs of the CLI.
import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createCatalog } from '../core/catalog/catalog';
import { createConfigAnalyzer } from '../core/configs/analyzer';
import { catalogFromText } from '../core/health/catalogFile';
import { memoizedLookups, scanConfigFiles } from './checkConfigsScan';
import type { WorkerBatch, WorkerInit, WorkerReply } from './checkConfigsPool';

function catalogOf(file: string | undefined) {
  if (!file) return createCatalog();
  try {
    // The main thread has read this file already and reported its problems.
    return catalogFromText(fs.readFileSync(file, 'utf8'), file).catalog;
  } catch {
    return createCatalog();
  }
}

const init = workerData as WorkerInit;
const catalog = memoizedLookups(catalogOf(init.catalogFile));
const analyzer = createConfigAnalyzer({ cacheSize: 1 });

parentPort?.on('message', (batch: WorkerBatch) => {
  void scanConfigFiles(batch.files, { root: init.root, catalog, analyzer }).then(
    (scan) => parentPort?.postMessage({ id: batch.id, files: scan.files } satisfies WorkerReply),
    (err: unknown) => parentPort?.postMessage({ id: batch.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
  );
});
