/**
 * An emulation of a PostgreSQL extension that the dry-run's server does not ship (pgvector,
 * pg_cron, pgmq, ...): enough of its schema, types, functions, operators, operator classes and
 * access methods for DDL and function bodies that use them to replay, written for this project
 * from the extension's published documentation and SQL signatures.
 *
 * It is installed as a real extension: the dry-run writes `<name>.control` and
 * `<name>--<version>.sql` into its server's extension folder, marked `trusted`, so a migration's
 * own `create extension` (run by the non-superuser replay role, as on Supabase) creates it, in the
 * schema the migration names, and `pg_extension` lists it.
 */
import type { Statement } from '../../model';

/** What a statement rewrite returns: the SQL to run instead, or an error to report at the statement. */
export type StatementRewrite = { sql: string } | { error: string };

export interface ExtensionEmulation {
  /** The name `create extension` uses, e.g. `vector`. */
  name: string;
  /** The version emulated (the one Supabase ships today), used as the control file's default_version. */
  version: string;
  /** One line for the control file's comment; say it is an emulation. */
  comment: string;
  /**
   * For the report's notice: what the emulation does beyond the objects' shapes and what it
   * leaves out (e.g. "jobs are recorded and schedules checked; no job runs"). Without it the
   * notice says the behaviour is not emulated.
   */
  behaviour?: string;
  /** As in the real control file: whether `with schema` may choose the schema. */
  relocatable: boolean;
  /** As in the real control file: the schema the extension must live in, if it fixes one. */
  schema?: string;
  /** As in the real control file: extensions it needs (created first with `cascade`). */
  requires?: readonly string[];
  /**
   * As in the real control file: `false` when any role with CREATE on the database may create
   * it (pgmq), so the script runs as that role and its objects belong to it. Default `true`:
   * the extension is marked trusted and its script runs as the server's superuser.
   */
  superuser?: boolean;
  /**
   * The install script. Runs as the server's superuser (like any trusted extension; as the
   * creating role when `superuser` is false), with
   * `search_path` set to the target schema, so it must be safe against a schema the migration
   * author controls: qualify built-ins with `pg_catalog.` and its own objects with `@extschema@.`,
   * run nothing at install time (DDL only), and create no SECURITY DEFINER function.
   */
  script: string;
  /**
   * Names by which migrations reach its objects, to label the statements that touch them
   * ("replayed against an emulation of vector"). Lower case, unqualified.
   */
  objects: {
    schemas?: readonly string[];
    types?: readonly string[];
    functions?: readonly string[];
    operators?: readonly string[];
    accessMethods?: readonly string[];
    relations?: readonly string[];
  };
  /**
   * Optional: statements the emulation cannot take as written (e.g. `create index ... using hnsw
   * ... with (m = 16)`, whose options only the real access method accepts) are checked as the
   * real extension would check them and rewritten into SQL the emulation accepts.
   */
  rewriteStatement?(statement: Statement): StatementRewrite | undefined;
  /** Where the signatures come from (documentation or install script URL). */
  source: string;
}
