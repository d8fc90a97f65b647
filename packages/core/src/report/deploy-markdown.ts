/**
 * Markdown for a deploy: the job summary block and the pull-request notices. Pure: rendered from
 * the engine's result and what the production gates decided.
 */
import type { DeployResult } from '../deploy';
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
  override?: { actor: string; reason: string; basis: string; bypassedGates: string[]; allowed: boolean };
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

export function renderOverrideBlock(override: NonNullable<GateReport['override']>, environment: string): string {
  return [
    `> [!CAUTION]`,
    `> **Emergency override${override.allowed ? '' : ' refused'}** of the ${mdText(environment)} deploy by ${mdMention(override.actor)}.`,
    `> Reason: ${mdText(clipText(override.reason, MAX_TEXT))}`,
    `> ${override.allowed ? `Bypassed: ${override.bypassedGates.length ? override.bypassedGates.map((g) => mdCode(g)).join(', ') : 'nothing (every gate passed)'}.` : `Refused: ${message(override.basis)}.`} Database safety (advisory lock, one transaction per migration, timeouts) is never bypassed.`,
  ].join('\n');
}

export function renderDeployMarkdown(result: DeployResult, options: DeployMarkdownOptions): string {
  const out: string[] = [`### Migration Gate: ${mdText(options.environment)} deploy ${OUTCOME_TITLE[result.outcome]}`, ''];
  const gates = options.gates;
  if (gates?.override) out.push(renderOverrideBlock(gates.override, options.environment), '');
  out.push(message(result.message).replace(/ {2,}/g, ' '), '');

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
  const run = input.runUrl ? `[run ${input.runNumber ?? ''}](${input.runUrl})`.replace('[run ]', '[this run]') : 'this run';
  // The environment name is the workflow's; even so only a marker-safe form of it goes inside the HTML comment.
  const lines = [`<!-- migration-gate:deploy:${input.environment.replace(/[^A-Za-z0-9_.-]/g, '_')} -->`];
  if (input.override) lines.push(renderOverrideBlock(input.override, input.environment), '');
  lines.push(`Migration Gate: applied to **${mdText(input.environment)}** in ${run}: ${listed(input.versions, (v) => mdCode(v), 'versions', 'the run').join(', ')}.`);
  return lines.join('\n') + '\n';
}

/** The notice on the pull requests of a deploy that did not apply (an override always tells them). */
export function renderDeployOutcomeNotice(input: { environment: string; result: DeployResult; runUrl?: string; override?: GateReport['override']; draftFix?: string }): string {
  const lines: string[] = [];
  if (input.override) lines.push(renderOverrideBlock(input.override, input.environment), '');
  const run = input.runUrl ? `[this run](${input.runUrl})` : 'this run';
  lines.push(`Migration Gate: ${mdText(input.environment)} deploy ${input.result.outcome} in ${run}: ${message(input.result.message)}`);
  if (input.draftFix) lines.push('', input.draftFix);
  return lines.join('\n') + '\n';
}

/** The follow-up issue an override opens, asking for a review of what it bypassed. */
export function renderOverrideFollowUpIssue(input: { environment: string; result: DeployResult; override: NonNullable<GateReport['override']>; runUrl?: string }): string {
  const versions = listed(input.result.migrations, (m) => mdCode(m.version), 'versions', 'the audit row').join(', ') || 'none';
  return [
    renderOverrideBlock(input.override, input.environment),
    '',
    `Outcome: ${input.result.outcome}. Versions: ${versions}.`,
    `Audit row: ${input.result.audit.id ?? 'not recorded'}${input.runUrl ? ` · [workflow run](${input.runUrl})` : ''}`,
    '',
    'Please review what was bypassed and follow up (staging catch-up, lint findings).',
    '',
  ].join('\n');
}
