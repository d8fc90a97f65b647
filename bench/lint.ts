/**
 * Lint speed, whole process included: `migration-gate validate --no-dry-run` (the committed CLI
 * bundle) on a 2,000-statement file and on a 1,000-file folder, against squawk 2.66 on the same
 * files in the same run (runs alternate, so a busy machine slows both alike), and against bare
 * `node` start-up as the floor. Target: the folder in at most 1.5x squawk's time. The folder is
 * timed again with the parser on one thread (`MIGRATION_GATE_PARSE_THREADS=1`), to show what the
 * parse worker on the second core adds.
 *
 *   npm run build && node bench/run-ts.js bench/lint.ts [--runs 7]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
const SQUAWK_CACHE = path.join(os.tmpdir(), 'migration-gate-bench-squawk');
const SQUAWK_VERSION = '2.66.0';
const FOLDER_FILES = 1000;
const TARGET_RATIO = 1.5;

/**
 * squawk-cli for the comparison: not a project dependency (its lockfile entries for other
 * platforms break `npm ci`), so it is installed once into a cache folder here, with an argument
 * array (no shell). Returns undefined when the registry or the platform binary is unavailable.
 */
function squawkBinary(): string | undefined {
  const bin = path.join(SQUAWK_CACHE, 'node_modules', '.bin', 'squawk');
  if (!existsSync(bin)) {
    mkdirSync(SQUAWK_CACHE, { recursive: true });
    const install = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', SQUAWK_CACHE, `squawk-cli@${SQUAWK_VERSION}`], { stdio: 'ignore' });
    if (install.status !== 0 || !existsSync(bin)) return undefined;
  }
  return spawnSync(bin, ['--version']).status === 0 ? bin : undefined;
}
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;

