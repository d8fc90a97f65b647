import { checkOverrideReason, decideOverride, parseList, roleMeetsMinimum } from '../../../packages/core/src/production/override';

const policy = { minimumRole: 'maintain', users: ['oncall-bot'], teams: ['acme/dba'] };

describe('emergency override policy', () => {
  it('allows maintainers and admins, refuses writers and readers', () => {
    expect(decideOverride({ actor: 'ann', roleName: 'admin', policy, memberOfTeams: [] })).toEqual({ allowed: true, basis: 'ann has the admin role (minimum maintain)' });
    expect(decideOverride({ actor: 'max', roleName: 'maintain', policy, memberOfTeams: [] }).allowed).toBe(true);
    expect(decideOverride({ actor: 'rita', roleName: 'read', policy, memberOfTeams: [] })).toEqual({
      allowed: false,
      basis: 'rita has the read role, below the required maintain and is not in acme/dba',
    });
    expect(decideOverride({ actor: 'will', roleName: 'write', policy, memberOfTeams: [] }).allowed).toBe(false);
  });

  it('allows listed users and team members whatever their role', () => {
    expect(decideOverride({ actor: 'OnCall-Bot', roleName: 'read', policy, memberOfTeams: [] }).basis).toBe('OnCall-Bot is in override-users');
    expect(decideOverride({ actor: 'dana', roleName: 'write', policy, memberOfTeams: ['acme/dba'] }).basis).toBe('dana is a member of acme/dba');
  });

  it('does not let custom roles through by accident, and rejects a nonsense minimum', () => {
    expect(roleMeetsMinimum('security-auditor', 'maintain')).toBe(false);
    expect(() => roleMeetsMinimum('admin', 'owner')).toThrow('override-permission "owner" is not a repository role');
  });

  it('requires a bounded, non-empty reason', () => {
    expect(checkOverrideReason('   ')).toBe('An emergency override needs a reason: set the input "override-reason" to why this cannot wait for staging.');
    expect(checkOverrideReason(undefined)).toMatch(/needs a reason/);
    expect(checkOverrideReason('x'.repeat(501))).toMatch(/501 characters/);
    expect(checkOverrideReason('payments down, fix in #123')).toBeUndefined();
  });

  it('parses comma or space separated lists', () => {
    expect(parseList(' a, b  c ,')).toEqual(['a', 'b', 'c']);
    expect(parseList(undefined)).toEqual([]);
  });
});
