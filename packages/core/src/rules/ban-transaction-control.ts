import type { Statement } from '../model';
import { transactionKind, type TransactionKind } from '../transaction-control';
import { NO_VIOLATIONS, type Rule, type RuleContext, type Violation } from './rule';
import { violation } from './sql';

type Control = Exclude<TransactionKind, 'savepoint'>;

/** Savepoints (SAVEPOINT, RELEASE, ROLLBACK TO) work inside the deploy's transaction and are not listed. */
function controlOf(statement: Statement): Control | undefined {
  const kind = transactionKind(statement);
  return kind === 'savepoint' ? undefined : kind;
}

/** The statement's first word(s) as written: BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT, ... */
function keyword(statement: Statement): string {
  const [first, second = ''] = statement.text.split(/\s+/, 2).map((word) => word.toUpperCase());
  return first === 'START' || first === 'PREPARE' || second === 'PREPARED' ? `${first} ${second}` : first;
}

const SPLIT_HINT =
  'Each migration already runs in one transaction. If parts must commit separately, split the file into one migration per part; ' +
  'if the file must manage its own transactions, start it with `-- transaction: none` (its statements then run one by one, and ' +
  'BEGIN ... COMMIT groups them).';

/** What happens to the statements after a COMMIT or ROLLBACK at `statement`. */
function aftermath(statement: Statement, statements: readonly Statement[]): string {
  const following = statements.length - 1 - statement.index;
  if (following === 0) return 'and the history row is then written in a transaction of its own';
  return `and ${following === 1 ? 'the statement after it runs' : `the ${following} statements after it run`} outside any transaction`;
}

function endMessage(statement: Statement, control: Control, statements: readonly Statement[], begin?: Statement): string {
  const word = keyword(statement);
  const block = begin ? `${keyword(begin)} ... ${word} (lines ${begin.line}-${statement.line}) does not make a transaction of its own: the deploy's is already open, so ${keyword(begin)} is ignored with a warning and ` : '';
  if (control === 'rollback') return `${block}${word} undoes everything before it in this migration and ends the deploy's transaction, ${aftermath(statement, statements)}.`;
  return `${block}${word} ends the deploy's transaction in the middle of the migration: what ran before it stays committed even if a later statement fails, ${aftermath(statement, statements)}.`;
}

/**
 * A file wrapped as a whole in BEGIN ... COMMIT: the deploy drops the wrapper and runs the rest in
 * its own transaction, and `supabase db push` runs it as one transaction too, so it is harmless.
 */
function unwrapped(statements: readonly Statement[]): readonly Statement[] {
  const last = statements[statements.length - 1];
  return statements.length >= 2 && controlOf(statements[0]) === 'begin' && controlOf(last) === 'commit' ? statements.slice(1, -1) : statements;
}

export const banTransactionControl: Rule = {
  id: 'ban-transaction-control',
  summary: 'BEGIN, COMMIT/END, ROLLBACK/ABORT or two-phase commit inside a migration that runs in a transaction.',
  rationale:
    'The deploy runs each migration in one transaction together with its history row, and `supabase db push` sends a file as one ' +
    'batch, which is one implicit transaction. A COMMIT (or END) inside the file commits what came before it there and then: if a ' +
    'later statement fails, the database keeps half the migration and the history says it never ran. ROLLBACK silently discards the ' +
    'first part; BEGIN is ignored with a warning and only sets up the next COMMIT. The deploy refuses new files that do this. A ' +
    'BEGIN ... COMMIT around the whole file is harmless (the deploy drops it) and not reported. An error.',
  safeAlternative: `Remove the BEGIN/COMMIT inside the file. ${SPLIT_HINT}`,
  defaultSeverity: 'error',
  checkMigration(context: RuleContext): Violation[] {
    const { directives, statements } = context.migration;
    if (!directives.transactional || !hasTransactionStatement(statements)) return NO_VIOLATIONS;
    return transactionControlViolations(context, statements);
  },
};

/** Most files have no transaction statement: an indexed loop tells, before the walk and its closure (see sql.ts). */
function hasTransactionStatement(statements: readonly Statement[]): boolean {
  for (let i = 0; i < statements.length; i++) if (statements[i].kind === 'TransactionStmt') return true;
  return false;
}

function transactionControlViolations(context: RuleContext, statements: readonly Statement[]): Violation[] {
  const report = (statement: Statement, message: string) => violation(context, statement, undefined, message, SPLIT_HINT);
  const violations: Violation[] = [];
  let open: Statement | undefined;
  for (const statement of unwrapped(statements)) {
    const control = controlOf(statement);
    if (control === 'begin') {
      if (open) violations.push(report(statement, `${keyword(statement)} inside the open ${keyword(open)} of line ${open.line} is ignored with a warning.`));
      open ??= statement;
    } else if (control === 'commit' || control === 'rollback') {
      // A BEGIN ... COMMIT block is one finding, at its BEGIN.
      violations.push(report(open ?? statement, endMessage(statement, control, statements, open)));
      open = undefined;
    } else if (control === 'two-phase') {
      violations.push(report(statement, `${keyword(statement)} is two-phase commit, which takes the transaction away from the deploy that opened it.`));
    }
  }
  if (open) {
    violations.push(report(open, `${keyword(open)} without a COMMIT in this file is ignored with a warning inside the deploy's transaction; with \`supabase db push\` it leaves a transaction open on the connection for the next file.`));
  }
  return violations;
}
