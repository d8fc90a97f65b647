import { NO_VIOLATIONS, type Rule } from './rule';
import { relationName, violation, type PgNode } from './sql';

export const banVacuumFullAndCluster: Rule = {
  id: 'ban-vacuum-full-and-cluster',
  summary: 'VACUUM FULL or CLUSTER on an existing table.',
  rationale:
    'Both rewrite the whole table into a new file and rebuild every index while holding an ACCESS EXCLUSIVE lock: no reads or ' +
    'writes until they finish, and twice the disk space meanwhile. An error by default: they are maintenance for a planned window, ' +
    'not part of a deploy.',
  safeAlternative:
    'Leave bloat to autovacuum, or run pg_repack / pg_squeeze (online rewrites) outside the migration. If a rewrite in a ' +
    'maintenance window is intended, record it with `-- gate:allow ban-vacuum-full-and-cluster <reason>`.',
  defaultSeverity: 'error',
  kinds: ['VacuumStmt', 'ClusterStmt'],
  predicts: 'rewrite',
  checkStatement(statement, context) {
    const node = statement.node;
    if (statement.kind === 'VacuumStmt') {
      if (!(node.options ?? []).some((o: PgNode) => o.DefElem?.defname === 'full')) return NO_VIOLATIONS;
      const relations: PgNode[] = (node.rels ?? []).map((r: PgNode) => r.VacuumRelation.relation);
      if (relations.length === 0) return [violation(context, statement, undefined, 'VACUUM FULL without a table rewrites every table in the database, each under an ACCESS EXCLUSIVE lock.')];
      return relations
        .filter((r) => context.state.isExistingTable(relationName(r)))
        .map((r) => violation(context, statement, r.location, `VACUUM FULL rewrites ${relationName(r)} under an ACCESS EXCLUSIVE lock.`));
    }
    if (statement.kind === 'ClusterStmt') {
      if (!node.relation) return [violation(context, statement, undefined, 'CLUSTER without a table re-clusters every previously clustered table, each under an ACCESS EXCLUSIVE lock.')];
      const table = relationName(node.relation);
      if (!context.state.isExistingTable(table)) return NO_VIOLATIONS;
      return [violation(context, statement, node.relation.location, `CLUSTER rewrites ${table} under an ACCESS EXCLUSIVE lock.`)];
    }
    return NO_VIOLATIONS;
  },
};
