import type { Statement } from '../model';
import { NO_VIOLATIONS, type Rule, type RuleContext } from './rule';
import { alterTableOf, violation, type PgNode } from './sql';

/** An indexed loop rather than `some` with a closure: every ALTER TABLE of a checked migration is asked. */
function enablesRowSecurity(commands: PgNode[]): boolean {
  for (let i = 0; i < commands.length; i++) if (commands[i].subtype === 'AT_EnableRowSecurity') return true;
  return false;
}

export const rlsEnabledWithoutPolicy: Rule = {
  id: 'rls-enabled-without-policy',
  summary: 'Row level security enabled on a table that no checked migration gives a policy.',
  rationale:
    'With RLS on and no policy, every API request sees no rows and every write is rejected: safe, but usually a forgotten policy ' +
    'that shows up as an empty screen after deploy. Only service_role and the owner get through. A notice, mirroring Supabase\'s ' +
    'own advisor: it fails closed.',
  safeAlternative: 'CREATE POLICY ... ON <table> for each role and command that should have access, in the same migration.',
  defaultSeverity: 'notice',
  kinds: ['AlterTableStmt'],
  supabaseOnly: true,
  checkStatement(statement, context) {
    const alter = alterTableOf(statement);
    if (!alter || !enablesRowSecurity(alter.commands)) return NO_VIOLATIONS;
    checkPoliciesAtEnd(statement, context, alter.table);
    return NO_VIOLATIONS;
  },
};

/** A helper, so that the `afterAll` closure is built for ENABLE ROW LEVEL SECURITY only (see sql.ts). */
function checkPoliciesAtEnd(statement: Statement, context: RuleContext, table: string): void {
  context.afterAll((finalState) => {
    const final = finalState.tableTargetedBy(statement);
    if (!final || !final.rowLevelSecurity || final.policies.size > 0) return NO_VIOLATIONS;
    return [violation(context, statement, undefined, `Row level security is enabled on ${table} but no checked migration creates a policy for it, so API users can neither read nor write it.`)];
  });
}
