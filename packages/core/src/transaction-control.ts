/**
 * What a statement does to the transaction it runs in: shared by the deploy plan (which refuses
 * new files that control their own transactions), the dry-run (which replays such files as
 * `supabase db push` sends them) and the lint rule that explains why.
 */
import type { Statement } from './model';

export type TransactionKind = 'begin' | 'commit' | 'rollback' | 'savepoint' | 'two-phase';

const KINDS: Record<string, TransactionKind> = {
  TRANS_STMT_BEGIN: 'begin',
  TRANS_STMT_START: 'begin',
  TRANS_STMT_COMMIT: 'commit',
  TRANS_STMT_ROLLBACK: 'rollback',
  TRANS_STMT_SAVEPOINT: 'savepoint',
  TRANS_STMT_RELEASE: 'savepoint',
  TRANS_STMT_ROLLBACK_TO: 'savepoint',
  TRANS_STMT_PREPARE: 'two-phase',
  TRANS_STMT_COMMIT_PREPARED: 'two-phase',
  TRANS_STMT_ROLLBACK_PREPARED: 'two-phase',
};

/** The statement's effect on the transaction, or undefined when it is not transaction control. */
export function transactionKind(statement: Statement): TransactionKind | undefined {
  if (statement.kind !== 'TransactionStmt') return undefined;
  return KINDS[String(statement.node?.kind)] ?? 'commit';
}
