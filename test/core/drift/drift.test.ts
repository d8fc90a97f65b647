/**
 * The drift check on a real PostgreSQL: a database deployed from the fixtures, then changed by
 * hand the ways people change production (dashboard, SQL editor), compared with a replay of the
 * migrations its history says are applied.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensurePostgresBinaries } from '../../../packages/core/src/db/install';
import { startPostgres } from '../../../packages/core/src/db/server';
import { deploy, repairHistory } from '../../../packages/core/src/deploy';
import { checkDrift, type DriftReport } from '../../../packages/core/src/drift';
import type { TestDatabase } from '../../support/database';
import { applySupabasePlatform, deployedTarget, DRIFT_FIXTURES } from './support';

jest.setTimeout(120_000);

const check = (url: string, migrationsDir = DRIFT_FIXTURES) => checkDrift({ databaseUrl: url, migrationsDir, handleSignals: false, now: new Date('2025-03-01T10:00:00Z') });

describe('a database deployed from the migrations', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await deployedTarget();
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('shows no drift', async () => {
    const report = await check(target.url);
    expect(report.error).toBeUndefined();
    expect(report.differences).toEqual([]);
    expect(report.status).toBe('no-drift');
    expect(report.replay?.files.map((f) => path.basename(f))).toEqual(['20240101000000_create_books.sql', '20240102000000_books_functions.sql', '20240103000000_profiles_on_signup.sql']);
    expect(report.draft).toBeUndefined();
  });

  it('shows no drift for changes without meaning: body whitespace, policy role order, a generated constraint name', async () => {
    await target.query(`
      create or replace function public.touch_created_at() returns trigger
      language plpgsql as $$
        begin
            new.created_at   :=   now();
            return new;
        end;
      $$;
      drop policy "published books are readable" on public.books;
      create policy "published books are readable" on public.books for select to authenticated, anon using (status = 'published');
      alter table public.books drop constraint books_title_check;
      alter table public.books add check (char_length(title) > 0);
      alter table public.books rename constraint books_title_check to books_title_check1;`);
    const report = await check(target.url);
    expect(report.differences.map((d) => d.message)).toEqual([]);
  });

  it('leaves out the platform\'s schemas but compares what migrations attach to platform tables', async () => {
    await target.query(`
      create table auth.sessions_extra (id int);
      create table supabase_migrations.notes (id int);
      drop policy "avatars are public" on storage.objects;`);
    const report = await check(target.url);
    expect(report.differences.map((d) => d.message)).toEqual(['policy "avatars are public" on storage.objects is created by the migrations but is missing from the database']);
    expect(report.excluded.schemas).toEqual(expect.arrayContaining(['auth', 'storage', 'supabase_migrations', 'extensions']));
  });
});

describe('a database changed outside the migrations', () => {
  let target: TestDatabase;
  let report: DriftReport;
  beforeAll(async () => {
    target = await deployedTarget();
    await target.query(`
      alter table public.books add column isbn text;
      drop index public.books_owner_id_idx;
      alter policy "published books are readable" on public.books to anon;
      create or replace function public.touch_created_at() returns trigger language plpgsql as $$
      begin
        new.created_at := clock_timestamp();
        return new;
      end;
      $$;
      alter table public.books alter column price_cents set default 100;
      grant execute on function public.book_count() to anon;
      create trigger books_audit after insert on public.books for each row execute function public.touch_created_at();
      alter type public.book_status add value 'archived';`);
    report = await check(target.url);
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('reports drift', () => {
    expect(report.status).toBe('drift');
    expect(report.message).toMatch(/^Drift: .* differs from what its applied migrations build in 8 place\(s\)/);
  });

  it.each([
    ['added column', 'column public.books.isbn exists in the database but in no migration'],
    ['dropped index', 'index public.books_owner_id_idx on public.books is created by the migrations but is missing from the database'],
    ['changed policy roles', 'policy "published books are readable" on public.books differs: roles anon, authenticated in the migrations, anon in the database'],
    ['replaced function body', 'function public.touch_created_at() differs: the body differs'],
    ['changed default', 'column public.books.price_cents differs: default 0 in the migrations, 100 in the database'],
    ['new grant to anon', 'grant of execute on function public.book_count() to anon exists in the database but in no migration'],
    ['new trigger', 'trigger books_audit on public.books exists in the database but in no migration'],
    ['enum value added', "enum public.book_status: value 'archived' exists in the database but in no migration"],
  ])('names the %s', (_kind, message) => {
    expect(report.differences.map((d) => d.message)).toContain(message);
  });

  it('shows the definition on both sides', () => {
    const body = report.differences.find((d) => d.name === 'public.touch_created_at()')!;
    expect(body.migrations).toContain('new.created_at := now();');
    expect(body.database).toContain('new.created_at := clock_timestamp();');
    const column = report.differences.find((d) => d.name === 'public.books.isbn')!;
    expect(column).toMatchObject({ database: 'alter table public.books add column isbn text;', migrations: null });
  });

  it('drafts a migration that, once recorded as applied, leaves no drift', async () => {
    expect(report.draft?.fileName).toBe('20250301100000_capture_drift.sql');
    expect(report.draft?.sql).toMatch(/^-- DRAFT migration capturing changes made to .* outside the migrations — review before committing\./);
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'mg-drift-'));
    const migrations = path.join(folder, 'supabase', 'migrations');
    try {
      await fs.cp(DRIFT_FIXTURES, migrations, { recursive: true });
      await fs.writeFile(path.join(migrations, report.draft!.fileName), report.draft!.sql);
      // The change is already in the database: the history records it, as `supabase migration repair` would.
      const repaired = await repairHistory({ databaseUrl: target.url, migrationsDir: migrations, status: 'applied', versions: [report.draft!.version] });
      expect(repaired.ok).toBe(true);
      const after = await check(target.url, migrations);
      expect(after.replay?.failures).toEqual([]);
      expect(after.differences.map((d) => d.message)).toEqual([]);
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});

describe('a database on another major version', () => {
  it('is compared with a replay on a server of its own major (PostgreSQL 15)', async () => {
    const { binaries } = await ensurePostgresBinaries({ postgresVersion: 15 });
    const server = await startPostgres({ binaries, label: 'mg-drift-pg15' });
    try {
      await applySupabasePlatform(server.url);
      expect((await deploy({ databaseUrl: server.url, migrationsDir: DRIFT_FIXTURES })).outcome).toBe('applied');
      const report = await check(server.url);
      expect(report.target?.serverVersion).toMatch(/^15\./);
      expect(report.replay?.serverVersion).toMatch(/^15\./);
      expect(report.differences.map((d) => d.message)).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
