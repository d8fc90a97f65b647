import type { Statement } from '../model';
import { NO_VIOLATIONS, type Rule, type RuleContext, type Violation } from './rule';
import { alterTableOf, columnConstraints, SERIAL_TYPES, typeName, violation, type AlterTable, type PgNode } from './sql';

/** Whether new rows of an added column get a value without the INSERT naming it. */
function hasGeneratedValue(columnDef: PgNode): boolean {
  if (SERIAL_TYPES.has(typeName(columnDef.typeName).name)) return true;
  return columnConstraints(columnDef).some((c) => {
    if (c.contype === 'CONSTR_IDENTITY' || c.contype === 'CONSTR_GENERATED') return true;
    return c.contype === 'CONSTR_DEFAULT' && !c.raw_expr?.A_Const?.isnull;
  });
}

export const addingRequiredField: Rule = {
  id: 'adding-required-field',
  summary: 'ADD COLUMN ... NOT NULL without a default on an existing table.',
  rationale:
    'Existing rows would have NULL in the new column, so the ALTER fails on any table that has rows; where it happens to pass ' +
    '(an empty table in staging), it fails in production, and every INSERT that does not name the column starts failing too. ' +
    'An error by default because the migration is broken, not merely slow.',
  safeAlternative:
    'Add the column with a constant DEFAULT (instant since PostgreSQL 11), or add it nullable, backfill it, and make it NOT NULL ' +
    'later through a validated CHECK constraint.',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  checkStatement(statement, context) {
    const alter = alterTableOf(statement);
    if (!alter || !context.state.isExistingTable(alter.table)) return NO_VIOLATIONS;
    return requiredColumnsAdded(statement, context, alter);
  },
};

/** A helper, so that its closures are built for existing tables only (see sql.ts). */
function requiredColumnsAdded(statement: Statement, context: RuleContext, alter: AlterTable): Violation[] {
  return alter.commands
    .filter((cmd) => cmd.subtype === 'AT_AddColumn' && cmd.def?.ColumnDef)
    .map((cmd) => cmd.def.ColumnDef)
    .filter((columnDef: PgNode) => {
      const required = columnConstraints(columnDef).some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
      return required && !hasGeneratedValue(columnDef);
    })
    .map((columnDef: PgNode) =>
      violation(context, statement, columnDef.location, `Column ${alter.table}.${columnDef.colname} is added NOT NULL without a default: the ALTER fails as soon as the table has rows.`),
    );
}
