import type { Rule } from './rule';
import { alterTableOf, violation } from './sql';

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
    if (!alter || !alter.commands.some((cmd) => cmd.subtype === 'AT_EnableRowSecurity')) return [];
    context.afterAll((finalState) => {
      const final = finalState.tableTargetedBy(statement);
      if (!final || !final.rowLevelSecurity || final.policies.size > 0) return [];
      return [violation(context, statement, undefined, `Row level security is enabled on ${alter.table} but no checked migration creates a policy for it, so API users can neither read nor write it.`)];
    });
    return [];
  },
};
