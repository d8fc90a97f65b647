/**
 * The production gate, evaluated by the deploy engine under its lock with the exact plan:
 * emergency-override authorisation, the environment approval of this run, lint errors, and the
 * staging promotion check. Every GitHub failure refuses the deploy (fail closed).
 */
import type { GateCandidate, GateDecision } from '../deploy';
import type { GateReport } from '../report/deploy-markdown';
import type { GateConfig } from '../config';
import { findStagingRecords, getCollaboratorPermission, getRunApprovals, getTeamMembership, GitHubApiError, verifyEnvironmentApproval, type GitHubClient } from '../github';
import { lintMigrations } from '../lint';
import type { MigrationSet } from '../model';
import { checkOverrideReason, decideOverride, type OverrideGate, type OverridePolicy } from './override';
import { checkPromotion } from './promotion';

export interface ProductionGateInput {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  runId: number;
  actor: string;
  eventName: string;
  environment: string;
  stagingEnvironment: string;
  requireApproval: boolean;
  set: MigrationSet;
  config: GateConfig;
  isSupabase: boolean;
  /** Present when the run is an emergency override. */
  override?: { reason: string; policy: OverridePolicy };
  /** Time the approval was observed (GitHub keeps no review time). */
  now?: () => Date;
  /**
   * An override must be on record (pull-request comments, a follow-up issue) before anything is
   * applied: called last, once every other check passed. Throwing refuses the override; that is how
   * a token without pull-requests: write (or issues: write) is caught before the deploy, not after.
   */
  recordOverride?: (pending: GateCandidate[]) => Promise<void>;
}

/** What the gate decided, kept for the summary and comments even when the deploy is refused. */
export interface ProductionGateState {
  report: GateReport;
}

function failClosed(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `${message} No deploy happened: the production gate fails closed when GitHub cannot confirm it.`;
}

async function teamsOf(input: ProductionGateInput, teams: string[]): Promise<string[]> {
  const member: string[] = [];
  for (const entry of teams) {
    const [org, teamSlug] = entry.split('/');
    if (!org || !teamSlug) throw new Error(`override-teams entry "${entry}" must look like org/team-slug.`);
    const membership = await getTeamMembership(input.octokit, { org, teamSlug, username: input.actor });
    if (membership?.state === 'active') member.push(entry);
  }
  return member;
}

/**
 * Builds the engine's gate. `state.report` is filled as the checks run, so the caller can render
 * exactly what was checked and bypassed, whatever the outcome.
 */
