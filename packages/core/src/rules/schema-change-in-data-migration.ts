import type { Statement } from '../model';
import type { SchemaState } from './schema-state';
import { NO_VIOLATIONS, type Rule } from './rule';
import { qualifiedFromParts, statementLabel, strings, violation, type PgNode } from './sql';

/** Statements that read or change rows, or steer the session, rather than change the schema. */
const DATA_STATEMENTS = new Set([
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CopyStmt',
  'SelectStmt',
  'TruncateStmt',
  'DoStmt',
  'CallStmt',
  'LockStmt',
  'VacuumStmt',
  'RefreshMatViewStmt',
  'NotifyStmt',
  'ExplainStmt',
  'VariableSetStmt',
  'VariableShowStmt',
  'TransactionStmt',
  'DiscardStmt',
  'PrepareStmt',
  'ExecuteStmt',
  'DeallocateStmt',
  'DeclareCursorStmt',
  'FetchStmt',
  'ClosePortalStmt',
]);

/** Temporary scratch tables (create, and drop again) are working space for a data migration. */
function isScratchTableStatement(statement: Statement, state: SchemaState): boolean {
  const node = statement.node;
  if (statement.kind === 'CreateStmt') return node.relation?.relpersistence === 't';
  if (statement.kind === 'CreateTableAsStmt') return node.into?.rel?.relpersistence === 't';
  if (statement.kind === 'DropStmt' && node.removeType === 'OBJECT_TABLE') {
    return (node.objects ?? []).every((o: PgNode) => state.table(qualifiedFromParts(strings(o.List?.items)))?.temporary === true);
  }
  return false;
}

export const schemaChangeInDataMigration: Rule = {
  id: 'schema-change-in-data-migration',
  summary: 'DDL (CREATE, ALTER, DROP, ...) in a migration marked `-- kind: data`.',
  rationale:
    'Data migrations are the ones that may run long, in batches, or be re-run; a schema change inside one takes DDL locks for ' +
    'that whole time and mixes two kinds of risk in one file. Temporary scratch tables are allowed. Reported once per file, as a warning.',
  safeAlternative: 'Move the schema change to its own schema migration (the default kind), ordered before or after the data migration as needed.',
  defaultSeverity: 'warning',
  oncePerMigration: true,
  checkStatement(statement, context) {
    if (context.migration.directives.kind !== 'data' || DATA_STATEMENTS.has(statement.kind) || isScratchTableStatement(statement, context.state)) return NO_VIOLATIONS;
    return [violation(context, statement, undefined, `${statementLabel(statement)} changes the schema inside a data migration.`)];
  },
};
