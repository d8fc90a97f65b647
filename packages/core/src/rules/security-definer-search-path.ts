import type { Rule } from './rule';
import { SECURITY_DEFINER_KINDS, securityDefinerSites } from './security-definer';
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
    const sites = securityDefinerSites(statement, context).filter((site) => !site.pinsSearchPath);
    if (sites.length === 0) return [];
    context.afterAll((finalState) =>
      sites
        .filter((site) => {
          const final = site.final(finalState);
          return final?.securityDefiner && !final.searchPathPinned;
        })
        .map((site) => violation(context, statement, site.location, `SECURITY DEFINER function ${site.name} does not pin search_path, and no later migration does.`)),
    );
    return [];
  },
};
