/**
 * Markdown for a deploy: the job summary block and the pull-request notices. Pure: rendered from
 * the engine's result and what the production gates decided.
 */
import { describeInterruptedAttempt, type DeployResult } from '../deploy';
import { clipText, mdCode, mdMention, mdMessage, mdRow, mdText } from './markdown-safe';

const MAX_TEXT = 2_000;
/** Migrations listed before "… N more": keeps a summary of thousands of migrations under GitHub's limits. */
const MAX_LISTED = 300;

function listed<T>(items: readonly T[], render: (item: T) => string, what: string, restIn: string): string[] {
  const shown = items.slice(0, MAX_LISTED).map(render);
  if (items.length > MAX_LISTED) shown.push(`_… ${items.length - MAX_LISTED} more ${what}, see ${restIn}._`);
  return shown;
}

/** A message we wrote around untrusted values (Postgres's text, file names), clipped and escaped. */
function message(text: string): string {
  return mdMessage(clipText(text, MAX_TEXT));
}

export interface GateReport {
  approval?: { status: string; approvers: string[]; reviews: { login: string; state: string; comment: string }[]; required: boolean };
  promotion?: { ok: boolean; problems: string[]; evidence: { version: string; deploymentId: number; sha: string }[] };
  lint?: { errors: number; warnings: number; bypassed: boolean };
  /**
   * `allowed`: the actor may override. `refusal`: why the override deploy was nevertheless refused
   * (a gate it cannot bypass, drift, the record on GitHub); set, nothing was applied.
   */
  override?: { actor: string; reason: string; basis: string; bypassedGates: string[]; allowed: boolean; refusal?: string };
}

export interface DeployMarkdownOptions {
  environment: string;
  runUrl?: string;
  gates?: GateReport;
  /** A drafted forward-fix block (draft-fix's formatDraftForComment). */
  draftFix?: string;
}

const OUTCOME_TITLE: Record<DeployResult['outcome'], string> = {
  applied: ':white_check_mark: applied',
  'up-to-date': ':white_check_mark: already up to date',
  failed: ':x: failed',
  refused: ':no_entry: refused',
  'lock-unavailable': ':hourglass: another deploy holds the lock',
  'connection-failed': ':x: could not connect',
  'dry-run-passed': ':white_check_mark: dry-run passed',
  'dry-run-failed': ':x: dry-run failed',
};

function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Whether the override went ahead: the actor may override and nothing refused the deploy. */
export function overrideWentAhead(override: NonNullable<GateReport['override']>): boolean {
  return override.allowed && override.refusal === undefined;
}

export function renderOverrideBlock(override: NonNullable<GateReport['override']>, environment: string): string {
  const ahead = overrideWentAhead(override);
  const refusal = (override.refusal ?? override.basis).replace(/^Emergency override refused: /, '');
  return [
    `> [!CAUTION]`,
    `> **Emergency override${ahead ? '' : ' refused'}** of the ${mdText(environment)} deploy by ${mdMention(override.actor)}.`,
    `> Reason: ${mdText(clipText(override.reason, MAX_TEXT))}`,
    ahead
      ? `> Bypassed: ${override.bypassedGates.length ? override.bypassedGates.map((g) => mdCode(g)).join(', ') : 'nothing (every gate passed)'}. Database safety (advisory lock, one transaction per migration, timeouts) is never bypassed.`
      : `> Refused: ${message(refusal.replace(/[.\s]+$/, ''))}. Nothing was applied and nothing was bypassed.`,
  ].join('\n');
}

