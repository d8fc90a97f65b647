import { NO_VIOLATIONS, type Rule } from './rule';
import { relationName, statementLabel, violation } from './sql';

const DATA_CHANGES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'CopyStmt']);

/** Supabase configuration kept in tables, which its docs create with INSERT in schema migrations. */
const SUPABASE_CONFIGURATION_TABLES = new Set(['storage.buckets']);

export const dataChangeInSchemaMigration: Rule = {
  id: 'data-change-in-schema-migration',
  summary: 'INSERT, UPDATE, DELETE, MERGE or COPY into an existing table in a schema migration.',
  rationale:
    'Schema changes should be quick and take locks briefly; a data change on an existing table can touch millions of rows, hold ' +
    'row locks for the whole migration and make it impossible to retry or roll back separately. Rows for a table created in the ' +
    'same migration (seed data for a lookup table) and Supabase storage buckets are part of the schema change and not reported. ' +
    'Reported once per file, as a warning.',
  safeAlternative:
    'Move data changes to their own migration marked `-- kind: data`, written to run in batches and to be safely re-run.',
  defaultSeverity: 'warning',
  kinds: [...DATA_CHANGES],
  oncePerMigration: true,
  checkStatement(statement, context) {
    if (context.migration.directives.kind !== 'schema' || !DATA_CHANGES.has(statement.kind)) return NO_VIOLATIONS;
    const relation = statement.node.relation;
    if (!relation || (statement.kind === 'CopyStmt' && !statement.node.is_from)) return NO_VIOLATIONS;
    const table = relationName(relation);
    if (!context.state.isExistingTable(table) || (context.isSupabase && SUPABASE_CONFIGURATION_TABLES.has(table))) return NO_VIOLATIONS;
    return [violation(context, statement, undefined, `${statementLabel(statement)} changes data in ${table} inside a schema migration.`)];
  },
};
