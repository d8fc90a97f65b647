import type { Statement } from '../model';
import { NO_VIOLATIONS, type Rule, type RuleContext } from './rule';
import type { EnumValueAddition } from './schema-state';
import { violation, walkNodes, type PgNode } from './sql';

interface EnumValueUse {
  value: string;
  type: string;
  location?: number;
}

/**
 * The first constant in the statement that is a value added earlier in this migration (a helper:
 * its closure stays off the path of every other statement, see sql.ts).
 */
function firstUseOfAddedValue(statement: Statement, context: RuleContext, added: ReadonlyMap<string, EnumValueAddition>): EnumValueUse | undefined {
  let use: EnumValueUse | undefined;
  walkNodes(statement.node, (type, body: PgNode) => {
    if (use || type !== 'A_Const' || !body.sval) return;
    const addition = added.get(body.sval.sval ?? '');
    // A type created in the same transaction may use its new values at once.
    if (addition && !context.state.enumCreatedInCurrentMigration(addition.type)) use = { value: addition.value, type: addition.type, location: body.location };
  });
  return use;
}

export const enumValueAddedAndUsed: Rule = {
  id: 'enum-value-added-and-used',
  summary: 'An enum value added with ALTER TYPE ... ADD VALUE is used later in the same transaction.',
  rationale:
    'PostgreSQL lets ALTER TYPE ... ADD VALUE run in a transaction (12+), but the new value cannot be used until that transaction ' +
    'commits: the migration fails with "unsafe use of new value". A literal equal to the new value after the ADD VALUE, in a ' +
    'migration that runs as one transaction, is taken as a use. An error: the migration cannot succeed as written.',
  safeAlternative:
    'Add the value in one migration and use it (defaults, data, checks, functions with SQL bodies) in a later one, or run the ' +
    'file with `-- transaction: none` so each statement commits on its own.',
  defaultSeverity: 'error',
  checkStatement(statement, context) {
    const added = context.state.enumValuesAddedInCurrentMigration;
    if (added.size === 0 || !context.migration.directives.transactional || statement.kind === 'AlterEnumStmt') return NO_VIOLATIONS;
    const use = firstUseOfAddedValue(statement, context, added);
    if (!use) return NO_VIOLATIONS;
    const addedOn = added.get(use.value)?.line;
    return [
      violation(
        context,
        statement,
        use.location,
        `'${use.value}' was added to enum ${use.type} on line ${addedOn} of this migration and cannot be used before that transaction commits.`,
      ),
    ];
  },
};
