/**
 * Lint speed, whole process included: `migration-gate validate --no-dry-run` (the committed CLI
 * bundle) on a 2,000-statement file and on a 300-file folder, against squawk on the same files
 * in the same run, and against bare `node` start-up as the floor.
 *
 *   npm run build && node bench/run-ts.js bench/lint.ts [--runs 7]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
const SQUAWK_CACHE = path.join(os.tmpdir(), 'migration-gate-bench-squawk');

/**
 * squawk-cli for the comparison: not a project dependency (its lockfile entries for other
 * platforms break `npm ci`), so it is installed once into a cache folder here, with an argument
 * array (no shell). Returns undefined when the registry or the platform binary is unavailable.
 */
function squawkBinary(): string | undefined {
  const bin = path.join(SQUAWK_CACHE, 'node_modules', '.bin', 'squawk');
  if (!existsSync(bin)) {
    mkdirSync(SQUAWK_CACHE, { recursive: true });
    const install = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', SQUAWK_CACHE, 'squawk-cli@2'], { stdio: 'ignore' });
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

function time(command: string, args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    if (result.error) throw result.error;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
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
    for (let f = 0; f < 300; f++) {
      const version = `2024${String(1 + (f % 12)).padStart(2, '0')}${String(1 + (f % 28)).padStart(2, '0')}${String(f).padStart(6, '0')}`;
      const file = path.join(folder, `${version}_change_${f}.sql`);
      writeFileSync(file, Array.from({ length: 10 }, (_, i) => statement(f * 10 + i)).join('\n') + '\n');
      files.push(file);
    }

    const nodeFloor = time(process.execPath, ['-e', '']);
    const rows: [string, number, number | undefined][] = [];
    const squawk = squawkBinary();
    const squawkVersion = squawk ? execFileSync(squawk, ['--version'], { encoding: 'utf8' }).trim() : undefined;
    for (const [label, dir, squawkArgs] of [
      ['2,000-statement file', bigDir, [bigFile]],
      ['300-file folder (3,000 statements)', folder, files],
    ] as const) {
      const gate = time(process.execPath, [CLI, 'validate', dir, '--no-dry-run', '--format', 'json']);
      rows.push([label, gate, squawk ? time(squawk, ['--reporter', 'gcc', ...squawkArgs]) : undefined]);
    }

    console.log(`lint benchmark (median of ${runs} runs, whole process, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
    console.log(`node start-up floor: ${nodeFloor.toFixed(0)} ms`);
    for (const [label, gate, squawkMs] of rows) {
      const vsSquawk = squawkMs ? `  squawk ${squawkMs.toFixed(0)} ms  ratio gate/squawk ${(gate / squawkMs).toFixed(2)}x` : '  (squawk-cli could not be installed here)';
      console.log(`${label.padEnd(36)} migration-gate ${gate.toFixed(0)} ms  (${(gate / nodeFloor).toFixed(1)}x node start-up)${vsSquawk}`);
    }
    if (squawkVersion) console.log(`squawk: ${squawkVersion}`);
    const folderTime = rows[1][1];
    console.log(`target: 300-file folder under 1500 ms -> ${folderTime < 1500 ? 'met' : 'NOT met'} (${folderTime.toFixed(0)} ms)`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

main();
