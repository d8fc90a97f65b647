/**
 * The history tables. `supabase_migrations.schema_migrations` is the Supabase CLI's table and the
 * single source of truth for what is applied, so `supabase migration list` / `db push` and this
 * engine always agree. Our own detail lives beside it in `gate_applied` (one row per applied
 * version: checksum, timing, provenance) and `gate_audit` (one row per attempt). See
 * docs/history-tables.md.
 *
 * gate_applied deliberately has no foreign key to schema_migrations: `supabase migration repair`
 * truncates and deletes there, and a foreign key would make those commands fail. A gate_applied
 * row without a schema_migrations row is simply ignored.
 */
import { escapeLiteral, type Client } from 'pg';

export const HISTORY_SCHEMA = 'supabase_migrations';
export const HISTORY_TABLE = `${HISTORY_SCHEMA}.schema_migrations`;
export const APPLIED_TABLE = `${HISTORY_SCHEMA}.gate_applied`;
export const AUDIT_TABLE = `${HISTORY_SCHEMA}.gate_audit`;

/**
 * The CLI's own sequence (schema, table with the key only, then the columns it added over time),
 * so that a table we create is column-for-column the one the CLI creates, in the same order.
 */
const CLI_HISTORY_DDL = [
  `create schema if not exists ${HISTORY_SCHEMA}`,
  `create table if not exists ${HISTORY_TABLE} (version text not null primary key)`,
  `alter table ${HISTORY_TABLE} add column if not exists statements text[]`,
  `alter table ${HISTORY_TABLE} add column if not exists name text`,
];

const GATE_DDL = [
  `create table if not exists ${AUDIT_TABLE} (
    id bigint generated always as identity primary key,
    command text not null default 'deploy',
    environment text,
    outcome text not null,
    versions text[] not null default '{}',
    applied_versions text[] not null default '{}',
    checksums jsonb not null default '{}',
    error text,
    duration_ms integer,
    lock_wait_ms integer,
    migration_durations jsonb not null default '{}',
    git_sha text,
    actor text,
    workflow_run_url text,
    trigger text,
    override boolean not null default false,
    override_reason text,
    bypassed_gates text[] not null default '{}',
    approvers jsonb not null default '[]',
    restore_point_time timestamptz,
    restore_point_lsn pg_lsn,
    application_name text,
    database_user text not null default current_user,
    client_host text,
    tool_version text,
    started_at timestamptz not null,
    finished_at timestamptz
  )`,
  // Added after the first release: tables created by it gain them here.
  `alter table ${AUDIT_TABLE} add column if not exists workflow_sha text`,
  `alter table ${AUDIT_TABLE} add column if not exists partial_statements jsonb not null default '{}'`,
  `alter table ${AUDIT_TABLE} add column if not exists drift jsonb`,
  `create table if not exists ${APPLIED_TABLE} (
    version text primary key,
    name text,
    checksum text not null,
    statements_sha256 text not null,
    transactional boolean not null,
    applied_at timestamptz not null default clock_timestamp(),
    duration_ms integer,
    attempts integer not null default 1,
    applied_by text not null default current_user,
    git_sha text,
    audit_id bigint references ${AUDIT_TABLE} (id) on delete set null,
    repaired boolean not null default false,
    tool_version text
  )`,
];

/** Columns this version of the engine needs; when one is missing the DDL above is (re)run. */
const REQUIRED_COLUMNS: Record<string, string[]> = {
  schema_migrations: ['version', 'statements', 'name'],
  gate_audit: ['id', 'command', 'outcome', 'approvers', 'restore_point_lsn', 'finished_at', 'workflow_sha', 'partial_statements', 'drift'],
  gate_applied: ['version', 'checksum', 'statements_sha256', 'audit_id', 'repaired'],
};

async function existingColumns(client: Client): Promise<Map<string, Set<string>>> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `select c.relname as table_name, a.attname as column_name
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = $1 and c.relname = any($2)`,
    [HISTORY_SCHEMA, Object.keys(REQUIRED_COLUMNS)],
  );
  const tables = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!tables.has(row.table_name)) tables.set(row.table_name, new Set());
    tables.get(row.table_name)!.add(row.column_name);
  }
  return tables;
}

