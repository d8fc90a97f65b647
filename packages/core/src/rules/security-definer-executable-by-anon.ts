import type { Statement } from '../model';
import { NO_VIOLATIONS, type Rule, type RuleContext } from './rule';
import { SECURITY_DEFINER_KINDS, securityDefinerSites, type SecurityDefinerSite } from './security-definer';
import { schemaOf, violation } from './sql';

export const securityDefinerExecutableByAnon: Rule = {
  id: 'security-definer-executable-by-anon',
  summary: 'SECURITY DEFINER function in an exposed schema that anon can execute.',
  rationale:
    'PostgREST exposes every function in an exposed schema as /rpc/<name>, and Supabase\'s default privileges grant EXECUTE on new ' +
    'functions to anon directly, so anyone with the public anon key can call it, with the owner\'s rights and no RLS. Revoking ' +
    'from PUBLIC is not enough, because anon holds its own grant. Trigger functions and procedures cannot be called this way and are not reported. ' +
    'A warning: some functions are meant to be public, which `gate:allow` can record.',
  safeAlternative:
    'REVOKE EXECUTE ON FUNCTION <name>(<args>) FROM anon (and from PUBLIC), granting it to authenticated only if needed; or move ' +
    'the function to a schema that is not exposed, or make it SECURITY INVOKER.',
  defaultSeverity: 'warning',
  kinds: SECURITY_DEFINER_KINDS,
  supabaseOnly: true,
  checkStatement(statement, context) {
    const sites = securityDefinerSites(statement, context);
    if (sites.length > 0) checkAnonExecuteAtEnd(statement, context, sites);
    return NO_VIOLATIONS;
  },
};

/** A helper, so that the `afterAll` closure is built for SECURITY DEFINER functions only (see sql.ts). */
function checkAnonExecuteAtEnd(statement: Statement, context: RuleContext, sites: SecurityDefinerSite[]): void {
  const exposed = new Set(context.config.exposedSchemas);
  context.afterAll((finalState) =>
    sites.flatMap((site) => {
      const final = site.final(finalState);
      if (!final?.securityDefiner || !final.anonCanExecute || final.returnsTrigger || final.isProcedure || !exposed.has(schemaOf(final.name))) return [];
      const onlyPublic = final.publicExecuteRevoked ? ' EXECUTE was revoked from PUBLIC, but anon keeps its own grant from Supabase\'s default privileges.' : '';
      return [violation(context, statement, site.location, `Anyone with the anon key can call SECURITY DEFINER function ${site.name} through the API; no later migration revokes EXECUTE from anon.${onlyPublic}`)];
    }),
  );
}
