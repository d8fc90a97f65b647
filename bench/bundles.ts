/**
 * What the bundles cost a user: the size of each `dist/<name>/` and the cold start of the
 * validate action (`node dist/validate/index.js`, from spawn to its first log line, on the example
 * project) and of the CLI (`node dist/cli/index.js --version`, whole process), against bare
 * `node -e 0` measured in the same run.
 *
 * With `--against <git-ref>`, the bundles committed at that ref (e.g. `main`, or the commit before
 * a dependency upgrade) are extracted to a temporary folder and measured in the same run too, so
 * the two builds are compared under the same machine load.
 *
 *   npm run build && node bench/run-ts.js bench/bundles.ts [--against main] [--runs 9]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'supabase-project');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const runs = Number(option('--runs')) || 9;
const againstRef = option('--against');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const entry = path.join(dir, name);
    const stats = statSync(entry);
    return sum + (stats.isDirectory() ? folderBytes(entry) : stats.size);
  }, 0);
}

function wholeProcessMs(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  if (result.error) throw result.error;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Milliseconds from spawning the validate bundle to the first line it writes. The run is then
 * left to finish (it replays the example on a throwaway server and cleans it up), so no server
 * or folder is left behind between samples.
 */
function firstLogLineMs(bundle: string): Promise<number> {
  const runnerTemp = mkdtempSync(path.join(os.tmpdir(), 'mg-bench-bundles-'));
  const env = { ...process.env, GITHUB_WORKSPACE: EXAMPLE, RUNNER_TEMP: runnerTemp, INPUT_COMMENT: 'false', GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: '' };
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let firstLine: number | undefined;
    const child = spawn(process.execPath, [bundle], { cwd: EXAMPLE, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (chunk: Buffer): void => {
      if (firstLine === undefined && chunk.includes(10)) firstLine = Number(process.hrtime.bigint() - start) / 1e6;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', () => {
      rmSync(runnerTemp, { recursive: true, force: true });
      if (firstLine === undefined) reject(new Error(`${bundle} wrote no line`));
      else resolve(firstLine);
    });
  });
}

interface Measured {
  label: string;
  sizes: Map<string, { js: number; folder: number }>;
  validateFirstLine: number;
  cliVersion: number;
  nodeFloor: number;
}

function bundleSizes(dist: string): Map<string, { js: number; folder: number }> {
  const sizes = new Map<string, { js: number; folder: number }>();
  for (const name of readdirSync(dist)) {
    const dir = path.join(dist, name);
    if (existsSync(path.join(dir, 'index.js'))) sizes.set(name, { js: statSync(path.join(dir, 'index.js')).size, folder: folderBytes(dir) });
  }
  return sizes;
}

/**
 * Samples are interleaved (baseline, then each build, then again), so a change in the machine's
 * load during the run weighs on every column alike.
 */
async function measure(targets: { label: string; dist: string }[]): Promise<Measured[]> {
  const samples = targets.map(() => ({ validate: [] as number[], cli: [] as number[] }));
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(wholeProcessMs(['-e', '0']));
    for (const [at, { dist }] of targets.entries()) {
      samples[at].validate.push(await firstLogLineMs(path.join(dist, 'validate', 'index.js')));
      samples[at].cli.push(wholeProcessMs([path.join(dist, 'cli', 'index.js'), '--version']));
    }
  }
  const nodeFloor = median(floor);
  return targets.map(({ label, dist }, at) => ({
    label,
    sizes: bundleSizes(dist),
    validateFirstLine: median(samples[at].validate),
    cliVersion: median(samples[at].cli),
    nodeFloor,
  }));
}

/** The dist/ folder committed at `ref`, extracted with git (argument arrays, no shell). */
function extractDist(ref: string): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'mg-bench-dist-'));
  const archive = execFileSync('git', ['archive', '--format=tar', ref, 'dist'], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', folder], { input: archive });
  return folder;
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'validate', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first.');
  const extracted = againstRef ? extractDist(againstRef) : undefined;
  try {
    const targets = [{ label: 'working tree', dist: path.join(ROOT, 'dist') }];
    if (extracted) targets.unshift({ label: againstRef as string, dist: path.join(extracted, 'dist') });
    const results = await measure(targets);
    const nodeFloor = results[0].nodeFloor;
    const [reference, current] = results.length === 2 ? results : [undefined, results[0]];

    console.log(`bundle benchmark (median of ${runs} runs, ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
    console.log(`baseline: node -e 0 ${nodeFloor.toFixed(0)} ms\n`);
    console.log(`| bundle | ${results.map((r) => `${r.label}: index.js / folder`).join(' | ')}${reference ? ' | index.js ratio' : ''} |`);
    console.log(`| --- | ${results.map(() => '---:').join(' | ')}${reference ? ' | ---:' : ''} |`);
    const bundles = [...new Set(results.flatMap((r) => [...r.sizes.keys()]))].sort();
    for (const name of bundles) {
      const cells = results.map((r) => (r.sizes.has(name) ? `${kib(r.sizes.get(name)!.js)} / ${kib(r.sizes.get(name)!.folder)}` : 'absent'));
      const ratio = reference?.sizes.has(name) && current.sizes.has(name) ? ` | ${(current.sizes.get(name)!.js / reference.sizes.get(name)!.js).toFixed(2)}x` : reference ? ' | ' : '';
      console.log(`| ${name} | ${cells.join(' | ')}${ratio} |`);
    }
    console.log('');
    for (const r of results) {
      console.log(`${r.label.padEnd(14)} validate to first log line ${r.validateFirstLine.toFixed(0)} ms (${(r.validateFirstLine / nodeFloor).toFixed(2)}x node -e 0)` +
        `   cli --version ${r.cliVersion.toFixed(0)} ms (${(r.cliVersion / nodeFloor).toFixed(2)}x node -e 0)`);
    }
    if (reference) {
      console.log(`working tree / ${reference.label}: validate first line ${(current.validateFirstLine / reference.validateFirstLine).toFixed(2)}x, cli --version ${(current.cliVersion / reference.cliVersion).toFixed(2)}x`);
    }
  } finally {
    if (extracted) rmSync(extracted, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
