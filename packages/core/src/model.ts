/**
 * Shared vocabulary of the core library. Everything here is plain data so that pure logic
 * (discovery, parsing, rules, planning, reporting) can be tested without any I/O.
 */

export type Severity = 'error' | 'warning' | 'notice';

export const SEVERITY_ORDER: Record<Severity, number> = { notice: 0, warning: 1, error: 2 };

/** Where a finding points. Lines and columns are 1-based, as editors and GitHub annotations count. */
export interface SourceLocation {
  /** Path as the user sees it: relative to the working directory / repository root, POSIX separators. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
}

export type FindingSource = 'file' | 'parser' | 'directive' | 'git' | 'lint' | 'dry-run' | 'deploy';

export interface Finding extends SourceLocation {
  ruleId: string;
  severity: Severity;
  message: string;
  /** What to do instead; shown under the message in every reporter. */
  hint?: string;
  source: FindingSource;
  /**
   * Set when the dry-run observed on a real server what this static finding predicted (the lock or
   * the rewrite): its own finding is folded into this one, and its message appended to `message`.
   */
  confirmedBy?: { ruleId: string; message: string };
  /** Set when a `-- gate:allow <rule> <reason>` directive silenced this finding. Suppressed findings never fail a run. */
  suppressed?: { reason: string; line: number };
}

export type MigrationKind = 'schema' | 'data';

export interface AllowDirective {
  ruleId: string;
  reason: string;
  line: number;
}

export interface Directives {
  dependsOn: { version: string; line: number }[];
  kind: MigrationKind;
  /** false when the file says `-- transaction: none`. */
  transactional: boolean;
  /** Line of the `-- transaction: none` directive, for pointing at it. */
  transactionLine?: number;
  allows: AllowDirective[];
}

export interface Statement {
  /** 0-based position in its file. */
  index: number;
  /** The SQL of the statement, without leading comments/whitespace, without the trailing semicolon. */
  text: string;
  line: number;
  column: number;
  endLine: number;
  /** Byte offsets into the UTF-8 file, as the parser reports them. */
  byteStart: number;
  byteEnd: number;
  /** Node type name, e.g. `CreateStmt`, `AlterTableStmt`. */
  kind: string;
  /** The parser's node for the statement (libpg-query JSON), i.e. `stmt[kind]`. */
  node: any;
}

export interface MigrationFile {
  /** Display path (relative to cwd when possible), POSIX separators. */
  path: string;
  absolutePath: string;
  fileName: string;
  /** The digits before the first underscore (normally a 14-digit UTC timestamp); empty for a file analysed on its own whose name is not a migration name. */
  version: string;
  /** The part after `<version>_`, without `.sql` (may be empty). */
  name: string;
  /** sha256 (hex) of the file's bytes. */
  checksum: string;
  sizeBytes: number;
  /** Decoded UTF-8 text; empty when the file is binary or not valid UTF-8. */
  text: string;
  directives: Directives;
  statements: Statement[];
  /** true when the SQL parsed cleanly (statements are complete). */
  parsed: boolean;
}

/** A `.sql` file of the migrations folder that the Supabase CLI does not apply. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface MigrationSet {
  directory: string;
  /** In the order the Supabase CLI applies them (file name, byte order). */
  migrations: MigrationFile[];
  skipped: SkippedFile[];
  /** Problems found while discovering and parsing (bad names, duplicates, syntax errors, ...). */
  findings: Finding[];
}
