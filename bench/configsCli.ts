// Benchmark: `mlmon check PATHS...` over a generated tree of 1,000 mixed config files (every fixture
// format, varied names and values, plus node_modules and binary noise that must be skipped). Prints
// files per second for the scan in-process and for the bundled CLI as CI runs it (process start,
// SARIF written). Budget: 1,000 files/s or better on 2 cores.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectConfigFiles } from '../src/cli/checkConfigsFiles';
import { defaultWorkers } from '../src/cli/checkConfigsPool';
import { scanConfigFiles, summarizeScan } from '../src/cli/checkConfigsScan';

const root = path.resolve(__dirname, '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'configs');
const FILES = Number(process.env.MLMON_BENCH_FILES) || 1000;
const RUNS = 3;
/** The bundled CLI varies more from run to run (process start, a VM's noise): more runs. */
const CLI_RUNS = 5;

function fixtureFiles(dir = fixtures): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'malformed' ? [] : fixtureFiles(full);
    return e.name === 'expected.json' ? [] : [full];
  });
}

/** Copies of the fixtures with names and numbers changed, so no two files are the same text. */
export function generateTree(target: string, count: number): void {
  const sources = fixtureFiles().map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  for (let i = 0; i < count; i++) {
    const { file, text } = sources[i % sources.length];
    const team = `team-${String(Math.floor(i / 50)).padStart(2, '0')}`;
    const dir = path.join(target, team, path.basename(path.dirname(file)));
    fs.mkdirSync(dir, { recursive: true });
    const ext = path.basename(file).slice(path.basename(file).indexOf('.'));
    const varied = text.replace(/-prod\b/g, `-prod-${i}`).replace(/\b(InitialInstanceCount|instance_count): (\d)/g, (_m, k: string, n: string) => `${k}: ${(Number(n) + i) % 4 || 1}`);
    fs.writeFileSync(path.join(dir, `config-${i}${ext}`), varied);
  }
  // Noise the walk must skip without reading: dependencies, VCS data, a binary.
  fs.mkdirSync(path.join(target, 'node_modules', 'pkg'), { recursive: true });
  for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(target, 'node_modules', 'pkg', `f${i}.json`), '{"name":"x"}');
  fs.mkdirSync(path.join(target, '.git'), { recursive: true });
  fs.writeFileSync(path.join(target, '.git', 'config.yaml'), 'x: 1');
  fs.writeFileSync(path.join(target, 'team-00', 'model.json'), Buffer.from([0x7b, 0, 1, 2, 3, 0, 0x7d]));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-bench-configs-'));
  try {
    generateTree(dir, FILES);
    const rates: number[] = [];
    let summary: ReturnType<typeof summarizeScan> | undefined;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const { files } = await collectConfigFiles([dir], { root: dir });
      const scan = await scanConfigFiles(files, { root: dir });
      const ms = performance.now() - started;
      summary = summarizeScan(scan);
      rates.push((files.length / ms) * 1000);
    }
    console.log(`in-process walk + scan: ${summary!.read} files (${summary!.configs} configs, ${summary!.declarations} declarations, skipped ${JSON.stringify(summary!.skipped)})`);
    console.log(`  files/s per run: ${rates.map((r) => Math.round(r)).join(', ')}; median ${Math.round(median(rates))}`);

    const cli = path.join(root, 'dist', 'cli.js');
    // Reports the child's CPU time (all its threads) as it exits: wall time on a shared machine says little.
    const preload = path.join(dir, 'cpu.js');
    fs.writeFileSync(preload, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`cpu-ms ${(u.user + u.system) / 1000}\\n`); });");
    // `undefined`: what a user gets without --jobs (defaultWorkers: on 2 cores and 1,000 files, this thread alone).
    for (const jobs of [undefined, 1, 2]) {
      const walls: number[] = [];
      const cpus: number[] = [];
      let own = '';
      for (let run = 0; run < CLI_RUNS; run++) {
        const out = path.join(dir, 'out.sarif');
        const started = performance.now();
        const child = spawnSync(process.execPath, ['-r', preload, cli, 'check', dir, '--format', 'sarif', '--output', out, '--fail-on', 'none', '--verbose', ...(jobs ? ['--jobs', String(jobs)] : [])], { encoding: 'utf8' });
        walls.push(performance.now() - started);
        cpus.push(Number(/cpu-ms ([\d.]+)/.exec(child.stderr)?.[1] ?? NaN));
        own = child.stderr.split('\n').find((l) => l.includes('files/s')) ?? child.stderr;
        if (run === 0 && jobs === undefined) console.log(`bundled CLI (node start to SARIF written): ${(JSON.parse(fs.readFileSync(out, 'utf8')) as { runs: Array<{ results: unknown[] }> }).runs[0].results.length} SARIF results`);
      }
      const wall = median(walls);
      const cpu = median(cpus);
      const read = summary!.read;
      const threads = jobs ?? defaultWorkers(read);
      console.log(`  ${jobs ? `--jobs ${jobs}` : `default (${threads} thread${threads > 1 ? 's' : ''})`}: wall ${walls.map((w) => Math.round(w)).join(', ')} ms (median ${Math.round((read / wall) * 1000)} files/s); CPU ${cpus.map((c) => Math.round(c)).join(', ')} ms (median ${Math.round((read / cpu) * 1000)} files per CPU-second; with ${threads} free core${threads > 1 ? 's' : ''} about ${Math.round((read / (cpu / threads)) * 1000)} files/s)`);
      console.log(`    the CLI's own figure (--verbose, analysis only): ${own.replace(/^mlmon check: read /, '')}`);
    }
    console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
