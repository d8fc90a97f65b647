import type { Statement } from '../model';
import { NO_VIOLATIONS, type Rule } from './rule';
import { violation } from './sql';

/** Session and transaction control are scaffolding around the change, not part of its size. */
const SCAFFOLDING = new Set(['VariableSetStmt', 'VariableShowStmt', 'TransactionStmt']);

export const maxStatementsPerMigration: Rule = {
  id: 'max-statements-per-migration',
  summary: 'More statements in one migration than `maxStatementsPerMigration` (default 12) allows.',
  rationale:
    'A migration is the unit that is reviewed, deployed, and retried or reverted as a whole. Long migrations hold their locks ' +
    'longer (a transaction keeps every lock until commit), are harder to review, and fail halfway with more to untangle. SET and ' +
    'BEGIN/COMMIT do not count. A warning; the limit is configurable.',
  safeAlternative: 'Split the file into several migrations that each make one change, or raise `maxStatementsPerMigration` in .migration-gate.json.',
  defaultSeverity: 'warning',
  checkMigration(context) {
    const limit = context.config.maxStatementsPerMigration;
    // Counted in place, without a filtered copy of every checked migration's statements (see sql.ts on loops).
    let counted = 0;
    let firstOver: Statement | undefined;
    const statements = context.migration.statements;
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i];
      if (SCAFFOLDING.has(statement.kind)) continue;
      if (counted === limit) firstOver = statement;
      counted++;
    }
    if (counted <= limit) return NO_VIOLATIONS;
    return [violation(context, firstOver!, undefined, `This migration has ${counted} statements; the limit is ${limit}. This is statement ${limit + 1}.`)];
  },
};