export function renderDeployMarkdown(result: DeployResult, options: DeployMarkdownOptions): string {
  const out: string[] = [`### Migration Gate: ${mdText(options.environment)} deploy ${OUTCOME_TITLE[result.outcome]}`, ''];
  const gates = options.gates;
  if (gates?.override) out.push(renderOverrideBlock(gates.override, options.environment), '');
  out.push(message(result.message).replace(/ {2,}/g, ' '), '');
  for (const attempt of result.interrupted ?? []) out.push(`> [!WARNING]\n> ${message(describeInterruptedAttempt(attempt))} Marked "interrupted".`, '');

  if (gates && (gates.approval || gates.promotion || gates.lint)) {
    out.push('| Gate | Result |', '| --- | --- |');
    if (gates.approval) {
      const who = gates.approval.approvers.map(mdMention).join(', ');
      const comments = gates.approval.reviews.filter((r) => r.comment).map((r) => `${mdMention(r.login)}: "${mdText(clipText(r.comment, MAX_TEXT))}"`).join('; ');
      const text =
        gates.approval.status === 'approved'
          ? `:white_check_mark: approved by ${who}${comments ? ` (${comments})` : ''}`
          : gates.approval.required
            ? `:x: ${gates.approval.status === 'rejected' ? 'rejected' : 'no approval in this run'}`
            : ':warning: not required (`require-approval: false`)';
      out.push(mdRow(['Environment approval', text]));
    }
    if (gates.promotion) {
      const text = gates.promotion.ok
        ? `:white_check_mark: every version succeeded on staging with the same checksum`
        : `${gates.override?.bypassedGates.includes('staging-promotion') ? ':warning: bypassed' : ':x:'} ${gates.promotion.problems.map(message).join('<br>')}`;
      out.push(mdRow(['Staging first', text]));
    }
    if (gates.lint) {
      const text = gates.lint.errors === 0 ? `:white_check_mark: no lint errors (${gates.lint.warnings} warning(s))` : `${gates.lint.bypassed ? ':warning: bypassed' : ':x:'} ${gates.lint.errors} lint error(s)`;
      out.push(mdRow(['Lint', text]));
    }
    out.push('');
  }

  if (result.migrations.length) {
    out.push('| Migration | Status | Duration | Attempts |', '| --- | --- | ---: | ---: |');
    const rows = listed(result.migrations, (m) => mdRow([mdCode(clipText(`${m.version}_${m.name}.sql`, 300)), m.status, duration(m.durationMs), String(m.attempts)]), 'migrations', 'the audit-json output');
    if (rows.length > MAX_LISTED) rows[MAX_LISTED] = `\n${rows[MAX_LISTED]}`;
    out.push(...rows, '');
  }
  const failed = result.migrations.find((m) => m.error);
  if (failed?.error) {
    const e = failed.error;
    out.push(`**Failed at ${mdCode(clipText(`${e.file}:${e.line}:${e.column}`, 300))}**: ${mdText(clipText(e.message, MAX_TEXT))}`);
    if (e.detail) out.push(`Detail: ${mdText(clipText(e.detail, MAX_TEXT))}`);
    if (e.hint) out.push(`Hint: ${mdText(clipText(e.hint, MAX_TEXT))}`);
    if (failed.statementsRun.length && !failed.transactional) {
      out.push(`Statements that ran and stay in effect: ${failed.statementsRun.map((s) => mdCode(`${s.file}:${s.line}`)).join(', ')}`);
    }
    out.push('');
  }
  if (result.forwardFix) out.push(`**Fix forward** (nothing was rolled back automatically): ${message(result.forwardFix)}`, '');
  if (options.draftFix) out.push(options.draftFix, '');

  const audit = result.audit;
  const restore = audit.restorePoint ? `restore point ${audit.restorePoint.serverTime}${audit.restorePoint.walLsn ? ` (WAL LSN ${audit.restorePoint.walLsn})` : ''}` : 'no restore point (nothing was applied)';
  out.push(
    `<sub>Audit ${audit.recorded ? `row #${audit.id} in \`supabase_migrations.gate_audit\`` : `not recorded in the database (${message(audit.recordError ?? 'unknown reason')}); see the audit-json output`} · ${restore} · ${duration(audit.durationMs)}${options.runUrl ? ` · [workflow run](${options.runUrl})` : ''}</sub>`,
  );
  return out.join('\n') + '\n';
}