/** A realistic mix: new tables, indexes, column changes, policies, functions, data fixes. */
function statement(i: number): string {
  const t = `t_${Math.floor(i / 10)}`;
  switch (i % 10) {
    case 0:
      return `create table public.${t} (id bigint generated always as identity primary key, owner uuid not null, title text not null default '', created_at timestamptz not null default now());`;
    case 1:
      return `alter table public.${t} enable row level security;`;
    case 2:
      return `create policy "${t} owner" on public.${t} for all to authenticated using ((select auth.uid()) = owner) with check ((select auth.uid()) = owner);`;
    case 3:
      return `create index ${t}_owner_idx on public.${t} (owner);`;
    case 4:
      return `alter table public.${t} add column status text;`;
    case 5:
      return `alter table public.${t} add constraint ${t}_status_check check (status in ('draft', 'published'));`;
    case 6:
      return `comment on table public.${t} is 'Rows of ${t}, one per owner and title.';`;
    case 7:
      return `create or replace function public.${t}_touch() returns trigger language plpgsql as $$ begin new.created_at := now(); return new; end; $$;`;
    case 8:
      return `create trigger ${t}_touch before update on public.${t} for each row execute function public.${t}_touch();`;
    default:
      return `alter table public.${t} alter column title set not null;`;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall time of one whole process, in ms. */
interface Run {
  wallMs: number;
  /** User + system CPU time of the process and its children; undefined where /proc is missing. */
  cpuMs?: number;
}

/**
 * CPU time of this process's finished children, from /proc (Linux): a busy machine stretches wall
 * time, and a tool that runs threads on several cores uses more CPU than wall time.
 */
function childrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    // After the command name: state is field 3 of the man page, cutime 16 and cstime 17, in clock ticks.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS_PER_SECOND = 100;

/** A program, its arguments, and environment variables added for it. */
type Command = [string, readonly string[], Readonly<Record<string, string>>?];

/** One whole process. */
function once([command, args, env]: Command): Run {
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  if (result.error) throw result.error;
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuAfter = childrenCpuMs();
  return { wallMs, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

/** Medians of `runs` runs of each command (wall and CPU time), alternating between them. */
function timeAlternating(commands: Command[]): Run[] {
  const times: Run[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((command, c) => times[c].push(once(command)));
  return times.map((list) => {
    const cpu = list.map((r) => r.cpuMs);
    return { wallMs: median(list.map((r) => r.wallMs)), cpuMs: cpu.every((c) => c !== undefined) ? median(cpu as number[]) : undefined };
  });
}

/** A version for the f-th file: one hour apart, so every name is a valid UTC timestamp. */
function versionOf(f: number): string {
  return new Date(Date.UTC(2024, 0, 1) + f * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function main(): void {
  if (!existsSync(CLI)) throw new Error('dist/cli/index.js is missing: run `npm run build` first.');
  const temp = mkdtempSync(path.join(os.tmpdir(), 'mg-bench-lint-'));
  try {
    const bigDir = path.join(temp, 'big');
    mkdirSync(bigDir);
    const bigFile = path.join(bigDir, '20240101000000_big.sql');
    writeFileSync(bigFile, Array.from({ length: 2000 }, (_, i) => statement(i)).join('\n') + '\n');

    const folder = path.join(temp, 'folder');
    mkdirSync(folder);
    const files: string[] = [];
    for (let f = 0; f < FOLDER_FILES; f++) {
      const file = path.join(folder, `${versionOf(f)}_change_${f}.sql`);
      writeFileSync(file, Array.from({ length: 10 }, (_, i) => statement(f * 10 + i)).join('\n') + '\n');
      files.push(file);
    }

    const [{ wallMs: nodeFloor }] = timeAlternating([[process.execPath, ['-e', '']]]);
    const rows: [string, Run, Run | undefined][] = [];
    const squawk = squawkBinary();
    const squawkVersion = squawk ? execFileSync(squawk, ['--version'], { encoding: 'utf8' }).trim() : undefined;
    const folderLabel = `${FOLDER_FILES.toLocaleString('en')}-file folder (${(FOLDER_FILES * 10).toLocaleString('en')} statements)`;
    for (const [label, dir, squawkArgs, env] of [
      ['2,000-statement file', bigDir, [bigFile], {}],
      [folderLabel, folder, files, {}],
      // The same folder with the parser on the main thread only: what the second core adds.
      [`${folderLabel}, one thread`, folder, files, { MIGRATION_GATE_PARSE_THREADS: '1' }],
    ] as const) {
      const gateRun: Command = [process.execPath, [CLI, 'validate', dir, '--no-dry-run', '--format', 'json'], env];
      const [gate, squawkRun] = squawk ? timeAlternating([gateRun, [squawk, ['--reporter', 'gcc', ...squawkArgs]]]) : timeAlternating([gateRun]);
      rows.push([label, gate, squawkRun]);
    }

    const cpu = (run: Run) => (run.cpuMs === undefined ? '' : `, ${run.cpuMs.toFixed(0)} ms CPU`);
    console.log(`lint benchmark (median of ${runs} runs, whole process, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
    console.log(`node start-up floor: ${nodeFloor.toFixed(0)} ms`);
    for (const [label, gate, squawkRun] of rows) {
      const vsSquawk = squawkRun
        ? `  squawk ${squawkRun.wallMs.toFixed(0)} ms${cpu(squawkRun)}  ratio gate/squawk ${(gate.wallMs / squawkRun.wallMs).toFixed(2)}x wall${gate.cpuMs !== undefined && squawkRun.cpuMs ? `, ${(gate.cpuMs / squawkRun.cpuMs).toFixed(2)}x CPU` : ''}`
        : '  (squawk-cli could not be installed here)';
      console.log(`${label.padEnd(40)} migration-gate ${gate.wallMs.toFixed(0)} ms${cpu(gate)}  (${(gate.wallMs / nodeFloor).toFixed(1)}x node start-up)${vsSquawk}`);
    }
    if (squawkVersion) console.log(`squawk: ${squawkVersion}`);
    const [, folderGate, folderSquawk] = rows[1];
    if (folderSquawk) {
      const ratio = folderGate.wallMs / folderSquawk.wallMs;
      console.log(`target: ${rows[1][0]} in at most ${TARGET_RATIO}x squawk -> ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x wall time)`);
    } else console.log(`target: ${rows[1][0]} in at most ${TARGET_RATIO}x squawk -> not measured (squawk-cli unavailable)`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

main();
