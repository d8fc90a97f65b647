/**
 * The dry-run against the suite's real PostgreSQL server (as shadowDatabaseUrl: each run creates
 * and drops its own database there).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { analyzeMigration, discoverMigrations } from '../../../packages/core/src/discovery';
import { dryRun, DryRunCancelledError, renderDryRunMarkdown, type DryRunResult } from '../../../packages/core/src/dry-run';
import type { MigrationFile } from '../../../packages/core/src/model';
import { loadParser } from '../../../packages/core/src/parser';
import { serverUrl } from '../../support/database';

const FIXTURES = path.join(__dirname, '../../fixtures/dry-run');
const SUPABASE_MIGRATIONS = path.join(FIXTURES, 'supabase-project/supabase/migrations');

async function load(dir: string): Promise<MigrationFile[]> {
  return (await discoverMigrations(dir)).migrations;
}

/** A migration written in the test, for cases that need one exact statement. */
function inline(fileName: string, sql: string): MigrationFile {
  return analyzeMigration(fileName, Buffer.from(sql), `inline/${fileName}`).migration;
}

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [name]);
    return rows.length === 1;
  } finally {
    await client.end();
  }
}

function statementAt(result: DryRunResult, fileSuffix: string, line: number) {
  const migration = result.migrations.find((m) => m.file.endsWith(fileSuffix));
  return migration?.statements.find((s) => s.line === line);
}

beforeAll(() => loadParser());

