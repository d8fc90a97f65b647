/**
 * The drift gate of the deploy actions: under the deploy lock, before anything is applied, is the
 * database still what its applied migrations built? `fail` refuses on drift (the emergency
 * override may bypass it, recorded), `warn` deploys and says so, `off` does not check. What it
 * found goes into the audit row (`drift`) and the job summary.
 */
import type { DeployGate, DriftAudit, GateDecision } from '../deploy';
import { checkDrift, type DriftCheckOptions, type DriftReport } from './check';

export type DriftMode = DriftAudit['mode'];

export const DRIFT_MODES: readonly DriftMode[] = ['fail', 'warn', 'off'];

export function parseDriftMode(value: string | undefined, fallback: DriftMode, what = 'Input "drift"'): DriftMode {
  if (value === undefined || value.trim() === '') return fallback;
  const mode = value.trim().toLowerCase();
  if (!(DRIFT_MODES as readonly string[]).includes(mode)) throw new Error(`${what} must be fail, warn or off, not "${value}".`);
  return mode as DriftMode;
}

export interface DriftGateInput {
  mode: DriftMode;
  check: Omit<DriftCheckOptions, 'handleSignals'>;
  /** An authorised emergency override is running: drift is recorded and bypassed, not refused. */
  override?: boolean;
  /** Progress and warnings for the log. */
  log?: (level: 'info' | 'warning', message: string) => void;
}

/** What the gate saw, for the summary; filled whatever it decides. */
export interface DriftGateState {
  audit?: DriftAudit;
  report?: DriftReport;
}

const SUMMARY_LINES = 50;

function auditOf(mode: DriftMode, report: DriftReport | undefined, bypassed: boolean): DriftAudit {
  if (!report) return { mode, status: 'not-checked', differences: 0, summary: [], bypassed: false };
  const summary = report.status === 'error' ? [report.message] : report.differences.slice(0, SUMMARY_LINES).map((d) => d.message);
  if (report.differences.length > SUMMARY_LINES) summary.push(`… and ${report.differences.length - SUMMARY_LINES} more`);
  return { mode, status: report.status, differences: report.differences.length, summary, bypassed };
}

export function driftGate(input: DriftGateInput, state: DriftGateState): DeployGate {
  return async (pending) => {
    const decide = (report: DriftReport | undefined, proceed: boolean, message = '', bypassed = false): GateDecision => {
      state.report = report;
      state.audit = auditOf(input.mode, report, bypassed);
      const context = { drift: state.audit, ...(bypassed ? { override: { reason: '', bypassedGates: ['drift'] } } : {}) };
      return proceed ? { proceed: true, context } : { proceed: false, message, context };
    };
    if (input.mode === 'off') return decide(undefined, true);
    // Nothing will be applied on top of the schema: nothing to protect.
    if (pending.length === 0) return decide(undefined, true);
    input.log?.('info', 'Checking for schema drift: replaying the applied migrations and comparing with the database ...');
    const report = await checkDrift({ ...input.check, handleSignals: false });
    if (report.status === 'no-drift') {
      input.log?.('info', report.message);
      return decide(report, true);
    }
    const problem = report.status === 'error' ? `The drift check could not run: ${report.error}` : `${report.message}\n${report.differences.map((d) => `  - ${d.message}`).join('\n')}`;
    if (input.mode === 'warn') {
      input.log?.('warning', `${problem}\nDeploying anyway (drift: warn).`);
      return decide(report, true);
    }
    if (input.override) {
      input.log?.('warning', `${problem}\nBypassed by the emergency override (recorded).`);
      return decide(report, true, '', true);
    }
    const fix =
      report.status === 'error'
        ? 'Fix what stopped the check, or set drift: warn to deploy without it (recorded).'
        : 'Capture the change in a migration (the drafted one in the summary), record it as applied with "migration-gate repair --status applied <version>", or undo it in the database; the emergency override can bypass this check (recorded).';
    return decide(report, false, `Deploy refused: a migration is never applied on top of an unreviewed schema. ${problem}\n${fix}`);
  };
}

type Context = NonNullable<GateDecision['context']>;

function mergeContexts(a: Context | undefined, b: Context | undefined): Context | undefined {
  if (!a || !b) return a ?? b;
  const merged: Context = { ...a, ...b };
  if (a.approvers?.length && !b.approvers?.length) merged.approvers = a.approvers;
  if (a.override || b.override) {
    const reason = a.override?.reason || b.override?.reason || '';
    merged.override = { reason, bypassedGates: [...(a.override?.bypassedGates ?? []), ...(b.override?.bypassedGates ?? [])] };
  }
  return merged;
}

/** Runs gates in order until one refuses; what each learnt (approvers, bypassed gates, drift) is kept. */
export function chainGates(...gates: DeployGate[]): DeployGate {
  return async (pending) => {
    let context: Context | undefined;
    for (const gate of gates) {
      const decision = await gate(pending);
      context = mergeContexts(context, decision.context);
      if (!decision.proceed) return { ...decision, context };
    }
    return { proceed: true, context };
  };
}
