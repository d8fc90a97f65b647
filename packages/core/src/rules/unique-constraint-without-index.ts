import { NO_VIOLATIONS, type Rule, type Violation } from './rule';
import { alterTableOf, columnConstraints, strings, violation } from './sql';

export const uniqueConstraintWithoutIndex: Rule = {
  id: 'unique-constraint-without-index',
  summary: 'UNIQUE or PRIMARY KEY added to an existing table without USING INDEX.',
  rationale:
    'Adding a UNIQUE or PRIMARY KEY constraint builds its index while holding an ACCESS EXCLUSIVE lock, blocking reads and ' +
    'writes for the whole build. Building the unique index CONCURRENTLY first and attaching it with USING INDEX makes the ' +
    'constraint step instant. A warning: on a small table the build is quick.',
  safeAlternative:
    'CREATE UNIQUE INDEX CONCURRENTLY <index> ON <table> (<columns>) in a `-- transaction: none` migration, then ' +
    'ALTER TABLE <table> ADD CONSTRAINT <name> UNIQUE USING INDEX <index> (or PRIMARY KEY USING INDEX, with the columns already NOT NULL).',
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
        if ((c?.contype !== 'CONSTR_UNIQUE' && c?.contype !== 'CONSTR_PRIMARY') || c.indexname) continue;
        const kind = c.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'PRIMARY KEY';
        const columns = strings(c.keys);
        const ready = context.state.concurrentUniqueIndexOn(alter.table, columns);
        const hint = ready
          ? `The unique index ${ready.name} already covers (${columns.join(', ')}): ALTER TABLE ${alter.table} ADD CONSTRAINT ${c.conname ?? '<name>'} ${kind} USING INDEX ${ready.name.split('.')[1]}.`
          : undefined;
        violations.push(violation(context, statement, c.location, `Adding ${kind} (${columns.join(', ')}) to ${alter.table} builds a unique index under an ACCESS EXCLUSIVE lock.`, hint));
      } else if (cmd.subtype === 'AT_AddColumn') {
        for (const c of columnConstraints(cmd.def?.ColumnDef).filter((c) => c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY')) {
          const kind = c.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'PRIMARY KEY';
          violations.push(
            violation(context, statement, c.location, `The inline ${kind} on new column ${alter.table}.${cmd.def.ColumnDef.colname} builds a unique index under an ACCESS EXCLUSIVE lock.`),
          );
        }
      }
    }
    return violations;
  },
};