/**
 * Creates whatever is missing of the three tables, in one transaction so that a dropped
 * connection cannot leave half of them. Call only while holding the deploy lock: concurrent
 * `create table if not exists` of the same table can fail on the catalog's unique index.
 * Checks the catalog first because `alter table ... add column if not exists` takes an exclusive
 * lock on the table even when there is nothing to add.
 */
export async function ensureHistoryTables(client: Client): Promise<{ created: boolean }> {
  const columns = await existingColumns(client);
  const complete = Object.entries(REQUIRED_COLUMNS).every(([table, needed]) => needed.every((c) => columns.get(table)?.has(c)));
  if (complete) return { created: false };
  try {
    // The CLI bounds its DDL the same way: never queue behind a long transaction on these tables.
    await client.query(['begin', "set local lock_timeout = '4s'", ...CLI_HISTORY_DDL, ...GATE_DDL, 'commit'].join(';\n'));
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw new Error(`Cannot create the migration history tables in schema ${HISTORY_SCHEMA}: ${(err as Error).message}`);
  }
  return { created: true };
}

/** One row of schema_migrations, with our detail when we applied (or repaired) it. */
export interface HistoryRecord {
  version: string;
  name: string;
  /** null when an old CLI recorded the version only. */
  statements: string[] | null;
  gate?: {
    checksum: string;
    statementsSha256: string;
    transactional: boolean;
    appliedAt: string;
    durationMs: number | null;
    attempts: number;
    appliedBy: string;
    gitSha: string | null;
    auditId: number | null;
    repaired: boolean;
  };
}

export interface History {
  /** false when schema_migrations does not exist yet (nothing was ever applied). */
  exists: boolean;
  records: HistoryRecord[];
}

/** Reads the history without creating anything, so plan and status leave the database untouched. */
export async function readHistory(client: Client): Promise<History> {
  const columns = await existingColumns(client);
  const history = columns.get('schema_migrations');
  if (!history?.has('version')) return { exists: false, records: [] };
  const gate = columns.get('gate_applied');
  const hasGate = REQUIRED_COLUMNS.gate_applied.every((c) => gate?.has(c)) && gate?.has('transactional');
  const { rows } = await client.query(
    `select h.version,
            ${history.has('name') ? "coalesce(h.name, '')" : "''"} as name,
            ${history.has('statements') ? 'h.statements' : 'null::text[]'} as statements
            ${
              hasGate
                ? `, g.version is not null as has_gate, g.checksum, g.statements_sha256, g.transactional,
                   to_json(g.applied_at) #>> '{}' as applied_at, g.duration_ms, g.attempts, g.applied_by, g.git_sha,
                   g.audit_id, g.repaired`
                : ', false as has_gate'
            }
       from ${HISTORY_TABLE} h
       ${hasGate ? `left join ${APPLIED_TABLE} g on g.version = h.version` : ''}
      order by h.version`,
  );
  return {
    exists: true,
    records: rows.map((row) => ({
      version: row.version,
      name: row.name,
      statements: row.statements,
      ...(row.has_gate
        ? {
            gate: {
              checksum: row.checksum,
              statementsSha256: row.statements_sha256,
              transactional: row.transactional,
              appliedAt: row.applied_at,
              durationMs: row.duration_ms,
              attempts: row.attempts,
              appliedBy: row.applied_by,
              gitSha: row.git_sha,
              auditId: row.audit_id === null ? null : Number(row.audit_id),
              repaired: row.repaired,
            },
          }
        : {}),
    })),
  };
}

export interface AppliedEntry {
  version: string;
  name: string;
  statements: string[];
  statementsSha256: string;
  checksum: string;
  transactional: boolean;
  durationMs: number;
  attempts: number;
  gitSha: string | null;
  auditId: number | null;
  toolVersion: string;
  repaired?: boolean;
}

function appliedParams(entry: AppliedEntry): unknown[] {
  return [
    entry.version,
    entry.name,
    entry.statements,
    entry.checksum,
    entry.statementsSha256,
    entry.transactional,
    Math.round(entry.durationMs),
    entry.attempts,
    entry.gitSha,
    entry.auditId,
    entry.toolVersion,
    entry.repaired ?? false,
  ];
}

