/** Plain-text renderings of deploy, plan, status and repair results, for terminals and logs. */
import type { DeployResult, RepairResult, StatusReport } from './engine';
import type { MigrationRun } from './execute';
import { describeInterruptedAttempt } from './interrupted';
import { formatMigrationError } from './sql-errors';

const STATUS_LABEL: Record<MigrationRun['status'], string> = {
  applied: 'applied',
  failed: 'FAILED',
  'not-run': 'not run',
  'dry-run-ok': 'ok (rolled back)',
  'dry-run-failed': 'WOULD FAIL',
  'dry-run-skipped': 'skipped (transaction: none)',
};

function runLine(run: MigrationRun): string {
  const timing = run.attempts > 0 ? ` ${Math.round(run.durationMs)} ms${run.attempts > 1 ? `, ${run.attempts} attempts` : ''}` : '';
  return `  ${run.version}  ${run.name.padEnd(30)} ${STATUS_LABEL[run.status]}${timing}`;
}

export function formatDeployResult(result: DeployResult): string {
  const lines: string[] = [];
  for (const attempt of result.interrupted ?? []) lines.push(`warning: ${describeInterruptedAttempt(attempt)} Marked "interrupted" in supabase_migrations.gate_audit.`);
  if (result.interrupted?.length) lines.push('');
  if (result.migrations.length > 0) {
    lines.push(result.dryRun ? 'Pending migrations (dry run):' : 'Pending migrations:');
    for (const run of result.migrations) {
      lines.push(runLine(run));
      if (run.status === 'failed' && !run.transactional && run.statementsRun.length > 0) {
        lines.push(`      statements that ran and stay committed: ${run.statementsRun.map((s) => `${s.file}:${s.line}`).join(', ')}`);
        if (run.failedStatement) lines.push(`      failed: ${run.failedStatement.file}:${run.failedStatement.line}`);
        if (run.statementsNotRun.length > 0) lines.push(`      not run: ${run.statementsNotRun.map((s) => `${s.file}:${s.line}`).join(', ')}`);
      }
      if (run.note && run.status !== 'not-run') lines.push(`      ${run.note}`);
    }
    lines.push('');
  }
  for (const d of result.drift.filter((p) => p.allowed)) lines.push(`warning (allowed drift): ${d.message}`);
  for (const note of result.notes) lines.push(`note: ${note}`);
  lines.push(result.message);
  if (result.error?.migration && !result.message.includes(formatMigrationError(result.error.migration))) lines.push(formatMigrationError(result.error.migration));
  if (result.forwardFix) lines.push('', `Next step: ${result.forwardFix}`);
  if (result.environmentMarker) {
    const m = result.environmentMarker;
    lines.push(m.written ? `Marked the database as the "${m.name}" environment.` : `warning: could not mark the database as the "${m.name}" environment: ${m.error}`);
  }
  if (!result.dryRun) {
    const a = result.audit;
    lines.push('', a.recorded ? `Audit record ${a.id} written to supabase_migrations.gate_audit (${a.outcome}).` : `Audit record not written to the database${a.recordError ? `: ${a.recordError}` : '.'}`);
  }
  return lines.join('\n');
}

export function formatStatusReport(report: StatusReport): string {
  const lines: string[] = [];
  if (!report.historyExists) lines.push('The database has no migration history yet (supabase_migrations.schema_migrations does not exist).');
  lines.push(`Applied (${report.applied.length}):`);
  for (const a of report.applied) {
    const state = a.state === 'verified' ? `ok (${a.verifiedBy})` : a.state === 'unverified' ? 'ok (not verifiable)' : a.state === 'changed' ? 'CHANGED since applied' : 'MISSING local file';
    const by = a.appliedBy === 'migration-gate' ? `  ${a.appliedAt ?? ''}` : '  (recorded by another tool)';
    lines.push(`  ${a.version}  ${a.name.padEnd(30)} ${state}${by}`);
  }
  lines.push(`Pending (${report.pending.length}):`);
  for (const p of report.pending) lines.push(`  ${p.version}  ${p.name.padEnd(30)} ${p.file}${p.transactional ? '' : '  (transaction: none)'}${p.outOfOrder ? '  OUT OF ORDER' : ''}`);
  if (report.drift.length > 0) {
    lines.push(`Drift (${report.drift.length}):`);
    for (const d of report.drift) lines.push(`  - ${d.message}`);
  }
  if (report.problems.length > 0) {
    lines.push(`File problems (${report.problems.length}):`);
    for (const p of report.problems) lines.push(`  ${p.file}:${p.line}: ${p.message}`);
  }
  if (report.interrupted.length > 0) {
    const more = report.interruptedTotal > report.interrupted.length ? ` (the ${report.interrupted.length} most recent of ${report.interruptedTotal})` : '';
    lines.push(`Interrupted deploys (${report.interruptedTotal})${more}:`);
    for (const attempt of report.interrupted) lines.push(`  - ${describeInterruptedAttempt(attempt)}`);
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

export function formatRepairResult(result: RepairResult): string {
  const audit = result.audit.recorded ? `\nAudit record ${result.audit.id} written to supabase_migrations.gate_audit.` : '';
  return `${result.message}${audit}`;
}