describe('dryRun on a Supabase project', () => {
  let result: DryRunResult;
  const NEW = ['20240201090000', '20240202090000', '20240203090000'];

  beforeAll(async () => {
    // supabaseBaseline is not given: the folder sits in supabase/ with a config.toml.
    result = await dryRun({ migrations: await load(SUPABASE_MIGRATIONS), newVersions: NEW, shadowDatabaseUrl: serverUrl() });
  });

  it('replays base and new migrations on the Supabase baseline and drops its database', async () => {
    expect(result.supabaseBaseline).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.migrations.map((m) => [m.version, m.phase, m.status])).toEqual([
      ['20240101090000', 'base', 'applied'],
      ['20240102090000', 'base', 'applied'],
      ['20240103090000', 'base', 'applied'],
      ['20240201090000', 'new', 'applied'],
      ['20240202090000', 'new', 'applied'],
      ['20240203090000', 'new', 'applied'],
    ]);
    expect(result.server.kind).toBe('url');
    expect(result.server.database).toMatch(/^migration_gate_shadow_[0-9a-f]{12}$/);
    expect(await databaseExists(result.server.database)).toBe(false);
  });

  it('reports ACCESS EXCLUSIVE without a rewrite for adding a column with a constant default', () => {
    const statement = statementAt(result, '20240201090000_profile_score.sql', 2)!;
    expect(statement.locks).toEqual([{ relation: 'public.profiles', relationKind: 'table', mode: 'ACCESS EXCLUSIVE', rewritten: false, dropped: false }]);
    expect(statement.heldUntilCommitMs).toBeGreaterThanOrEqual(statement.durationMs);
    const finding = result.findings.find((f) => f.file.endsWith('20240201090000_profile_score.sql') && f.line === 2)!;
    expect(finding).toMatchObject({ ruleId: 'dry-run-access-exclusive', severity: 'warning', source: 'dry-run', column: 1 });
    expect(finding.message).toContain('ACCESS EXCLUSIVE lock on public.profiles');
    expect(finding.message).not.toContain('rewrote');
  });

  it('reports the SHARE lock of CREATE INDEX on an existing table, without a finding', () => {
    const statement = statementAt(result, '20240201090000_profile_score.sql', 4)!;
    expect(statement.kind).toBe('IndexStmt');
    expect(statement.locks).toEqual([{ relation: 'public.posts', relationKind: 'table', mode: 'SHARE', rewritten: false, dropped: false }]);
    expect(result.findings.some((f) => f.file.endsWith('20240201090000_profile_score.sql') && f.line === 4)).toBe(false);
  });

  it('flags CREATE POLICY on an existing table: it takes ACCESS EXCLUSIVE too', () => {
    const statement = statementAt(result, '20240201090000_profile_score.sql', 6)!;
    expect(statement.locks?.map((l) => `${l.relation} ${l.mode}`)).toEqual(['public.posts ACCESS EXCLUSIVE']);
  });

  it('detects the table rewrite of ALTER COLUMN TYPE and reports it as dry-run-rewrite', () => {
    const statement = statementAt(result, '20240202090000_posts_bigint.sql', 1)!;
    expect(statement.locks).toEqual([{ relation: 'public.posts', relationKind: 'table', mode: 'ACCESS EXCLUSIVE', rewritten: true, dropped: false }]);
    const finding = result.findings.find((f) => f.file.endsWith('20240202090000_posts_bigint.sql') && f.line === 1)!;
    expect(finding.ruleId).toBe('dry-run-rewrite');
    expect(finding.message).toContain('rewrote public.posts');
  });

  it('ignores locks on tables the migration creates, but reports the referenced existing tables', () => {
    const statement = statementAt(result, '20240202090000_posts_bigint.sql', 3)!;
    expect(statement.kind).toBe('CreateStmt');
    expect(statement.locks?.map((l) => `${l.relation} ${l.mode}`)).toEqual(['public.posts SHARE ROW EXCLUSIVE', 'public.profiles SHARE ROW EXCLUSIVE']);
    const policy = statementAt(result, '20240202090000_posts_bigint.sql', 12)!;
    expect(policy.kind).toBe('CreatePolicyStmt');
    expect(policy.locks).toBeUndefined();
  });

  it('times each statement of a non-transactional migration, without lock tracing', () => {
    const migration = result.migrations.find((m) => m.version === '20240203090000')!;
    expect(migration.transactional).toBe(false);
    expect(migration.statements.map((s) => [s.line, s.kind])).toEqual([
      [2, 'IndexStmt'],
      [4, 'IndexStmt'],
    ]);
    for (const s of migration.statements) {
      expect(s.durationMs).toBeGreaterThan(0);
      expect(s.locks).toBeUndefined();
    }
  });

  it('summarises the schema changes of the new migrations only', () => {
    const summaries = result.schemaChanges.map((c) => `${c.action} ${c.summary}`);
    expect(summaries).toEqual(
      expect.arrayContaining([
        "added enum public.post_status added ('draft', 'published', 'archived')",
        'added column public.profiles.score integer default 0 not null added',
        'changed column public.posts.id: type: integer → bigint',
        'added index added: CREATE INDEX posts_author_created_idx ON public.posts USING btree (author_id, created_at DESC)',
        'added index added: CREATE INDEX posts_title_idx ON public.posts USING btree (title)',
        "added policy \"Admins read everything\" on public.posts for select to authenticated using ((((auth.jwt() -> 'app_metadata'::text) ->> 'role'::text) = 'admin'::text)) added",
        'added foreign key constraint comments_post_id_fkey on public.comments added: FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE',
      ]),
    );
    const comments = result.schemaChanges.find((c) => c.kind === 'table' && c.name === 'public.comments')!;
    expect(comments.summary).toBe(
      'table public.comments added (id bigint generated always as identity not null, post_id bigint not null, author_id uuid default auth.uid() not null, body text not null), row level security enabled',
    );
    // Base migrations and the baseline (auth, storage) are the starting point, not changes.
    expect(result.schemaChanges.some((c) => c.name.startsWith('public.profiles.') && c.kind === 'policy')).toBe(false);
    expect(result.schemaChanges.some((c) => /^(auth|storage|extensions|realtime)\./.test(c.name))).toBe(false);
    expect(result.schemaChangesComplete).toBe(true);
  });

  it('splits the time into server, baseline, replay and lock tracing', () => {
    const t = result.timings;
    for (const value of [t.serverStartMs, t.baselineMs, t.baseReplayMs, t.newReplayMs, t.lockTracingMs, t.schemaSnapshotMs, t.cleanupMs]) expect(value).toBeGreaterThan(0);
    expect(t.lockTracingMs).toBeLessThan(t.newReplayMs);
    expect(t.totalMs).toBeGreaterThanOrEqual(t.serverStartMs + t.baselineMs + t.baseReplayMs + t.newReplayMs);
  });

  it('renders markdown sections with the lock table and the schema diff', () => {
    const markdown = renderDryRunMarkdown(result).join('\n\n');
    expect(markdown).toContain('✅ 3 new migrations replayed cleanly');
    expect(markdown).toContain('| `public.posts` | ACCESS EXCLUSIVE | yes |');
    expect(markdown).toContain('~ column public.posts.id: type: integer → bigint');
  });
});

