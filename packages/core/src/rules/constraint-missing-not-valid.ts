import { NO_VIOLATIONS, type Rule, type Violation } from './rule';
import { alterTableOf, columnConstraints, relationName, violation } from './sql';

export const constraintMissingNotValid: Rule = {
  id: 'constraint-missing-not-valid',
  summary: 'CHECK or FOREIGN KEY added to an existing table without NOT VALID, or validated in the transaction that added it.',
  rationale:
    'Adding a CHECK or FOREIGN KEY scans the whole table to validate existing rows while holding a lock that blocks writes ' +
    '(ACCESS EXCLUSIVE for CHECK; SHARE ROW EXCLUSIVE on both tables for a foreign key). Added NOT VALID, the constraint only ' +
    'applies to new rows and is instant; VALIDATE CONSTRAINT later scans under a lock that lets reads and writes continue, but ' +
    'only in a separate transaction, since the ADD\'s lock is held until commit. A warning: on a small table the scan is short.',
  safeAlternative:
    'ALTER TABLE ... ADD CONSTRAINT <name> ... NOT VALID in one migration, then ALTER TABLE ... VALIDATE CONSTRAINT <name> in a ' +
    'later migration (or a `-- transaction: none` file).',
  defaultSeverity: 'warning',
  kinds: ['AlterTableStmt'],
  predicts: 'access-exclusive',
  checkStatement(statement, context) {
    const alter = alterTableOf(statement);
    if (!alter || !context.state.isExistingTable(alter.table)) return NO_VIOLATIONS;
    const violations: Violation[] = [];
    for (const cmd of alter.commands) {
      if (cmd.subtype === 'AT_AddConstraint') {
        const c = cmd.def?.Constraint;
        if ((c?.contype === 'CONSTR_CHECK' || c?.contype === 'CONSTR_FOREIGN') && !c.skip_validation) {
          const name = c.conname ? ` ${c.conname}` : '';
          const message =
            c.contype === 'CONSTR_CHECK'
              ? `Adding CHECK${name} to ${alter.table} without NOT VALID scans the whole table while blocking reads and writes.`
              : `Adding FOREIGN KEY${name} to ${alter.table} without NOT VALID scans the whole table while blocking writes to it and to ${relationName(c.pktable)}.`;
          violations.push(violation(context, statement, c.location, message));
        }
      } else if (cmd.subtype === 'AT_AddColumn') {
        // An inline REFERENCES cannot be NOT VALID, and it is checked against every existing row.
        for (const c of columnConstraints(cmd.def?.ColumnDef).filter((c) => c.contype === 'CONSTR_FOREIGN')) {
          violations.push(
            violation(
              context,
              statement,
              c.location,
              `The inline REFERENCES ${relationName(c.pktable)} on new column ${alter.table}.${cmd.def.ColumnDef.colname} is validated against every existing row while blocking writes.`,
              'Add the column without REFERENCES, then ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, and VALIDATE it in a later migration.',
            ),
          );
        }
      } else if (cmd.subtype === 'AT_ValidateConstraint' && context.migration.directives.transactional && context.state.constraintAddedNotValidInCurrentMigration(alter.table, cmd.name)) {
        violations.push(
          violation(
            context,
            statement,
            undefined,
            `VALIDATE CONSTRAINT ${cmd.name} runs in the same transaction that added it NOT VALID, so the scan happens under the ADD's lock, which is held until commit.`,
            'Move VALIDATE CONSTRAINT to a later migration.',
          ),
        );
      }
    }
    return violations;
  },
};
