import { NO_VIOLATIONS, type Rule } from './rule';
import { qualifiedFromParts, strings, violation, type PgNode } from './sql';

export const requireConcurrentIndexDeletion: Rule = {
  id: 'require-concurrent-index-deletion',
  summary: 'DROP INDEX without CONCURRENTLY.',
  rationale:
    'DROP INDEX takes an ACCESS EXCLUSIVE lock on the index\'s table; if a long query holds the table, the DROP waits and every ' +
    'query behind it queues too. DROP INDEX CONCURRENTLY waits for conflicting transactions without blocking others. A warning: ' +
    'the drop itself is quick once it has the lock.',
  safeAlternative: 'DROP INDEX CONCURRENTLY, one index per statement, in a migration with `-- transaction: none`.',
  defaultSeverity: 'warning',
  kinds: ['DropStmt'],
  predicts: 'access-exclusive',
  checkStatement(statement, context) {
    const node = statement.node;
    if (statement.kind !== 'DropStmt' || node.removeType !== 'OBJECT_INDEX' || node.concurrent) return NO_VIOLATIONS;
    return (node.objects ?? [])
      .map((o: PgNode) => qualifiedFromParts(strings(o.List?.items)))
      .filter((index: string) => !context.state.indexCreatedInCurrentMigration(index))
      // DROP INDEX IF EXISTS of an index the migrations already removed (with its table, say) is a no-op.
      .filter((index: string) => !(node.missing_ok && context.state.indexIsGone(index)))
      .map((index: string) => {
        const table = context.state.index(index)?.table;
        return violation(context, statement, undefined, `DROP INDEX ${index} locks ${table ?? 'its table'} in ACCESS EXCLUSIVE mode, blocking reads and writes while it waits.`);
      });
  },
};