describe('dryRun failures', () => {
  it('reports a failing new migration at the line and column of the error, with hint, and replays the later ones anyway', async () => {
    const base = (await load(SUPABASE_MIGRATIONS)).slice(0, 3);
    const failing = await load(path.join(FIXTURES, 'failing'));
    const result = await dryRun({ migrations: [...base, ...failing], newVersions: ['20240301090000', '20240302090000'], shadowDatabaseUrl: serverUrl() });

    expect(result.ok).toBe(false);
    const text = await fs.readFile(path.join(FIXTURES, 'failing/20240301090000_typo_policy.sql'), 'utf8');
    const errorLine = text.split('\n')[4];
    expect(result.errors).toEqual([
      {
        phase: 'new',
        file: failing[0].path,
        version: '20240301090000',
        statementIndex: 1,
        line: 5,
        // Counted in characters: 'café' before it is 4 characters but 5 bytes.
        column: errorLine.indexOf('idd') + 1,
        message: 'column "idd" does not exist',
        hint: 'Perhaps you meant to reference the column "profiles.id".',
        code: '42703',
        timedOut: false,
      },
    ]);
    expect(result.findings.filter((f) => f.ruleId === 'dry-run-error')).toEqual([
      {
        ruleId: 'dry-run-error',
        severity: 'error',
        message:
          "PostgreSQL rejected this statement: column \"idd\" does not exist. A deploy stops here; the dry-run replayed the later migrations anyway, without this one's changes, to report their own problems: 20240302090000_after_typo.sql.",
        hint: 'Perhaps you meant to reference the column "profiles.id".',
        file: failing[0].path,
        line: 5,
        column: errorLine.indexOf('idd') + 1,
        source: 'dry-run',
      },
    ]);
    expect(result.notReplayed).toEqual([]);
    expect(result.migrations.slice(-2).map((m) => m.status)).toEqual(['failed', 'applied']);
    // The failed migration rolled back: nothing of it is in the schema diff, only the later file's column.
    expect(result.schemaChanges.map((c) => c.summary)).toEqual([expect.stringContaining('public.profiles.twitter')]);
    expect(result.schemaChangesComplete).toBe(false);
  });

  it('reports errors in base migrations as warnings and goes on with the new ones', async () => {
    const base = (await load(SUPABASE_MIGRATIONS)).slice(0, 3);
    const failing = await load(path.join(FIXTURES, 'failing'));
    const result = await dryRun({ migrations: [...base, ...failing], newVersions: ['20240302090000'], shadowDatabaseUrl: serverUrl() });
    expect(result.ok).toBe(true);
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['dry-run-error', 'warning', 5],
      ['dry-run-access-exclusive', 'warning', 1],
    ]);
    expect(result.findings[0].message).toMatch(/^This migration is already in the base branch \(applied history\) and cannot be replayed, so later files replay without what it does\. PostgreSQL rejected this statement: column "idd" does not exist/);
    expect(result.migrations.find((m) => m.version === '20240302090000')?.status).toBe('applied');
  });

  it('points at the missing schema even when Postgres gives no position', async () => {
    const migration = inline('20240501090000_orders.sql', '-- orders\ncreate table public.orders (\n  id bigint primary key,\n  user_id uuid references auth.users (id)\n);\n');
    const result = await dryRun({ migrations: [migration], newVersions: ['20240501090000'], shadowDatabaseUrl: serverUrl(), supabaseBaseline: false });
    expect(result.supabaseBaseline).toBe(false);
    expect(result.errors[0]).toMatchObject({ message: 'schema "auth" does not exist', code: '3F000', line: 4, column: '  user_id uuid references '.length + 1 });
  });

  it('locates an error inside a DO block by the line PL/pgSQL reports', async () => {
    const sql = "do $$\nbegin\n  perform 1;\n  raise exception 'boom';\nend\n$$;\n";
    const result = await dryRun({ migrations: [inline('20240501090000_do.sql', sql)], newVersions: ['20240501090000'], shadowDatabaseUrl: serverUrl(), supabaseBaseline: false });
    expect(result.errors[0]).toMatchObject({ message: 'boom', line: 4, column: 3 });
  });

  it('stops a hanging statement with the statement timeout and reports it at its line', async () => {
    const base = (await load(SUPABASE_MIGRATIONS)).slice(0, 3);
    const hang = await load(path.join(FIXTURES, 'hang'));
    const started = Date.now();
    const result = await dryRun({ migrations: [...base, ...hang], newVersions: ['20240401090000'], shadowDatabaseUrl: serverUrl(), statementTimeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(15000);
    expect(result.errors).toEqual([expect.objectContaining({ timedOut: true, line: 2, column: 1, code: '57014' })]);
    expect(result.findings[0].message).toBe("Stopped by the dry-run's statement timeout after 500 ms: the statement did not finish.");
    expect(await databaseExists(result.server.database)).toBe(false);
  });

  it('stops a hang even when the migration turns statement_timeout off', async () => {
    const migration = inline('20240501090000_sneaky.sql', 'set statement_timeout = 0;\nselect pg_sleep(600);\n');
    const started = Date.now();
    const result = await dryRun({ migrations: [migration], newVersions: ['20240501090000'], shadowDatabaseUrl: serverUrl(), supabaseBaseline: false, statementTimeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(15000);
    expect(result.errors[0]).toMatchObject({ timedOut: true, line: 2 });
  });

  it('says that CREATE INDEX CONCURRENTLY needs a non-transactional migration', async () => {
    const migrations = [inline('20240501090000_t.sql', 'create table t (id int);\n'), inline('20240502090000_idx.sql', 'create index concurrently t_id on t (id);\n')];
    const result = await dryRun({ migrations, newVersions: ['20240502090000'], shadowDatabaseUrl: serverUrl(), supabaseBaseline: false });
    expect(result.findings[0].message).toBe('PostgreSQL rejected this statement: CREATE INDEX CONCURRENTLY cannot run inside a transaction block.');
    expect(result.findings[0].hint).toContain('-- transaction: none');
  });
});

describe('dryRun options', () => {
  it('applies a preamble before the migrations', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mg-preamble-'));
    try {
      const preamble = path.join(dir, 'preamble.sql');
      await fs.writeFile(preamble, 'create schema billing;\ncreate table billing.plans (id text primary key);\n');
      const migration = inline('20240501090000_accounts.sql', 'create table public.accounts (id int primary key, plan text references billing.plans (id));\n');
      const result = await dryRun({ migrations: [migration], newVersions: ['20240501090000'], shadowDatabaseUrl: serverUrl(), supabaseBaseline: false, preamblePath: preamble });
      expect(result.ok).toBe(true);
      // The preamble's table exists before the new migrations, like production's tables.
      expect(result.migrations[0].statements[0].locks?.map((l) => `${l.relation} ${l.mode}`)).toEqual(['billing.plans SHARE ROW EXCLUSIVE']);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a failing preamble at its own line and replays nothing', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mg-preamble-'));
    try {
      const preamble = path.join(dir, 'preamble.sql');
      await fs.writeFile(preamble, 'create schema billing;\n\ncreate table billing.plans (id text primary key, owner uuid references auth.users);\n');
      const migration = inline('20240501090000_accounts.sql', 'create table public.accounts (id int primary key);\n');
      const result = await dryRun({ migrations: [migration], newVersions: ['20240501090000'], shadowDatabaseUrl: serverUrl(), supabaseBaseline: false, preamblePath: preamble });
      expect(result.ok).toBe(false);
      expect(result.errors[0]).toMatchObject({ phase: 'preamble', line: 3, column: 72, message: 'schema "auth" does not exist' });
      expect(result.findings[0].message).toMatch(/^The dry-run preamble failed\./);
      expect(result.notReplayed).toEqual([{ file: 'inline/20240501090000_accounts.sql', version: '20240501090000', reason: 'the dry-run preamble failed' }]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('records no locks when lock tracing is off', async () => {
    const migrations = await load(SUPABASE_MIGRATIONS);
    const result = await dryRun({ migrations, newVersions: ['20240201090000'], shadowDatabaseUrl: serverUrl(), lockTrace: false });
    expect(result.ok).toBe(true);
    expect(result.migrations.flatMap((m) => m.statements).some((s) => s.locks)).toBe(false);
    expect(result.findings).toEqual([]);
    expect(result.timings.lockTracingMs).toBe(0);
  });

  it('cleans up when aborted in the middle of a statement', async () => {
    const hang = await load(path.join(FIXTURES, 'hang'));
    const base = (await load(SUPABASE_MIGRATIONS)).slice(0, 3);
    const controller = new AbortController();
    let database: string | undefined;
    const run = dryRun({
      migrations: [...base, ...hang],
      newVersions: ['20240401090000'],
      shadowDatabaseUrl: serverUrl(),
      signal: controller.signal,
      onProgress: (message) => {
        database ??= /(migration_gate_shadow_[0-9a-f]+)/.exec(message)?.[1];
      },
    });
    setTimeout(() => controller.abort('test'), 1500);
    const started = Date.now();
    await expect(run).rejects.toBeInstanceOf(DryRunCancelledError);
    expect(Date.now() - started).toBeLessThan(10000);
    expect(database).toBeDefined();
    expect(await databaseExists(database!)).toBe(false);
  });

  it('explains an unreachable shadow server', async () => {
    await expect(dryRun({ migrations: [], newVersions: [], shadowDatabaseUrl: 'postgres://postgres:x@127.0.0.1:1/postgres' })).rejects.toThrow(
      'No PostgreSQL server accepts connections at 127.0.0.1:1 (shadowDatabaseUrl). Fix: start the service container / server, or correct the host and port.',
    );
  });
});
