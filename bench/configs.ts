// Benchmark: config analysis. Prints the tree-sitter load (once per process), full and incremental
// analysis of a generated 5,000-line CloudFormation template (median of several runs, wall and CPU
// time), and files per second over a generated tree of 1,000 mixed config files read from disk and
// checked in one process, as `mlmon check` will do. Budgets: 20 ms per re-analysis, 1,000 files/s.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createConfigAnalyzer } from '../src/core/configs/analyzer';
import { checkConfig } from '../src/core/configs/rules';
import { decodeConfigBytes } from '../src/core/configs/text';
import { loadGrammars } from '../src/core/configs/treeSitter';
import { generateCfnTemplate, generateConfigTree } from '../test/unit/configs/generate';
import type { CollectionTag, ScalarTag } from 'yaml';
import { parse } from 'yaml';

/** `!Ref X` to `{ "Ref": "X" }`: the same template as CloudFormation JSON. */
const intrinsicsAsJson: (ScalarTag | CollectionTag)[] = ['Ref', 'Sub', 'GetAtt', 'FindInMap'].flatMap((name): (ScalarTag | CollectionTag)[] => {
  const key = name === 'Ref' ? 'Ref' : `Fn::${name}`;
  return [
    { tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) },
    { tag: `!${name}`, collection: 'seq', resolve: (value) => ({ [key]: value.toJSON() }) },
  ];
});

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function timed<T>(run: () => Promise<T>): Promise<Timing & { result: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

async function template(): Promise<void> {
  const text = generateCfnTemplate(5000);
  const lines = text.split('\n').length;
  const full: Timing[] = [];
  for (let i = 0; i < 7; i++) full.push(await timed(() => createConfigAnalyzer().analyze({ fileName: 'stack.yaml', text })));
  const json = JSON.stringify(parse(text, { customTags: intrinsicsAsJson }), null, 2);
  const fullJson: Timing[] = [];
  for (let i = 0; i < 7; i++) fullJson.push(await timed(() => createConfigAnalyzer().analyze({ fileName: 'stack.json', text: json })));

  const analyzer = createConfigAnalyzer();
  let current = text;
  const first = await analyzer.analyze({ fileName: 'stack.yaml', text: current, key: 'doc' });
  const edits: Timing[] = [];
  let incremental = 0;
  const key = 'InitialVariantWeight: ';
  for (let i = 0; i < 41; i++) {
    // Typing in a value somewhere in the template: a different resource each time.
    let at = -1;
    for (let k = 0; k <= (i * 7) % 150; k++) at = current.indexOf(key, at + 1);
    at += key.length;
    current = `${current.slice(0, at)}0.${i % 10}${current.slice(at + 3)}`;
    const t = await timed(() => analyzer.analyze({ fileName: 'stack.yaml', text: current, key: 'doc' }));
    if (t.result.incremental) incremental++;
    edits.push(t);
  }
  console.log(`template: ${lines} lines of CloudFormation YAML, ${first.declarations.length} declarations`);
  console.log(`  full analysis (YAML)        median ${fmt(median(full.map((t) => t.wallMs)))} wall, ${fmt(median(full.map((t) => t.cpuMs)))} CPU (7 runs)`);
  console.log(`  full analysis (same, JSON)  median ${fmt(median(fullJson.map((t) => t.wallMs)))} wall, ${fmt(median(fullJson.map((t) => t.cpuMs)))} CPU (7 runs, ${json.split('\n').length} lines)`);
  console.log(
    `  re-analysis after an edit   median ${fmt(median(edits.map((t) => t.wallMs)))} wall, ${fmt(median(edits.map((t) => t.cpuMs)))} CPU, ` +
      `max ${fmt(Math.max(...edits.map((t) => t.wallMs)))} wall (${edits.length} edits, ${incremental} incremental; budget 20 ms)`,
  );
}

interface Counts {
  declarations: number;
  findings: number;
  byFormat: Record<string, number>;
}

/** What `mlmon check` will do per file: read bytes, decode, analyse, check. A fresh analyzer: no cached results. */
async function analyseFiles(root: string, names: readonly string[]): Promise<Counts> {
  const analyzer = createConfigAnalyzer();
  const counts: Counts = { declarations: 0, findings: 0, byFormat: {} };
  for (const name of names) {
    const decoded = decodeConfigBytes(fs.readFileSync(path.join(root, name)));
    if ('binary' in decoded) continue;
    const analysis = await analyzer.analyze({ fileName: name, text: decoded.text });
    counts.declarations += analysis.declarations.length;
    counts.findings += checkConfig(analysis).length;
    const format = analysis.format ?? analysis.skipped ?? 'none';
    counts.byFormat[format] = (counts.byFormat[format] ?? 0) + 1;
  }
  return counts;
}

// Worker side of the two-thread run: load the grammars, say ready, analyse its share each time it is told to.
function worker(): void {
  const { root, names } = workerData as { root: string; names: string[] };
  void loadGrammars().then((g) => {
    parentPort!.postMessage({ loadMs: g.loadMs });
    parentPort!.on('message', async () => {
      const cpu = process.cpuUsage();
      const counts = await analyseFiles(root, names);
      const used = process.cpuUsage(cpu);
      parentPort!.postMessage({ counts, cpuMs: (used.user + used.system) / 1000 });
    });
  });
}

/** Both cores: one worker thread per core, files dealt round-robin, each pass timed from "go" to the last result. */
async function inWorkers(root: string, names: readonly string[], threads: number, passes: number): Promise<{ wallMs: number[]; cpuMs: number[]; loadMs: number }> {
  const workers = Array.from({ length: threads }, (_, i) => new Worker(__filename, { workerData: { root, names: names.filter((_n, j) => j % threads === i) } }));
  const next = (w: Worker) => new Promise<{ loadMs: number; cpuMs: number }>((resolve) => w.once('message', resolve));
  try {
    const ready = await Promise.all(workers.map(next));
    const out = { wallMs: [] as number[], cpuMs: [] as number[], loadMs: Math.max(...ready.map((r) => r.loadMs)) };
    for (let pass = 0; pass < passes; pass++) {
      const done = workers.map(next);
      const started = performance.now();
      workers.forEach((w) => w.postMessage('go'));
      const results = await Promise.all(done);
      out.wallMs.push(performance.now() - started);
      out.cpuMs.push(results.reduce((n, r) => n + r.cpuMs, 0));
    }
    return out;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function tree(): Promise<void> {
  const files = generateConfigTree(1000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-bench-configs-'));
  try {
    for (const f of files) {
      const full = path.join(root, f.name);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, f.text);
    }
    const names = files.map((f) => f.name);
    const single: (Timing & { result: Counts })[] = [];
    for (let pass = 0; pass < 3; pass++) single.push(await timed(() => analyseFiles(root, names)));
    const { declarations, findings, byFormat } = single[0].result;
    const bytes = files.reduce((n, f) => n + f.text.length, 0);
    const rate = (ms: number): string => `${Math.round((files.length / ms) * 1000)} files/s`;
    console.log(`tree: ${files.length} files (${(bytes / 1024).toFixed(0)} KB) read from disk, decoded, analysed and checked`);
    console.log(`  formats: ${Object.entries(byFormat).map(([k, v]) => `${k} ${v}`).join(', ')}; ${declarations} declarations, ${findings} findings`);
    const wall = median(single.map((p) => p.wallMs));
    const cpu = median(single.map((p) => p.cpuMs));
    console.log(`  1 thread : median of 3 passes ${fmt(wall)} wall = ${rate(wall)}; ${fmt(cpu)} CPU = ${rate(cpu)} of CPU time`);
    // The first pass of fresh threads runs cold code; the median of three counts the warm ones, as for 1 thread.
    const parallel = await inWorkers(root, names, 2, 3);
    const pWall = median(parallel.wallMs);
    const pCpu = median(parallel.cpuMs);
    console.log(
      `  2 threads: median of 3 passes ${fmt(pWall)} wall = ${rate(pWall)}; ${fmt(pCpu)} CPU in total ` +
        `(grammar load per worker ${fmt(parallel.loadMs)}, not counted; budget 1,000 files/s on 2 cores)`,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  // Other work on the machine inflates wall times; the CPU figures are the steadier ones.
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const load = await timed(() => loadGrammars());
  console.log(`tree-sitter: runtime + Python and bash grammars loaded once in ${fmt(load.wallMs)} (${load.result.wasmDir})`);
  await template();
  await tree();
}

if (!isMainThread) {
  worker();
} else if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
