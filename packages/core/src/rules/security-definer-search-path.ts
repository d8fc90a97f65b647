import type { Rule } from './rule';
import { securityDefinerSites } from './security-definer';
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
  supabaseOnly: true,
  checkStatement(statement, context) {
    return securityDefinerSites(statement, context)
      .filter((site) => !site.pinsSearchPath && site.final?.securityDefiner && !site.final.searchPathPinned)
      .map((site) => violation(context, statement, site.location, `SECURITY DEFINER function ${site.name} does not pin search_path, and no later migration does.`));
  },
};
