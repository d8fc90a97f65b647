/**
 * The contract every lint rule implements. One rule per file in this folder; `index.ts` lists them.
 */
import type { GateConfig } from '../config';
import type { MigrationFile, Severity, Statement } from '../model';
import type { SchemaState } from './schema-state';

export interface RuleDocs {
  /** Stable id used in config files, `gate:allow` directives and reports, e.g. `ban-drop-table`. */
  id: string;
  /** One line: what the rule reports. */
  summary: string;
  /** Why it matters on a live database (locks, rewrites, data loss, exposure). */
  rationale: string;
  /** What to write instead. */
  safeAlternative: string;
  defaultSeverity: Severity;
  /** Only applies to Supabase projects (auth roles, RLS exposure through PostgREST). */
  supabaseOnly?: boolean;
}

/** What a rule reports; the engine adds file, severity and rule id. */
export interface Violation {
  message: string;
  line: number;
  column: number;
  hint?: string;
}

/**
 * What a check returns when it finds nothing, which is nearly always: one shared array instead of
 * a fresh `[]` from every rule for every statement (a good part of a lint run's garbage, on a pass
 * that runs once per process). Frozen, so that code adding to a result fails loudly instead of
 * reporting into every other check's.
 */
export const NO_VIOLATIONS: Violation[] = Object.freeze([]) as unknown as Violation[];

export interface RuleContext {
  migration: MigrationFile;
  config: GateConfig;
  /** What is known before the statement being checked (or after the file's statements, for file rules). */
  state: SchemaState;
  /**
   * Schedules a check that needs to know what later migrations did ("is RLS enabled in a later
   * file?", "does a later migration pin search_path?"). It runs once every migration was walked,
   * with the state at that point; tables and functions carry the same `id` there as in `state`, so
   * a check can follow an object through later renames. Its violations are reported with the
   * statement's own. One walk serves both, instead of a second pass over every migration.
   */
  afterAll(check: (finalState: SchemaState) => Violation[]): void;
  isSupabase: boolean;
  /** 1-based line and column of a byte offset into the migration file (the parser's `location`). */
  locate(byteOffset: number): { line: number; column: number };
}

/**
 * What a rule's finding predicts that the dry-run can observe on a real server: a table rewrite
 * (new storage, under an ACCESS EXCLUSIVE lock) or an ACCESS EXCLUSIVE lock on an existing table.
 * When the dry-run sees it on the same statement, the report shows one finding with both.
 */
export type LockPrediction = 'rewrite' | 'access-exclusive';

export interface Rule extends RuleDocs {
  predicts?: LockPrediction;
  /** Report only the first violation in each migration (e.g. "no lock_timeout before the first lock"). */
  oncePerMigration?: boolean;
  /**
   * The statement kinds (`Statement.kind`) `checkStatement` can report on; the engine calls it for
   * those only (for every statement when absent), so that each statement meets a handful of rules
   * rather than all of them.
   */
  kinds?: readonly string[];
  /** Called for each statement of a linted migration, in order. */
  checkStatement?(statement: Statement, context: RuleContext): Violation[];
  /** Called once per linted migration, after its statements were walked. */
  checkMigration?(context: RuleContext): Violation[];
}
