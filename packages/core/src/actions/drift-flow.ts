/**
 * The drift gate as both deploy actions use it: the `drift` input (fail, warn or off), the
 * project's drift configuration, the log, and the job summary section.
 */
import * as core from '@actions/core';
import * as path from 'node:path';
import { optionalInput, scrub } from '../action-io';
import type { DeployGate } from '../deploy';
import { driftGate, parseDriftMode, renderDriftMarkdown, type DriftGateState, type DriftMode } from '../drift';
import type { MigrationSet } from '../model';
import { isSupabaseProject } from '../supabase/baseline';
import type { DeployInputs } from './deploy-flow';

export interface DeployDriftGate {
  mode: DriftMode;
  gate: DeployGate;
  state: DriftGateState;
}

/** `defaultMode`: warn on staging, fail on production. `override`: an emergency override is running (authorised by the gate before this one). */
export function deployDriftGate(inputs: DeployInputs, set: MigrationSet, defaultMode: DriftMode, override = false): DeployDriftGate {
  const mode = parseDriftMode(optionalInput('drift'), defaultMode);
  const state: DriftGateState = {};
  const gate = driftGate(
    {
      mode,
      override,
      check: {
        databaseUrl: inputs.databaseUrl,
        tls: inputs.tls,
        migrations: set,
        displayRoot: inputs.root,
        supabase: inputs.config.supabase ?? isSupabaseProject(path.resolve(inputs.root, inputs.migrationsDir)),
        excludeSchemas: inputs.config.drift.excludeSchemas,
        includeSchemas: inputs.config.drift.includeSchemas,
      },
      log: (level, message) => (level === 'warning' ? core.warning(scrub(message)) : core.info(scrub(message))),
    },
    state,
  );
  return { mode, gate, state };
}

/** The summary section: what the check found (with the drafted capture migration), or why it did not run. */
export function renderDriftGateSection(gate: DeployDriftGate): string {
  const audit = gate.state.audit;
  if (!gate.state.report) {
    const why = gate.mode === 'off' ? 'drift: off' : audit ? 'nothing to apply' : 'the deploy stopped before the check';
    return `\n### Schema drift\n\nNot checked (${why}).\n`;
  }
  const verdict = audit?.bypassed ? ' — bypassed by the emergency override' : gate.state.report.status === 'no-drift' ? '' : gate.mode === 'warn' ? ' — deployed anyway (drift: warn)' : ' — deploy refused (drift: fail)';
  const count = gate.state.report.differences.length;
  const title = gate.state.report.status === 'error' ? 'could not check' : count ? `${count} difference${count === 1 ? '' : 's'}` : 'none';
  return `\n${renderDriftMarkdown(gate.state.report, { heading: `### Schema drift: ${title}${verdict}` })}`;
}
