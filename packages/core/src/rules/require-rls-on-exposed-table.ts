import { NO_VIOLATIONS, type Rule } from './rule';
import { relationName, schemaOf, violation, type PgNode } from './sql';

/** The RangeVar of the table a statement creates, if it creates one. */
function createdRelation(kind: string, node: PgNode): PgNode | undefined {
  if (kind === 'CreateStmt') return node.relation;
  if (kind === 'CreateTableAsStmt' && node.objtype === 'OBJECT_TABLE') return node.into?.rel;
  if (kind === 'SelectStmt') return node.intoClause?.rel;
  return undefined;
}

export const requireRlsOnExposedTable: Rule = {
  id: 'require-rls-on-exposed-table',
  summary: 'Table left in an exposed schema (after any rename or SET SCHEMA) without row level security enabled in any checked migration.',
  rationale:
    'PostgREST serves every table in an exposed schema (by default `public`) to anyone holding the anon key, which ships in the ' +
    'client, and Supabase grants anon and authenticated full table privileges there: without RLS the table is world-readable ' +
    'and writable. An error: this is a data exposure, not a performance risk.',
  safeAlternative:
    'ALTER TABLE <table> ENABLE ROW LEVEL SECURITY in the same migration, with policies for who may read and write; or create the ' +
    'table in a schema that is not exposed.',
  defaultSeverity: 'error',
  kinds: ['CreateStmt', 'CreateTableAsStmt', 'SelectStmt'],
  supabaseOnly: true,
  checkStatement(statement, context) {
    const rangeVar = createdRelation(statement.kind, statement.node);
    if (!rangeVar || rangeVar.relpersistence === 't') return NO_VIOLATIONS;
    const created = relationName(rangeVar);
    // Follow the table to where the checked migrations leave it: renamed, or moved by SET SCHEMA.
    context.afterAll((finalState) => {
      const final = finalState.tableTargetedBy(statement);
      if (!final || final.rowLevelSecurity) return NO_VIOLATIONS;
      const schema = schemaOf(final.name);
      if (!context.config.exposedSchemas.includes(schema)) return NO_VIOLATIONS;
      const moved = created === final.name ? '' : ` (created as ${created}, later renamed or moved)`;
      return [
        violation(
          context,
          statement,
          rangeVar.location,
          `${final.name}${moved} is in the exposed schema ${schema} but no checked migration enables row level security on it, so the API serves it to anyone with the anon key.`,
          `ALTER TABLE ${final.name} ENABLE ROW LEVEL SECURITY; then CREATE POLICY ... for the access you intend.`,
        ),
      ];
    });
    return NO_VIOLATIONS;
  },
};
