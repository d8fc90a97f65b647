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

export interface RuleContext {
  migration: MigrationFile;
  config: GateConfig;
  /** What is known before the statement being checked (or before the file, for file rules). */
  state: SchemaState;
  isSupabase: boolean;
}

export interface Rule extends RuleDocs {
  /** Called for each statement of a linted migration, in order. */
  checkStatement?(statement: Statement, context: RuleContext): Violation[];
  /** Called once per linted migration, after its statements were walked. */
  checkMigration?(context: RuleContext): Violation[];
}
