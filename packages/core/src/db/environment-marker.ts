/**
 * The environment marker: one row in `supabase_migrations.gate_environment` that says which
 * environment a database is (`production`, `staging`, ...). The production deploy writes it, and
 * tools that must never touch production (seeding) read it, so that a production URL passed by
 * mistake is refused even when the caller also passes the wrong environment name.
 *
 * A database is one environment: marking it removes rows of any other name. Several rows can only
 * appear through hand edits; readers then see all of them (see `readEnvironmentMarkers`).
 */
import type { ClientBase } from 'pg';

export const ENVIRONMENT_MARKER_SCHEMA = 'supabase_migrations';
export const ENVIRONMENT_MARKER_TABLE = `${ENVIRONMENT_MARKER_SCHEMA}.gate_environment`;

export interface EnvironmentMarker {
  name: string;
  markedAt: Date;
  markedBy: string | null;
}

const DDL = [
  `create schema if not exists ${ENVIRONMENT_MARKER_SCHEMA}`,
  `create table if not exists ${ENVIRONMENT_MARKER_TABLE} (
    name text primary key,
    marked_at timestamptz default now(),
    marked_by text
  )`,
];

interface MarkerRow {
  name: string;
  marked_at: Date;
  marked_by: string | null;
}

function toMarker(row: MarkerRow): EnvironmentMarker {
  return { name: row.name, markedAt: row.marked_at, markedBy: row.marked_by };
}

/**
 * Records that this database is environment `name` (creating the table when missing) and returns
 * the stored row. Runs in the caller's transaction when there is one.
 */
export async function markEnvironment(client: ClientBase, name: string, actor?: string): Promise<EnvironmentMarker> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('The environment name to mark must not be empty.');
  for (const statement of DDL) await client.query(statement);
  const { rows } = await client.query<MarkerRow>(
    `with other_environments as (delete from ${ENVIRONMENT_MARKER_TABLE} where name <> $1)
     insert into ${ENVIRONMENT_MARKER_TABLE} (name, marked_at, marked_by) values ($1, now(), $2)
     on conflict (name) do update set marked_at = excluded.marked_at, marked_by = excluded.marked_by
     returning name, marked_at, marked_by`,
    [trimmed, actor ?? null],
  );
  return toMarker(rows[0]);
}

/** Every marker row, newest first; empty when the database was never marked. */
export async function readEnvironmentMarkers(client: ClientBase): Promise<EnvironmentMarker[]> {
  const { rows: exists } = await client.query<{ present: boolean }>('select to_regclass($1) is not null as present', [ENVIRONMENT_MARKER_TABLE]);
  if (!exists[0].present) return [];
  const { rows } = await client.query<MarkerRow>(`select name, marked_at, marked_by from ${ENVIRONMENT_MARKER_TABLE} order by marked_at desc nulls last, name`);
  return rows.map(toMarker);
}

/** The environment this database was last marked as, or undefined when it never was. */
export async function readEnvironmentMarker(client: ClientBase): Promise<EnvironmentMarker | undefined> {
  return (await readEnvironmentMarkers(client))[0];
}
