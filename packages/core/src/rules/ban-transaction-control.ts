import type { Statement } from '../model';
import type { Rule, RuleContext, Violation } from './rule';
import { violation } from './sql';

type Control = 'begin' | 'commit' | 'rollback' | 'two-phase';

const CONTROLS: Record<string, Control> = {
  TRANS_STMT_BEGIN: 'begin',
  TRANS_STMT_START: 'begin',
  TRANS_STMT_COMMIT: 'commit',
  TRANS_STMT_ROLLBACK: 'rollback',
  TRANS_STMT_PREPARE: 'two-phase',
  TRANS_STMT_COMMIT_PREPARED: 'two-phase',
  TRANS_STMT_ROLLBACK_PREPARED: 'two-phase',
};

/** Savepoints (SAVEPOINT, RELEASE, ROLLBACK TO) work inside the deploy's transaction and are not listed. */
function controlOf(statement: Statement): Control | undefined {
  return statement.kind === 'TransactionStmt' ? CONTROLS[statement.node.kind] : undefined;
}

const SPLIT_HINT =
  'Each migration already runs in one transaction. If parts must commit separately, split the file into one migration per part; ' +
  'if the file must manage its own transactions, start it with `-- transaction: none` (its statements then run one by one, and ' +
  'BEGIN ... COMMIT groups them).';

/** The statement's first word as written (BEGIN, START, COMMIT, END, ROLLBACK, ABORT, ...). */
function keyword(statement: Statement): string {
  const [first, second = ''] = statement.text.split(/\s+/, 2).map((word) => word.toUpperCase());
  return first === 'START' || first === 'PREPARE' || second === 'PREPARED' ? `${first} ${second}` : first;
}

function message(statement: Statement, control: Control, statements: Statement[]): string {
  const word = keyword(statement);
  const following = statements.length - 1 - statement.index;
  switch (control) {
    case 'begin':
      return `${word} opens a transaction inside the one the deploy runs this migration in: PostgreSQL ignores it with a warning, and a later COMMIT then ends the deploy's own transaction.`;
    case 'commit':
      return following > 0
        ? `${word} ends the deploy's transaction in the middle of the migration: what ran before it stays committed even if ${following === 1 ? 'the statement' : `one of the ${following} statements`} after it fails, and ${following === 1 ? 'that statement runs' : 'those run'} outside any transaction, apart from the history row.`
        : `${word} ends the deploy's transaction before the deploy records the migration, so the change and its history row are no longer committed together.`;
    case 'rollback':
      return `${word} undoes everything before it in this migration and ends the deploy's transaction; what follows runs outside any transaction.`;
    default:
      return `${word} is two-phase commit, which takes the transaction away from the deploy that opened it.`;
  }
}

/** A file wrapped in BEGIN ... COMMIT as a whole: one finding at the BEGIN, not two. */
function wrapper(statements: Statement[]): [Statement, Statement] | undefined {
  const first = statements[0];
  const last = statements[statements.length - 1];
  if (statements.length < 2 || controlOf(first) !== 'begin' || controlOf(last) !== 'commit') return undefined;
  return statements.slice(1, -1).some((s) => controlOf(s) !== undefined) ? undefined : [first, last];
}

export const banTransactionControl: Rule = {
  id: 'ban-transaction-control',
  summary: 'BEGIN, COMMIT/END, ROLLBACK/ABORT or two-phase commit inside a migration that runs in a transaction.',
  rationale:
    'The deploy runs each migration in one transaction together with its history row, and `supabase db push` sends a file as one ' +
    'batch, which is one implicit transaction. A COMMIT (or END) inside the file commits what came before it there and then: if a ' +
    'later statement fails, the database keeps half the migration and the history says it never ran. ROLLBACK silently discards the ' +
    'first part; BEGIN only warns and sets up the next COMMIT to end the transaction early. The deploy refuses new files that do this. ' +
    'An error.',
  safeAlternative: `Remove BEGIN/COMMIT. ${SPLIT_HINT.replace('Each migration already runs in one transaction. ', '')}`,
  defaultSeverity: 'error',
  checkMigration(context: RuleContext): Violation[] {
    const { directives, statements } = context.migration;
    if (!directives.transactional) return [];
    const wrapped = wrapper(statements);
    if (wrapped) {
      const [begin, commit] = wrapped;
      return [
        violation(
          context,
          begin,
          undefined,
          `This migration wraps itself in ${keyword(begin)} ... ${keyword(commit)} (line ${commit.line}). The deploy already runs each migration in one transaction with its history row, and refuses new files that control transactions themselves.`,
          `Delete the ${keyword(begin)} and ${keyword(commit)} lines; the deploy commits the migration and its history row together.`,
        ),
      ];
    }
    return statements.flatMap((statement) => {
      const control = controlOf(statement);
      return control ? [violation(context, statement, undefined, message(statement, control, statements), SPLIT_HINT)] : [];
    });
  },
};
