/**
 * Drafted forward fixes. Migration Gate never rolls back on its own: when a deploy fails part-way,
 * or an applied migration turns out unwanted, it drafts a new migration that undoes what the
 * statements' syntax trees allow, and lists what needs a human (data changes, drops, ...).
 * The draft is pure text for a reviewer; nothing here touches a database.
 */
import { isValidTimestamp, timestampVersion } from '../discovery';
import type { MigrationFile, Statement } from '../model';
import { redactPasswords } from '../redact';
import { htmlText, mdFence } from '../report/markdown-safe';
import { undoStatement, type StatementUndo } from './compensate';
import { CreatedObjects } from './created-objects';

export { quoteIdentifier } from './sql-text';

export interface ForwardFixOptions {
  /** When the draft is made; its version is this moment unless that would not sort last. Default: now. */
  now?: Date;
  /** The newest migration version in the project: the draft's version sorts after it. */
  latestVersion?: string;
  /**
   * The migration failed at this statement (0-based) in a run outside a transaction, so only the
   * statements before it took effect and only those are undone.
   */
  failedStatementIndex?: number;
}

export interface ManualStep {
  /** 1-based line of the statement in the original migration. */
  line: number;
  statement: string;
  reason: string;
}

export interface ForwardFixDraft {
  fileName: string;
  version: string;
  sql: string;
  /** Statements of the migration that the draft undoes with compensating SQL (wholly or in part). */
  compensated: number;
  /** Statements (or parts of them) the draft cannot undo, in file order; each is also a `-- MANUAL:` comment in `sql`. */
  manual: ManualStep[];
}

/** The lock timeout the deploy uses by default: fail fast instead of queueing traffic behind a DROP. */
const LOCK_TIMEOUT = "set lock_timeout = '5s'";
const MIGRATION_NAME_CHARACTERS = /[^A-Za-z0-9_.-]+/g;
const QUOTED_STATEMENT_LINES = 6;

