import { NO_VIOLATIONS, type Rule } from './rule';
import { relationName, violation, type PgNode } from './sql';

export const requireConcurrentIndexCreation: Rule = {
  id: 'require-concurrent-index-creation',
  summary: 'CREATE INDEX or REINDEX on an existing table without CONCURRENTLY.',
  rationale:
    'A plain CREATE INDEX (or REINDEX) holds a SHARE lock on the table for the whole build: reads continue but every INSERT, ' +
    'UPDATE and DELETE waits, for minutes on a large table. CONCURRENTLY builds the index without blocking writes. A warning: ' +
    'on a small table the build is quick.',
  safeAlternative:
    'CREATE INDEX CONCURRENTLY (or REINDEX ... CONCURRENTLY) in its own migration with `-- transaction: none`, since CONCURRENTLY ' +
    'cannot run inside a transaction. For partitioned tables: CREATE INDEX ON ONLY the parent, build each partition concurrently, ' +
    'then ATTACH PARTITION the indexes.',
  defaultSeverity: 'warning',
  kinds: ['IndexStmt', 'ReindexStmt'],
  checkStatement(statement, context) {
    const node = statement.node;
    const state = context.state;
    if (statement.kind === 'IndexStmt') {
      const table = relationName(node.relation);
      // ON ONLY (inh = false) creates an empty, invalid index on a partitioned parent: instant.
      if (node.concurrent || node.relation.inh === false || !state.isExistingTable(table)) return NO_VIOLATIONS;
      return [violation(context, statement, undefined, `CREATE INDEX${node.idxname ? ` ${node.idxname}` : ''} on ${table} blocks writes to the table until the index is built.`)];
    }
    if (statement.kind === 'ReindexStmt') {
      if ((node.params ?? []).some((p: PgNode) => p.DefElem?.defname === 'concurrently')) return NO_VIOLATIONS;
      const target: string = node.relation ? relationName(node.relation) : (node.name ?? 'the database');
      if (node.kind === 'REINDEX_OBJECT_TABLE' && !state.isExistingTable(target)) return NO_VIOLATIONS;
      if (node.kind === 'REINDEX_OBJECT_INDEX' && state.indexCreatedInCurrentMigration(target)) return NO_VIOLATIONS;
      return [violation(context, statement, undefined, `REINDEX of ${target} blocks writes while the indexes are rebuilt.`)];
    }
    return NO_VIOLATIONS;
  },
};
