import { NO_VIOLATIONS, type Rule } from './rule';
import { violation, type PgNode } from './sql';

export const banDropSchema: Rule = {
  id: 'ban-drop-schema',
  summary: 'DROP SCHEMA on a schema the migration did not create.',
  rationale:
    'A schema holds tables, functions and types; dropping it (especially with CASCADE) removes all of them and their data at once. ' +
    'An error by default because nothing about it can be undone.',
  safeAlternative: 'Drop the objects you mean to remove one by one, each after its users are gone, then drop the empty schema without CASCADE.',
  defaultSeverity: 'error',
  kinds: ['DropStmt'],
  checkStatement(statement, context) {
    if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_SCHEMA') return NO_VIOLATIONS;
    const cascade = statement.node.behavior === 'DROP_CASCADE';
    return (statement.node.objects ?? [])
      .map((o: PgNode) => o.String?.sval as string)
      .filter((schema: string) => !context.state.schemaCreatedInCurrentMigration(schema))
      .map((schema: string) =>
        violation(context, statement, undefined, `DROP SCHEMA ${schema}${cascade ? ' CASCADE removes the schema and everything in it' : ' removes the schema and the objects that depend on it'}.`),
      );
  },
};