/** The notice posted on each pull request that introduced applied migrations. */
export function renderAppliedNotice(input: { environment: string; versions: string[]; runUrl?: string; runNumber?: string; override?: GateReport['override'] }): string {
  const run = runLink(input.runUrl, input.runNumber);
  // The environment name is the workflow's; even so only a marker-safe form of it goes inside the HTML comment.
  const lines = [`<!-- migration-gate:deploy:${input.environment.replace(/[^A-Za-z0-9_.-]/g, '_')} -->`];
  if (input.override) lines.push(renderOverrideBlock(input.override, input.environment), '');
  lines.push(`Migration Gate: applied to **${mdText(input.environment)}** in ${run}: ${listed(input.versions, (v) => mdCode(v), 'versions', 'the run').join(', ')}.`);
  return lines.join('\n') + '\n';
}

/** "[run 17](url)", or "this run". */
function runLink(runUrl?: string, runNumber?: string): string {
  return runUrl ? `[run ${runNumber ?? ''}](${runUrl})`.replace('[run ]', '[this run]') : 'this run';
}

export interface OverrideNoticeInput {
  environment: string;
  /** The versions this pull request introduced. */
  versions: string[];
  override: NonNullable<GateReport['override']>;
  /** Absent while the deploy is about to apply (the notice is written first, then completed). */
  result?: DeployResult;
  runUrl?: string;
  runNumber?: string;
  draftFix?: string;
}

/**
 * The emergency-override notice on one pull request: the override block, then what happened to
 * the versions that pull request introduced (about to be applied, applied, or not).
 */
export function renderOverrideNotice(input: OverrideNoticeInput): string {
  const { environment, versions, result } = input;
  const env = mdText(environment);
  const run = runLink(input.runUrl, input.runNumber);
  const lines = [renderOverrideBlock(input.override, environment), ''];
  if (!result) {
    lines.push(`Migration Gate: applying to **${env}** in ${run}: ${listed(versions, (v) => mdCode(v), 'versions', 'the run').join(', ')}. This comment is updated with the outcome.`);
    return lines.join('\n') + '\n';
  }
  const applied = new Set(result.migrations.filter((m) => m.status === 'applied').map((m) => m.version));
  const done = versions.filter((v) => applied.has(v));
  const notDone = versions.filter((v) => !applied.has(v));
  if (done.length) lines.push(`Migration Gate: applied to **${env}** in ${run}: ${listed(done, (v) => mdCode(v), 'versions', 'the run').join(', ')}.`);
  if (notDone.length) lines.push(`Migration Gate: not applied to **${env}** in ${run}: ${listed(notDone, (v) => mdCode(v), 'versions', 'the run').join(', ')}. The deploy ${result.outcome}: ${message(result.message)}`);
  if (input.draftFix && result.outcome === 'failed') lines.push('', input.draftFix);
  return lines.join('\n') + '\n';
}

/** The follow-up issue an override opens before it applies, updated with the outcome: asks for a review of what it bypassed. */
export function renderOverrideFollowUpIssue(input: { environment: string; override: NonNullable<GateReport['override']>; versions: string[]; result?: DeployResult; runUrl?: string }): string {
  const { result } = input;
  const codes = (versions: string[]) => listed(versions, (v) => mdCode(v), 'versions', 'the audit row').join(', ');
  const outcome = result
    ? `Outcome: ${result.outcome}. Applied: ${codes(result.migrations.filter((m) => m.status === 'applied').map((m) => m.version)) || 'nothing'}.\nAudit row: ${result.audit.id ?? 'not recorded'}`
    : 'Outcome: in progress. This issue was opened before anything was applied and is updated when the deploy ends.';
  const run = input.runUrl ? ` · [workflow run](${input.runUrl})` : '';
  return (
    `${renderOverrideBlock(input.override, input.environment)}\n\n` +
    `Versions: ${codes(input.versions) || 'none'}.\n${outcome}${run}\n\n` +
    'Please review what was bypassed and follow up (staging catch-up, lint findings).\n'
  );
}
