/**
 * The lint engine: context from older migrations, reporting only checked ones, configuration,
 * locations, robustness and speed. Rule-by-rule behaviour is in test/core/rules/.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultConfig, type GateConfig } from '../../packages/core/src/config';
import { analyzeMigration, discoverMigrations } from '../../packages/core/src/discovery';
import { activeRules, lintMigrations } from '../../packages/core/src/lint';
import type { Finding, MigrationFile } from '../../packages/core/src/model';
import { loadParser } from '../../packages/core/src/parser';
import { ALL_RULES } from '../../packages/core/src/rules';
import { lintFixture } from './rules/fixtures';

const ENGINE_FIXTURES = path.join(__dirname, '..', 'fixtures', 'rules', '_engine');

async function scenario(name: string): Promise<MigrationFile[]> {
  return (await discoverMigrations(path.join(ENGINE_FIXTURES, name))).migrations;
}

function config(overrides: Partial<GateConfig> = {}): GateConfig {
  return { ...defaultConfig(), ...overrides };
}

const summary = (findings: Finding[]) => findings.map((f) => `${path.basename(f.file)}:${f.line}:${f.column} ${f.ruleId}`);

beforeAll(() => loadParser());

describe('context from older migrations', () => {
  it('treats a table created by an older migration as existing and uses its constraints, reporting only checked migrations', async () => {
    const [older, newer] = await scenario('context');
    const findings = lintMigrations([older, newer], { config: config(), isSupabase: false, shouldLint: (m) => m === newer });
    // The older file's validated-later CHECK lets SET NOT NULL pass; its table is existing, so the index is reported.
    expect(summary(findings)).toEqual(['20240102000000_require_customer.sql:4:1 require-concurrent-index-creation']);
  });

  it('reports the older migration too when it is checked', async () => {
    const [older, newer] = await scenario('context');
    const findings = lintMigrations([older, newer], { config: config(), isSupabase: false });
    expect(summary(findings)).toEqual([
      '20240101000000_create_invoices.sql:4:1 require-lock-timeout',
      '20240102000000_require_customer.sql:4:1 require-concurrent-index-creation',
    ]);
  });

  it('without the older migration, knows no CHECK and reports SET NOT NULL', async () => {
    const [, newer] = await scenario('context');
    const findings = lintMigrations([newer], { config: config(), isSupabase: false });
    expect(summary(findings)).toEqual([
      '20240102000000_require_customer.sql:3:1 setting-not-null-without-check',
      '20240102000000_require_customer.sql:4:1 require-concurrent-index-creation',
    ]);
  });

  it('walks migrations in version order whatever order they are given in', async () => {
    const [older, newer] = await scenario('context');
    const shouldLint = (m: MigrationFile) => m === newer;
    const sorted = lintMigrations([older, newer], { config: config(), isSupabase: false, shouldLint });
    expect(lintMigrations([newer, older], { config: config(), isSupabase: false, shouldLint })).toEqual(sorted);
  });

  it('accepts a fix made by a later migration, following the table through a rename', async () => {
    const [create, protect] = await scenario('later-fix');
    const withLater = lintMigrations([create, protect], { config: config(), isSupabase: true, shouldLint: (m) => m === create });
    expect(summary(withLater)).toEqual([]);
    const alone = lintMigrations([create], { config: config(), isSupabase: true });
    expect(summary(alone)).toEqual(['20240101000000_create_notes.sql:1:14 require-rls-on-exposed-table']);
  });
});

describe('objects the migrations already removed', () => {
  it('does not report DROP INDEX IF EXISTS of an index that went with its table', async () => {
    const [create, drop] = await scenario('dropped-with-table');
    const findings = lintMigrations([create, drop], { config: config(), isSupabase: false, shouldLint: (m) => m === drop });
    expect(summary(findings)).toEqual(['20240102000000_drop_stats.sql:2:1 ban-drop-table']);
  });
});

describe('configuration', () => {
  it('applies a severity override', () => {
    const { findings } = lintFixture('ban-drop-table', 'fires.sql', { isSupabase: false, config: { rules: { 'ban-drop-table': 'notice' } } });
    expect(findings.filter((f) => f.ruleId === 'ban-drop-table').map((f) => f.severity)).toEqual(['notice']);
  });

  it("turns a rule off with 'off' and leaves the others running", () => {
    const { findings } = lintFixture('ban-drop-table', 'fires.sql', { isSupabase: false, config: { rules: { 'ban-drop-table': 'off' } } });
    expect(findings.filter((f) => f.ruleId === 'ban-drop-table')).toEqual([]);
    const { findings: index } = lintFixture('require-concurrent-index-creation', 'fires.sql', { isSupabase: false, config: { rules: { 'ban-drop-table': 'off' } } });
    expect(index.some((f) => f.ruleId === 'require-concurrent-index-creation')).toBe(true);
  });

  it('runs Supabase-only rules only for Supabase projects', () => {
    const supabaseOnly = ALL_RULES.filter((r) => r.supabaseOnly).map((r) => r.id);
    expect(supabaseOnly.length).toBeGreaterThan(0);
    const ids = (isSupabase: boolean) => activeRules(config(), isSupabase).map((a) => a.rule.id);
    expect(ids(false).filter((id) => supabaseOnly.includes(id))).toEqual([]);
    expect(ids(true)).toEqual(expect.arrayContaining(supabaseOnly));
  });

  it('uses the configured exposed schemas', () => {
    const { findings } = lintFixture('require-rls-on-exposed-table', 'fires.sql', { isSupabase: true, config: { exposedSchemas: ['api'] } });
    expect(findings.filter((f) => f.ruleId === 'require-rls-on-exposed-table')).toEqual([]);
  });
});

describe('findings', () => {
  it('counts columns in characters, though the parser reports byte offsets', async () => {
    const findings = lintMigrations(await scenario('multibyte'), { config: config(), isSupabase: false });
    expect(summary(findings)).toEqual(['20240102000000_truncate_events.sql:2:24 ban-truncate']);
  });

  it('leaves gate:allow to the caller: the finding is reported and not marked suppressed', async () => {
    const findings = lintMigrations(await scenario('allow-directive'), { config: config(), isSupabase: false });
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'ban-drop-table', line: 3, column: 1 })]);
    expect(findings[0].suppressed).toBeUndefined();
  });

  it('carries the rule hint, the file path and source "lint"', () => {
    const { target, findings } = lintFixture('unique-constraint-without-index', 'fires.sql', { isSupabase: false });
    const handle = findings.find((f) => f.ruleId === 'unique-constraint-without-index' && f.line === 3);
    expect(handle).toMatchObject({ file: target.path, source: 'lint' });
    // An index built concurrently by an earlier migration is offered by name.
    expect(handle?.hint).toContain('UNIQUE USING INDEX users_handle_key');
  });

  it('skips migrations that did not parse and still lints the rest', async () => {
    const migrations = await scenario('unparsed');
    expect(migrations.map((m) => m.parsed)).toEqual([false, true]);
    expect(summary(lintMigrations(migrations, { config: config(), isSupabase: false }))).toEqual(['20240102000000_drop_events.sql:2:1 ban-drop-table']);
  });
});

describe('speed', () => {
  function migration(version: string, sql: string): MigrationFile {
    return analyzeMigration(`${version}_generated.sql`, Buffer.from(sql), `generated/${version}.sql`).migration;
  }

  /**
   * Best of three runs: the machine running the suite is shared, and a scheduler stall should not
   * fail the test. A quadratic walk would still blow the budget on every run.
   */
  function timeLint(migrations: MigrationFile[]): { ms: number; findings: Finding[] } {
    let best = Infinity;
    let findings: Finding[] = [];
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      findings = lintMigrations(migrations, { config: config(), isSupabase: true });
      best = Math.min(best, performance.now() - start);
    }
    return { ms: best, findings };
  }

  it('lints a 2,000-statement migration in well under a second', () => {
    // The early ADD VALUE makes the enum rule inspect every later statement.
    const lines = ["alter type public.mood add value 'elated';"];
    for (let i = 0; lines.length < 2000; i++) {
      lines.push(
        `create table public.t${i} (id bigint primary key, v text, mood public.mood);`,
        `alter table public.t${i} add column w text default 'w';`,
        `create index t${i}_v_idx on public.t${i} (v);`,
        `insert into public.t${i} (id, v) values (${i}, 'v${i}');`,
        `alter table public.existing_${i % 50} add column c${i} text;`,
      );
    }
    const file = migration('20240101000000', lines.slice(0, 2000).join('\n'));
    expect(file.statements).toHaveLength(2000);
    const { ms, findings } = timeLint([file]);
    expect(findings.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(500);
  });

  it('lints a 300-migration folder in well under a second', () => {
    const files: MigrationFile[] = [];
    for (let i = 0; i < 300; i++) {
      const version = `2024${String(1 + (i % 12)).padStart(2, '0')}${String(1 + Math.floor(i / 12)).padStart(2, '0')}000000`;
      files.push(
        migration(
          version,
          [
            `create table public.items_${i} (id bigint primary key, owner uuid not null references auth.users (id));`,
            `alter table public.items_${i} enable row level security;`,
            `create policy "owner reads" on public.items_${i} for select using ((select auth.uid()) = owner);`,
            i > 0 ? `alter table public.items_${i - 1} add column note text not null;` : 'select 1;',
            `create index items_${i}_owner_idx on public.items_${i} (owner);`,
            `create function public.count_items_${i}() returns bigint language sql security definer as $$ select count(*) from public.items_${i} $$;`,
          ].join('\n'),
        ),
      );
    }
    const { ms, findings } = timeLint(files);
    expect(findings.length).toBeGreaterThan(300);
    expect(ms).toBeLessThan(500);
  });
});
