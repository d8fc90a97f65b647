/**
 * Emergency override: who may use it and what it bypasses. Pure decisions; the permission and
 * team lookups are done by the caller through the GitHub client.
 */

export const MAX_REASON_LENGTH = 500;

/** Repository roles from least to most privileged (GitHub's role_name values). */
const ROLE_RANK: Record<string, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export type OverrideGate = 'staging-promotion' | 'lint' | 'drift';

/** What an override may skip; database safety (lock, transactions, timeouts) is never in this list. */
export const BYPASSABLE_GATES: readonly OverrideGate[] = ['staging-promotion', 'lint', 'drift'];

export interface OverridePolicy {
  /** Minimum repository role, e.g. `maintain` (admins qualify too). */
  minimumRole: string;
  users: string[];
  /** `org/team-slug` entries. */
  teams: string[];
}

export function parseList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Validates the stated reason: required, non-empty after trimming, bounded. Returns an error message or undefined. */
export function checkOverrideReason(reason: string | undefined): string | undefined {
  const trimmed = (reason ?? '').trim();
  if (!trimmed) return 'An emergency override needs a reason: set the input "override-reason" to why this cannot wait for staging.';
  if (trimmed.length > MAX_REASON_LENGTH) return `The override reason is ${trimmed.length} characters; keep it under ${MAX_REASON_LENGTH} and link to details.`;
  return undefined;
}

export function roleMeetsMinimum(roleName: string, minimumRole: string): boolean {
  const have = ROLE_RANK[roleName.toLowerCase()];
  const need = ROLE_RANK[minimumRole.toLowerCase()];
  if (need === undefined) throw new Error(`override-permission "${minimumRole}" is not a repository role (read, triage, write, maintain, admin).`);
  // Custom roles are unknown here: they only qualify through the users/teams allow-list.
  return have !== undefined && have >= need;
}

export interface OverrideDecision {
  allowed: boolean;
  /** How the actor qualified, or why not: for the audit row and the summary. */
  basis: string;
}

export function decideOverride(input: { actor: string; roleName: string; policy: OverridePolicy; memberOfTeams: string[] }): OverrideDecision {
  const { actor, roleName, policy, memberOfTeams } = input;
  if (policy.users.some((u) => u.toLowerCase() === actor.toLowerCase())) return { allowed: true, basis: `${actor} is in override-users` };
  if (roleMeetsMinimum(roleName, policy.minimumRole)) return { allowed: true, basis: `${actor} has the ${roleName} role (minimum ${policy.minimumRole})` };
  if (memberOfTeams.length) return { allowed: true, basis: `${actor} is a member of ${memberOfTeams.join(', ')}` };
  const teams = policy.teams.length ? ` and is not in ${policy.teams.join(', ')}` : '';
  return { allowed: false, basis: `${actor} has the ${roleName} role, below the required ${policy.minimumRole}${teams}` };
}
