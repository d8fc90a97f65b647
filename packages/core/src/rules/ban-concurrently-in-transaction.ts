import type { Statement } from '../model';
import { NO_VIOLATIONS, type Rule } from './rule';
import { alterTableOf, violation, type PgNode } from './sql';

/** An indexed loop rather than `some` with a closure: every ALTER TABLE of a checked migration is asked. */
function detachesConcurrently(commands: PgNode[] | undefined): boolean {
  if (!commands) return false;
  for (let i = 0; i < commands.length; i++) if (commands[i].subtype === 'AT_DetachPartition' && commands[i].def?.PartitionCmd?.concurrent) return true;
  return false;
}

/** The CONCURRENTLY form a statement uses, if any; all of them refuse to run in a transaction block. */
function concurrentOperation(statement: Statement): string | undefined {
  const node = statement.node;
  switch (statement.kind) {
    case 'IndexStmt':
      return node.concurrent ? 'CREATE INDEX CONCURRENTLY' : undefined;
    case 'DropStmt':
      return node.concurrent ? 'DROP INDEX CONCURRENTLY' : undefined;
    case 'ReindexStmt':
      return (node.params ?? []).some((p: PgNode) => p.DefElem?.defname === 'concurrently') ? 'REINDEX CONCURRENTLY' : undefined;
    case 'AlterTableStmt':
      return detachesConcurrently(alterTableOf(statement)?.commands) ? 'DETACH PARTITION CONCURRENTLY' : undefined;
    default:
      return undefined;
  }
}

export const banConcurrentlyInTransaction: Rule = {
  id: 'ban-concurrently-in-transaction',
  summary: 'A CONCURRENTLY operation in a migration that runs inside a transaction.',
  rationale:
    'CREATE/DROP/REINDEX ... CONCURRENTLY and DETACH PARTITION CONCURRENTLY cannot run inside a transaction block; PostgreSQL ' +
    'rejects them, so the deploy fails. Migrations run in one transaction unless the file says `-- transaction: none`. An error: ' +
    'the migration cannot succeed as written.',
  safeAlternative:
    'Put the statement in its own migration that starts with `-- transaction: none` (and no BEGIN/COMMIT around it). If it fails ' +
    'halfway, drop the INVALID index it leaves behind before retrying.',
  defaultSeverity: 'error',
  kinds: ['IndexStmt', 'DropStmt', 'ReindexStmt', 'AlterTableStmt'],
  checkStatement(statement, context) {
    const operation = concurrentOperation(statement);
    if (!operation) return NO_VIOLATIONS;
    if (context.migration.directives.transactional) {
      return [violation(context, statement, undefined, `${operation} cannot run inside a transaction, and this migration runs in one (no \`-- transaction: none\` directive).`)];
    }
    if (context.state.inExplicitTransaction) {
      return [violation(context, statement, undefined, `${operation} cannot run inside a transaction block, and this statement follows a BEGIN in the same file.`, 'Move it outside the BEGIN ... COMMIT block.')];
    }
    return NO_VIOLATIONS;
  },
};