function versionToDate(version: string): Date {
  const [year, month, day, hour, minute, second] = [0, 4, 6, 8, 10, 12].map((start, i) => Number(version.slice(start, start + (i === 0 ? 4 : 2))));
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

function checkedVersion(version: string, what: string): string {
  if (!/^\d{14}$/.test(version) || !isValidTimestamp(version)) throw new Error(`${what} "${version}" is not a 14-digit migration version (yyyymmddhhmmss, UTC).`);
  return version;
}

/** `now`, or one second after the newest of `after` when that is not earlier than `now`. */
export function nextVersion(now: Date, after: string[]): string {
  const candidate = timestampVersion(now);
  const newest = after.reduce((a, b) => (b > a ? b : a), '');
  if (newest < candidate) return candidate;
  return timestampVersion(new Date(versionToDate(newest).getTime() + 1000));
}

function draftName(migration: MigrationFile): string {
  // A migration's name may hold anything the CLI accepts (`pkg@name-1.0.1`); the draft's stays plain.
  const source = migration.version ? migration.name : migration.fileName.replace(/\.sql$/i, '').replace(/^[\d_-]+/, '');
  const name = source.replace(MIGRATION_NAME_CHARACTERS, '_') || 'migration';
  return `revert_${name}`;
}

/** One line of a statement for a comment: whitespace collapsed, long text shortened. */
function preview(statement: Statement, width = 80): string {
  const line = statement.text.replace(/\s+/g, ' ').trim();
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function location(migration: MigrationFile, statement: Statement): string {
  return `${migration.path}:${statement.line}`;
}

function quotedStatement(statement: Statement): string[] {
  const lines = statement.text.split('\n');
  const shown = lines.slice(0, QUOTED_STATEMENT_LINES).map((line) => `--   ${line}`.trimEnd());
  if (lines.length > QUOTED_STATEMENT_LINES) shown.push(`--   … (${lines.length - QUOTED_STATEMENT_LINES} more lines)`);
  return shown;
}

function statementBlock(migration: MigrationFile, statement: Statement, outcome: StatementUndo): string[] {
  const where = location(migration, statement);
  const lines: string[] = [];
  if (outcome.sql.length > 0) {
    lines.push(`-- undoes ${where}  ${preview(statement)}`);
    for (const caution of outcome.cautions) lines.push(`-- REVIEW: ${caution}`);
    for (const sql of outcome.sql) lines.push(`${sql};`);
  }
  if (outcome.manualReason) {
    lines.push(`-- MANUAL: ${where} — ${outcome.manualReason}`, ...quotedStatement(statement));
  }
  if (outcome.coveredBecause) lines.push(`-- ${where}  ${preview(statement)} — nothing to undo: ${outcome.coveredBecause}`);
  if (outcome.nothingToUndo) lines.push(`-- ${where}  ${preview(statement)} — nothing to undo: ${outcome.nothingToUndo}`);
  return lines;
}

/** Postgres keeps the half-built index of a failed concurrent build, marked INVALID; it still slows every write. */
function leavesInvalidIndex(statement: Statement): boolean {
  return statement.kind === 'IndexStmt' && !!statement.node.concurrent && !!statement.node.idxname;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

interface HeaderFacts {
  ran: Statement[];
  failedStatementIndex?: number;
  needingManualWork: Statement[];
  cautions: number;
  outsideTransaction: boolean;
}

function header(migration: MigrationFile, facts: HeaderFacts): string[] {
  const { ran, failedStatementIndex, needingManualWork: manual } = facts;
  const lines = [
    `-- DRAFT forward fix for ${migration.fileName} — review before committing. Generated by migration-gate draft-fix.`,
    '--',
    '-- Derived from the syntax tree of each statement the migration ran, undoing them in reverse order.',
    '-- Data changes cannot be reversed automatically: rows it inserted, updated or deleted, and data in',
    '-- columns or tables it dropped, are not restored. Dropping what it created also deletes any data',
    '-- written there since it ran.',
  ];
  if (failedStatementIndex !== undefined) {
    const failed = migration.statements[failedStatementIndex];
    if (!failed) lines.push('-- It failed after its last statement ran, so all of them are undone.');
    else {
      lines.push(`-- It failed at statement ${failedStatementIndex + 1} (${location(migration, failed)}); only the ${plural(ran.length, 'statement')} before it ran, so only those are undone`);
      lines.push(leavesInvalidIndex(failed) ? '-- (and the INVALID index its failed concurrent build left behind).' : '-- (the failed statement itself was rolled back).');
    }
  }
  lines.push('--');
  if (manual.length === 0) {
    lines.push('-- Needs manual work: none.');
  } else {
    lines.push(`-- Needs manual work (${manual.length}), marked MANUAL below:`);
    for (const statement of manual) lines.push(`--   - ${location(migration, statement)}  ${preview(statement)}`);
  }
  if (facts.cautions > 0) lines.push(`-- Check the ${plural(facts.cautions, 'REVIEW note')}: there the draft may undo more than this migration did.`);
  if (facts.outsideTransaction) {
    lines.push('--', '-- DROP INDEX CONCURRENTLY cannot run inside a transaction, so this migration runs statement by statement:', '-- transaction: none');
  }
  return lines;
}

/**
 * Drafts the migration that undoes `migration` (or the part of it that ran). Requires
 * `loadParser()` to have resolved; throws when the migration did not parse or an option is invalid.
 */
export function draftForwardFix(migration: MigrationFile, options: ForwardFixOptions = {}): ForwardFixDraft {
  if (!migration.parsed) throw new Error(`${migration.path} did not parse, so no forward fix can be drafted from its syntax tree.`);
  const { failedStatementIndex } = options;
  if (failedStatementIndex !== undefined && (!Number.isInteger(failedStatementIndex) || failedStatementIndex < 0 || failedStatementIndex > migration.statements.length)) {
    throw new RangeError(`failedStatementIndex ${failedStatementIndex} is not a statement of ${migration.path} (it has ${migration.statements.length}).`);
  }
  const mustSortAfter: string[] = [];
  if (migration.version) mustSortAfter.push(migration.version);
  if (options.latestVersion !== undefined) mustSortAfter.push(checkedVersion(options.latestVersion, 'latestVersion'));
  const version = nextVersion(options.now ?? new Date(), mustSortAfter);

  const ran = failedStatementIndex === undefined ? migration.statements : migration.statements.slice(0, failedStatementIndex);
  const created = new CreatedObjects();
  const outcomes = ran.map((statement) => ({ statement, outcome: undoStatement(statement, created) }));
  const failed = failedStatementIndex === undefined ? undefined : migration.statements[failedStatementIndex];
  if (failed && leavesInvalidIndex(failed)) outcomes.push({ statement: failed, outcome: undoStatement(failed, created) });
  const reversed = [...outcomes].reverse();

  const needingManualWork = outcomes.filter(({ outcome }) => outcome.manualReason);
  const outsideTransaction = outcomes.some(({ outcome }) => outcome.outsideTransaction);
  const blocks = reversed.map(({ statement, outcome }) => statementBlock(migration, statement, outcome).join('\n'));
  const headerLines = header(migration, {
    ran,
    failedStatementIndex,
    needingManualWork: needingManualWork.map(({ statement }) => statement),
    cautions: outcomes.reduce((sum, { outcome }) => sum + (outcome.sql.length > 0 ? outcome.cautions.length : 0), 0),
    outsideTransaction,
  });
  // The SET ends the header comment block, so nothing quoted below can be read as a directive.
  const sql = [headerLines.join('\n'), `${LOCK_TIMEOUT};`, ...blocks].join('\n\n') + '\n';

  return {
    fileName: `${version}_${draftName(migration)}.sql`,
    version,
    sql,
    compensated: outcomes.filter(({ outcome }) => outcome.sql.length > 0).length,
    manual: needingManualWork.map(({ statement, outcome }) => ({ line: statement.line, statement: statement.text, reason: outcome.manualReason as string })),
  };
}

/** Longest draft shown in a comment; the whole draft is in the job log and `migration-gate draft-fix`. */
export const MAX_DRAFT_IN_COMMENT = 20_000;

/** A collapsible block for a PR comment or job summary; the fence outgrows any backticks in the SQL. */
export function formatDraftForComment(draft: ForwardFixDraft): string {
  const counts = `${plural(draft.compensated, 'statement')} undone, ${plural(draft.manual.length, 'statement')} need${draft.manual.length === 1 ? 's' : ''} manual work`;
  const sql = redactPasswords(draft.sql.trimEnd());
  const shown = sql.length > MAX_DRAFT_IN_COMMENT ? `${sql.slice(0, MAX_DRAFT_IN_COMMENT)}\n-- … ${sql.length - MAX_DRAFT_IN_COMMENT} more characters: run "migration-gate draft-fix" for the whole draft` : sql;
  return [
    '<details>',
    `<summary>Draft forward fix <code>${htmlText(draft.fileName)}</code>: ${counts}</summary>`,
    '',
    'Nothing was rolled back automatically. This draft was derived from the migration’s syntax tree: review it, do the steps marked MANUAL, then commit it as a new migration.',
    '',
    mdFence(shown, 'sql'),
    '',
    '</details>',
    '',
  ].join('\n');
}
