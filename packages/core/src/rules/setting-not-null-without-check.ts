import { NO_VIOLATIONS, type Rule, type Violation } from './rule';
import { alterTableOf, strings, violation } from './sql';

export const settingNotNullWithoutCheck: Rule = {
  id: 'setting-not-null-without-check',
  summary: 'SET NOT NULL on an existing column without a validated CHECK (column IS NOT NULL) first.',
  rationale:
    'SET NOT NULL scans the whole table to prove there are no NULLs while holding an ACCESS EXCLUSIVE lock, blocking reads and ' +
    'writes for the length of the scan. Since PostgreSQL 12 the scan is skipped when a validated CHECK (column IS NOT NULL) ' +
    'constraint already proves it. A warning: on a small table the scan is short.',
  safeAlternative:
    'ADD CONSTRAINT <name> CHECK (<column> IS NOT NULL) NOT VALID; then, in a later migration, VALIDATE CONSTRAINT <name> ' +
    '(no blocking lock), SET NOT NULL (now instant) and DROP CONSTRAINT <name>.',
  defaultSeverity: 'warning',
  kinds: ['AlterTableStmt'],
  predicts: 'access-exclusive',
  checkStatement(statement, context) {
    const alter = alterTableOf(statement);
    const state = context.state;
    if (!alter || !state.isExistingTable(alter.table)) return NO_VIOLATIONS;
    const columns = state.table(alter.table)?.columns;
    const violations: Violation[] = [];
    for (const cmd of alter.commands) {
      // PostgreSQL 18's ADD CONSTRAINT ... NOT NULL col (without NOT VALID) scans just like SET NOT NULL.
      const notNullConstraint = cmd.subtype === 'AT_AddConstraint' && cmd.def?.Constraint?.contype === 'CONSTR_NOTNULL' && !cmd.def.Constraint.skip_validation ? cmd.def.Constraint : undefined;
      const column: string | undefined = cmd.subtype === 'AT_SetNotNull' ? cmd.name : notNullConstraint ? strings(notNullConstraint.keys)[0] : undefined;
      if (!column || columns?.get(column)?.notNull || state.hasValidatedNotNullCheck(alter.table, column)) continue;
      const check = `${alter.table.split('.')[1]}_${column}_not_null`;
      violations.push(
        violation(
          context,
          statement,
          notNullConstraint?.location,
          `${notNullConstraint ? 'Adding a NOT NULL constraint' : 'SET NOT NULL'} on ${alter.table}.${column} scans the whole table under an ACCESS EXCLUSIVE lock.`,
          `First: ALTER TABLE ${alter.table} ADD CONSTRAINT ${check} CHECK (${column} IS NOT NULL) NOT VALID; in a later migration: ` +
            `VALIDATE CONSTRAINT ${check}, then SET NOT NULL (no scan) and DROP CONSTRAINT ${check}.`,
        ),
      );
    }
    return violations;
  },
};