/** Upserts gate_applied for the version(s) returned by the CTE `source`; parameters as appliedParams. */
function upsertGateAppliedFrom(source: string): string {
  return `insert into ${APPLIED_TABLE} (version, name, checksum, statements_sha256, transactional, duration_ms, attempts, git_sha, audit_id, tool_version, repaired)
     select version, $2, $4, $5, $6, $7, $8, $9, $10, $11, $12 from ${source}
     on conflict (version) do update set
       name = excluded.name, checksum = excluded.checksum, statements_sha256 = excluded.statements_sha256,
       transactional = excluded.transactional, applied_at = clock_timestamp(), duration_ms = excluded.duration_ms,
       attempts = excluded.attempts, applied_by = current_user, git_sha = excluded.git_sha, audit_id = excluded.audit_id,
       tool_version = excluded.tool_version, repaired = excluded.repaired`;
}

type SqlValue = string | number | boolean | null | string[];

function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length > 0 ? `array[${value.map((v) => escapeLiteral(v)).join(', ')}]::text[]` : `'{}'::text[]`;
  if (typeof value === 'string') return escapeLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} to the history.`);
    return String(value);
  }
  return value ? 'true' : 'false';
}

/**
 * The statement recording an applied migration in both tables and in the deploy's audit row (its
 * applied versions and timings, so a deploy killed later still says what it applied): one
 * statement, so atomic even outside a transaction (`-- transaction: none` migrations). A plain
 * insert into schema_migrations, as the CLI does: if someone recorded the version meanwhile, this
 * fails instead of silently claiming their row. A stale gate_applied row (left by a CLI revert) is
 * replaced. The migration's entry in the audit row's partial_statements is removed: once applied,
 * no statement of it is left half done. Values are inlined as escaped literals rather than bound
 * parameters so the statement can share one simple-protocol round trip with the COMMIT; that
 * halves the per-migration bookkeeping time.
 */
export function recordAppliedSql(entry: AppliedEntry): string {
  const params = appliedParams(entry) as SqlValue[];
  const sql = `with recorded as (
       insert into ${HISTORY_TABLE} (version, name, statements) values ($1, $2, $3) returning version
     ), audited as (
       update ${AUDIT_TABLE}
          set applied_versions = case when $1 = any(applied_versions) then applied_versions else array_append(applied_versions, $1) end,
              migration_durations = migration_durations || jsonb_build_object($1, $7),
              partial_statements = partial_statements - $1
        where id = $10 and exists (select from recorded)
     )
     ${upsertGateAppliedFrom('recorded')}`;
  // One pass, so that "$1" inside an inlined value (a function body, say) is never substituted again.
  return sql.replace(/\$(\d+)/g, (_, n: string) => sqlLiteral(params[Number(n) - 1]));
}

/** `repair --status applied`: like recordAppliedSql, but overwrites an existing row (accepting an edited file). */
export async function upsertApplied(client: Client, entry: AppliedEntry): Promise<'inserted' | 'updated'> {
  const { rows } = await client.query<{ inserted: boolean }>(
    `with recorded as (
       insert into ${HISTORY_TABLE} (version, name, statements) values ($1, $2, $3::text[])
       on conflict (version) do update set name = excluded.name, statements = excluded.statements
       -- a row version with no deleting/locking transaction (xmax = 0) was inserted, not updated
       returning version, (xmax = 0) as inserted
     ), gate as (
       ${upsertGateAppliedFrom('recorded')}
     )
     select inserted from recorded`,
    appliedParams(entry),
  );
  return rows[0]?.inserted ? 'inserted' : 'updated';
}

/** `repair --status reverted`: forgets versions in both tables. Returns the versions that were recorded. */
export async function deleteApplied(client: Client, versions: string[]): Promise<string[]> {
  const { rows } = await client.query<{ version: string }>(
    `with gone as (delete from ${APPLIED_TABLE} where version = any($1))
     delete from ${HISTORY_TABLE} where version = any($1) returning version`,
    [versions],
  );
  return rows.map((r) => r.version).sort();
}