export function productionGate(input: ProductionGateInput, state: ProductionGateState): (pending: GateCandidate[]) => Promise<GateDecision> {
  return async (pending) => {
    const bypassed: OverrideGate[] = [];
    const overrideContext = () => (input.override ? { override: { reason: input.override.reason, bypassedGates: [...bypassed] } } : {});
    const refuse = (message: string, extra: Partial<GateDecision['context']> = {}): GateDecision => {
      // A refused override bypassed nothing; the report says what refused it.
      if (state.report.override) Object.assign(state.report.override, { refusal: message, bypassedGates: [] });
      bypassed.length = 0;
      return { proceed: false, message, context: { ...overrideContext(), ...extra } };
    };

    // 1. Who may override, before anything else is looked at.
    if (input.override) {
      const override = { actor: input.actor, reason: input.override.reason, basis: '', bypassedGates: [] as string[], allowed: false };
      state.report.override = override;
      const reasonProblem = checkOverrideReason(input.override.reason);
      if (reasonProblem) {
        override.basis = reasonProblem;
        return refuse(`Emergency override refused: ${reasonProblem}`);
      }
      if (input.eventName !== 'workflow_dispatch') {
        override.basis = `an override must be started by hand (workflow_dispatch), not by "${input.eventName}"`;
        return refuse(`Emergency override refused: ${override.basis}.`);
      }
      try {
        const permission = await getCollaboratorPermission(input.octokit, { owner: input.owner, repo: input.repo, username: input.actor });
        const memberOfTeams = input.override.policy.teams.length ? await teamsOf(input, input.override.policy.teams) : [];
        const decision = decideOverride({ actor: input.actor, roleName: permission.roleName, policy: input.override.policy, memberOfTeams });
        override.basis = decision.basis;
        override.allowed = decision.allowed;
        if (!decision.allowed) return refuse(`Emergency override refused: ${decision.basis}. Ask a maintainer, or add the user to override-users.`);
      } catch (err) {
        override.basis = 'GitHub could not confirm the permission';
        return refuse(`Emergency override refused: ${failClosed(err)}`);
      }
    }

    // 2. The environment approval of this very run.
    let approvers: unknown[] = [];
    try {
      const approvals = await getRunApprovals(input.octokit, { owner: input.owner, repo: input.repo, runId: input.runId });
      const verdict = verifyEnvironmentApproval(approvals, input.environment);
      state.report.approval = { status: verdict.status, approvers: verdict.approvers, reviews: verdict.reviews, required: input.requireApproval };
      const observedAt = (input.now?.() ?? new Date()).toISOString();
      approvers = verdict.reviews.filter((r) => r.state === 'approved').map((r) => ({ login: r.login, comment: r.comment, environment: input.environment, observedAt }));
      if (verdict.status === 'rejected') {
        const who = verdict.reviews.filter((r) => r.state === 'rejected').map((r) => r.login).join(', ');
        return refuse(`Deploy refused: the ${input.environment} environment was rejected in this run by ${who}.`, { approvers });
      }
      if (verdict.status === 'none' && input.requireApproval) {
        return refuse(
          `Deploy refused: nobody approved the "${input.environment}" environment in this run, so this job is not protected by a reviewer. ` +
            `Configure it: Settings > Environments > ${input.environment} > Required reviewers (add at least one), and run the job with "environment: ${input.environment}". ` +
            'To deploy without an approval on purpose, set require-approval: false (it is recorded in the audit log).',
        );
      }
    } catch (err) {
      return refuse(`Deploy refused: could not verify the environment approval. ${failClosed(err)}`);
    }
    if (!input.requireApproval && approvers.length === 0) approvers = [{ approvalRequired: false, environment: input.environment }];
    if (pending.length === 0) return { proceed: true, context: { approvers, ...overrideContext() } };

    // 3. Lint errors in what is about to run.
    const pendingPaths = new Set(pending.map((p) => p.file));
    const isAllowed = (file: string, ruleId: string) => !!input.set.migrations.find((m) => m.path === file)?.directives.allows.some((a) => a.ruleId === ruleId);
    const findings = [
      ...input.set.findings.filter((f) => pendingPaths.has(f.file)),
      ...lintMigrations(input.set.migrations, { config: input.config, isSupabase: input.isSupabase, shouldLint: (m) => pendingPaths.has(m.path) }),
    ].filter((f) => !isAllowed(f.file, f.ruleId));
    const blockingLint = findings.filter((f) => f.severity === 'error');
    state.report.lint = { errors: blockingLint.length, warnings: findings.filter((f) => f.severity === 'warning').length, bypassed: false };
    if (blockingLint.length) {
      if (!input.override) {
        return refuse(
          `Deploy refused: ${blockingLint.length} lint error(s) in pending migrations: ${blockingLint.map((f) => `${f.file}:${f.line} [${f.ruleId}]`).join(', ')}. ` +
            'Fix forward, accept a reviewed risk with "-- gate:allow <rule-id> <reason>", or use the emergency override.',
          { approvers },
        );
      }
      bypassed.push('lint');
      state.report.lint.bypassed = true;
    }

    // 4. Staging first, with the same checksums.
    try {
      const records = await findStagingRecords(input.octokit, { owner: input.owner, repo: input.repo, environment: input.stagingEnvironment, limit: 100 });
      const promotion = checkPromotion(pending.map((p) => ({ version: p.version, path: p.file, checksum: p.checksum })), records, input.stagingEnvironment);
      state.report.promotion = { ok: promotion.ok, problems: promotion.problems.map((p) => p.message), evidence: promotion.evidence };
      if (!promotion.ok) {
        if (!input.override) return refuse(`Deploy refused: not everything passed ${input.stagingEnvironment} first.\n${promotion.problems.map((p) => `  - ${p.message}`).join('\n')}`, { approvers });
        bypassed.push('staging-promotion');
      }
    } catch (err) {
      if (!input.override || !(err instanceof GitHubApiError)) return refuse(`Deploy refused: could not read the ${input.stagingEnvironment} records. ${failClosed(err)}`, { approvers });
      bypassed.push('staging-promotion');
      state.report.promotion = { ok: false, problems: [`could not be checked: ${err.message}`], evidence: [] };
    }

    if (state.report.override) state.report.override.bypassedGates = [...bypassed];

    // 5. The override on record on GitHub before anything is applied.
    if (input.override && input.recordOverride) {
      try {
        await input.recordOverride(pending);
      } catch (err) {
        return refuse(`Emergency override refused: it must be on record on GitHub before anything is applied, and recording it failed. ${(err as Error).message}`, { approvers });
      }
    }
    return { proceed: true, context: { approvers, ...overrideContext() } };
  };
}
