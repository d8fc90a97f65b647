/**
 * Every rule against its fixtures: each `fires*.sql` must produce exactly the listed findings of
 * that rule (rule id, severity, line, column), and each `safe*.sql` must produce no finding at all,
 * from any rule, so the safe examples really are safe.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { GateConfig } from '../../../packages/core/src/config';
import type { Severity } from '../../../packages/core/src/model';
import { loadParser } from '../../../packages/core/src/parser';
import { ALL_RULES, ruleDocs } from '../../../packages/core/src/rules';
import { lintFixture, RULE_FIXTURES } from './fixtures';

type Position = [line: number, column: number];

interface RuleCase {
  severity: Severity;
  /** Expected findings of the rule per fixture file; safe files expect none (from any rule). */
  files: Record<string, Position[]>;
  config?: Partial<GateConfig>;
}

const CASES: Record<string, RuleCase> = {
  'ban-drop-table': { severity: 'error', files: { 'fires.sql': [[3, 1]], 'safe.sql': [] } },
  'ban-drop-column': { severity: 'error', files: { 'fires.sql': [[2, 1]], 'safe.sql': [] } },
  'ban-drop-schema': { severity: 'error', files: { 'fires.sql': [[2, 1]], 'safe.sql': [] } },
  'ban-truncate': { severity: 'error', files: { 'fires.sql': [[2, 16]], 'safe.sql': [] } },
  'adding-required-field': { severity: 'error', files: { 'fires.sql': [[2, 37]], 'safe.sql': [] } },
  'ban-concurrently-in-transaction': {
    severity: 'error',
    files: { 'fires.sql': [[2, 1]], 'fires-explicit-begin.sql': [[3, 1]], 'safe.sql': [] },
  },
  'enum-value-added-and-used': {
    severity: 'error',
    files: { 'fires.sql': [[4, 46]], 'safe.sql': [], 'safe-new-type.sql': [] },
  },
  'changing-column-type': {
    severity: 'error',
    files: { 'fires.sql': [[3, 42], [4, 46], [6, 42]], 'fires-renamed-enum.sql': [[4, 42]], 'safe.sql': [], 'safe-timestamptz-in-utc.sql': [] },
  },
  'adding-column-rewrites-table': {
    severity: 'error',
    files: { 'fires.sql': [[2, 59], [3, 44], [4, 62], [5, 55], [6, 50]], 'safe.sql': [] },
  },
  'setting-not-null-without-check': { severity: 'warning', files: { 'fires.sql': [[2, 1], [3, 33]], 'safe.sql': [] } },
  'constraint-missing-not-valid': {
    severity: 'warning',
    files: { 'fires.sql': [[2, 31], [3, 31], [4, 57], [6, 1]], 'safe.sql': [] },
  },
  'unique-constraint-without-index': { severity: 'warning', files: { 'fires.sql': [[2, 30], [3, 30], [4, 50]], 'safe.sql': [] } },
  'require-concurrent-index-creation': {
    severity: 'warning',
    files: { 'fires.sql': [[2, 1], [3, 1]], 'safe.sql': [], 'safe-new-table.sql': [] },
  },
  'require-concurrent-index-deletion': { severity: 'warning', files: { 'fires.sql': [[2, 1]], 'safe.sql': [] } },
  'ban-vacuum-full-and-cluster': { severity: 'error', files: { 'fires.sql': [[2, 13], [3, 9]], 'safe.sql': [] } },
  'ban-lock-table': { severity: 'warning', files: { 'fires.sql': [[2, 12]], 'safe.sql': [] } },
  'require-lock-timeout': {
    severity: 'warning',
    files: {
      'fires.sql': [[3, 1]],
      'fires-timeout-disabled.sql': [[3, 1]],
      'fires-local-outside-transaction.sql': [[3, 1]],
      'safe.sql': [],
      'safe-set-config.sql': [],
    },
  },
  'renaming-table': { severity: 'warning', files: { 'fires.sql': [[2, 13]], 'safe.sql': [] } },
  'renaming-column': { severity: 'warning', files: { 'fires.sql': [[2, 13]], 'safe.sql': [] } },
  'data-change-in-schema-migration': {
    severity: 'warning',
    files: { 'fires.sql': [[3, 1]], 'safe.sql': [], 'safe-data-kind.sql': [] },
  },
  'schema-change-in-data-migration': { severity: 'warning', files: { 'fires.sql': [[3, 1]], 'safe.sql': [] } },
  'max-statements-per-migration': {
    severity: 'warning',
    config: { maxStatementsPerMigration: 3 },
    files: { 'fires.sql': [[5, 1]], 'safe.sql': [] },
  },
  'one-change-per-migration': { severity: 'notice', files: { 'fires.sql': [[4, 1]], 'safe.sql': [] } },
  'require-rls-on-exposed-table': { severity: 'error', files: { 'fires.sql': [[1, 14]], 'safe.sql': [], 'safe-moved-to-private.sql': [] } },
  'rls-enabled-without-policy': { severity: 'notice', files: { 'fires.sql': [[2, 1]], 'safe.sql': [] } },
  'security-definer-search-path': {
    severity: 'warning',
    files: { 'fires.sql': [[3, 1]], 'safe.sql': [], 'safe-pinned-later.sql': [] },
  },
  'security-definer-executable-by-anon': {
    severity: 'warning',
    files: { 'fires.sql': [[3, 1]], 'safe.sql': [], 'safe-trigger.sql': [], 'safe-procedure.sql': [] },
  },
  'ban-anon-write-grant': { severity: 'warning', files: { 'fires.sql': [[1, 46], [3, 43], [4, 70]], 'safe.sql': [] } },
  'ban-drop-database': { severity: 'error', files: { 'fires.sql': [[2, 1]], 'safe.sql': [] } },
  'ban-alter-system': { severity: 'error', files: { 'fires.sql': [[1, 1]], 'safe.sql': [] } },
  'ban-server-file-and-program-access': { severity: 'error', files: { 'fires.sql': [[2, 1], [3, 1], [4, 8], [5, 1]], 'safe.sql': [] } },
  'ban-password-literal': { severity: 'error', files: { 'fires.sql': [[1, 29], [2, 27]], 'safe.sql': [] } },
  'ban-transaction-control': {
    severity: 'error',
    files: { 'fires.sql': [[3, 1]], 'fires-block.sql': [[2, 1]], 'safe.sql': [], 'safe-wrapped.sql': [] },
  },
  'identifier-too-long': { severity: 'warning', files: { 'fires.sql': [[2, 14], [3, 14], [4, 15]], 'safe.sql': [] } },
  'ban-drop-realtime-publication': { severity: 'error', files: { 'fires.sql': [[1, 1], [2, 1], [3, 1]], 'safe.sql': [] } },
};

