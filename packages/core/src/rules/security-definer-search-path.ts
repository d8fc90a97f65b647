import type { Statement } from '../model';
import { NO_VIOLATIONS, type Rule, type RuleContext } from './rule';
import { SECURITY_DEFINER_KINDS, securityDefinerSites, type SecurityDefinerSite } from './security-definer';
import { violation } from './sql';

export const securityDefinerSearchPath: Rule = {
  id: 'security-definer-search-path',
  summary: 'SECURITY DEFINER function without a pinned search_path.',
  rationale:
    'A SECURITY DEFINER function runs with its owner\'s privileges (on Supabase: postgres, which bypasses RLS) but resolves ' +
    'unqualified names through the caller\'s search_path, so a caller who can create objects in a schema on that path can make ' +
    'it run their code. Pinning search_path closes this. A warning: exploiting it needs CREATE rights somewhere on the path.',
  safeAlternative: "Add SET search_path = '' to the function and schema-qualify every name in its body (public.profiles, auth.uid()).",
  defaultSeverity: 'warning',
  kinds: SECURITY_DEFINER_KINDS,
  supabaseOnly: true,
  checkStatement(statement, context) {
    const sites = securityDefinerSites(statement, context);
    if (sites.length > 0) checkSearchPathsAtEnd(statement, context, sites);
    return NO_VIOLATIONS;
  },
};

/** A helper, so that the `afterAll` closure is built for SECURITY DEFINER functions only (see sql.ts). */
function checkSearchPathsAtEnd(statement: Statement, context: RuleContext, definerSites: SecurityDefinerSite[]): void {
  const sites = definerSites.filter((site) => !site.pinsSearchPath);
  if (sites.length === 0) return;
  context.afterAll((finalState) =>
    sites
      .filter((site) => {
        const final = site.final(finalState);
        return final?.securityDefiner && !final.searchPathPinned;
      })
      .map((site) => violation(context, statement, site.location, `SECURITY DEFINER function ${site.name} does not pin search_path, and no later migration does.`)),
  );
}