beforeAll(() => loadParser());

describe.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  const ruleCase = CASES[id];

  it('has a test case', () => {
    expect(ruleCase).toBeDefined();
    expect(ruleCase.severity).toBe(rule.defaultSeverity);
  });

  for (const [file, expected] of Object.entries(ruleCase?.files ?? {})) {
    if (expected.length > 0) {
      it(`reports ${file} at ${expected.map(([l, c]) => `${l}:${c}`).join(', ')}`, () => {
        const { target, findings } = lintFixture(id, file, { isSupabase: Boolean(rule.supabaseOnly), config: ruleCase.config });
        const own = findings.filter((f) => f.ruleId === id);
        expect(own.map((f) => [f.line, f.column])).toEqual(expected);
        for (const f of own) {
          expect(f).toMatchObject({ severity: ruleCase.severity, file: target.path, source: 'lint' });
          expect(f.message.length).toBeGreaterThan(10);
          expect(f.hint?.length).toBeGreaterThan(10);
        }
      });
    } else {
      it(`finds nothing at all in ${file}`, () => {
        const { findings } = lintFixture(id, file, { isSupabase: Boolean(rule.supabaseOnly), config: ruleCase.config });
        expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}: ${f.message}`)).toEqual([]);
      });
    }
  }

  if (rule.supabaseOnly) {
    it('stays silent outside Supabase projects', () => {
      const firing = Object.keys(ruleCase.files).find((f) => ruleCase.files[f].length > 0) as string;
      const { findings } = lintFixture(id, firing, { isSupabase: false, config: ruleCase.config });
      expect(findings.filter((f) => f.ruleId === id)).toEqual([]);
    });
  }
});

describe('what findings say', () => {
  const messages = (id: string, file: string, options: { isSupabase?: boolean; config?: Partial<GateConfig> } = {}) =>
    lintFixture(id, file, { isSupabase: options.isSupabase ?? false, config: options.config }).findings.filter((f) => f.ruleId === id);

  it('changing-column-type names both types as they were at that point, after the old enum was renamed', () => {
    expect(messages('changing-column-type', 'fires-renamed-enum.sql').map((f) => f.message)).toEqual([
      'Changing public.accounts.mood from mood_old to mood with USING rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.',
    ]);
  });

  it.each([
    ['an unknown TimeZone', {}, "unless the server's TimeZone is UTC"],
    ['a configured non-UTC TimeZone', { config: { timeZone: 'Europe/Paris' } }, 'because the TimeZone is Europe/Paris (timeZone in the configuration)'],
  ])('changing-column-type reports timestamp to timestamptz for %s and says which case applies', (_label, options, expected) => {
    const lastSeen = messages('changing-column-type', 'fires.sql', options).filter((f) => f.line === 6);
    expect(lastSeen).toHaveLength(1);
    expect(lastSeen[0].message).toContain(expected);
  });

  it.each([
    ['a configured UTC TimeZone', { config: { timeZone: 'Etc/UTC' } }],
    ["a Supabase project (the platform's default is UTC)", { isSupabase: true }],
  ])('changing-column-type accepts timestamp to timestamptz for %s', (_label, options) => {
    expect(messages('changing-column-type', 'fires.sql', options).map((f) => f.line)).toEqual([3, 4]);
  });

  it('changing-column-type follows a SET TIME ZONE in the migration over the configuration', () => {
    expect(messages('changing-column-type', 'safe-timestamptz-in-utc.sql', { config: { timeZone: 'America/New_York' } })).toEqual([]);
  });

  it('ban-transaction-control reports a BEGIN ... COMMIT block inside the file once and says what the COMMIT does', () => {
    expect(messages('ban-transaction-control', 'fires-block.sql').map((f) => f.message)).toEqual([
      "BEGIN ... COMMIT (lines 2-4) does not make a transaction of its own: the deploy's is already open, so BEGIN is ignored with a warning and COMMIT ends the deploy's transaction in the middle of the migration: what ran before it stays committed even if a later statement fails, and the statement after it runs outside any transaction.",
    ]);
  });

  it('identifier-too-long shows the stored name, cut at a whole character, and names a collision', () => {
    const [email, sms, policy] = messages('identifier-too-long', 'fires.sql').map((f) => f.message);
    expect(email).not.toContain('collides');
    expect(sms).toContain('It collides with "reminders_by_customer_and_channel_for_the_yearly_renewal_notices_email"');
    // "é" would straddle the 63rd byte: PostgreSQL keeps 62 bytes.
    expect(policy).toBe(
      '"Customers read the reminders of each channel they chose in café settings" is 73 bytes long; PostgreSQL silently truncates it to "Customers read the reminders of each channel they chose in caf".',
    );
  });

  it('ban-password-literal never repeats the password', () => {
    const findings = messages('ban-password-literal', 'fires.sql');
    expect(findings).toHaveLength(2);
    for (const secret of ['correct horse battery staple', 'SCRAM-SHA-256', 'c2FsdA']) {
      for (const f of findings) expect(`${f.message} ${f.hint}`).not.toContain(secret);
    }
  });
});

describe('rule catalogue', () => {
  it('gives every rule a unique kebab-case id and complete documentation', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const docs of ruleDocs()) {
      expect(docs.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
      for (const text of [docs.summary, docs.rationale, docs.safeAlternative]) expect(text.trim().length).toBeGreaterThan(20);
      expect(docs.summary).not.toContain('\n');
      expect(['error', 'warning', 'notice']).toContain(docs.defaultSeverity);
    }
  });

  it('has a firing and a safe fixture for every rule, and every fixture file is tested', () => {
    for (const rule of ALL_RULES) {
      const files = readdirSync(path.join(RULE_FIXTURES, rule.id)).filter((f) => f !== 'before.sql');
      expect(files.sort()).toEqual(Object.keys(CASES[rule.id].files).sort());
      expect(files.some((f) => f.startsWith('fires') && CASES[rule.id].files[f].length > 0)).toBe(true);
      expect(files.some((f) => f.startsWith('safe') && CASES[rule.id].files[f].length === 0)).toBe(true);
    }
  });

  it("declares every statement kind it reports on: without the engine's dispatch by kind, no fixture gives another finding", () => {
    const everyStatement = ALL_RULES.map(({ kinds: _kinds, ...rule }) => rule);
    for (const id of readdirSync(RULE_FIXTURES).filter((f) => !f.startsWith('_'))) {
      for (const file of readdirSync(path.join(RULE_FIXTURES, id)).filter((f) => f !== 'before.sql')) {
        for (const isSupabase of [false, true]) {
          const dispatched = lintFixture(id, file, { isSupabase, config: CASES[id]?.config }).findings;
          const undispatched = lintFixture(id, file, { isSupabase, config: CASES[id]?.config, rules: everyStatement }).findings;
          expect(`${id}/${file}: ${JSON.stringify(dispatched)}`).toBe(`${id}/${file}: ${JSON.stringify(undispatched)}`);
        }
      }
    }
  });

  it('has no fixture folder without a rule, and no case without a rule', () => {
    const ids = new Set(ALL_RULES.map((r) => r.id));
    const folders = readdirSync(RULE_FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('_')).map((d) => d.name);
    expect(folders.filter((f) => !ids.has(f))).toEqual([]);
    expect(Object.keys(CASES).filter((id) => !ids.has(id))).toEqual([]);
  });
});
