/**
 * What every action entry point does with @actions/core: read typed inputs, turn findings into
 * annotations on the right file and line, and fail the step with a scrubbed message.
 */
import * as core from '@actions/core';
import { maskSecrets, parseDatabaseUrl, scrubSecrets } from './db/connection';
import type { Finding } from './model';

export function booleanInput(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (['true', 'yes', '1', 'on'].includes(raw)) return true;
  if (['false', 'no', '0', 'off'].includes(raw)) return false;
  throw new Error(`Input "${name}" must be true or false, not "${raw}".`);
}

export function optionalInput(name: string): string | undefined {
  const value = core.getInput(name).trim();
  return value === '' ? undefined : value;
}

/** One annotation per finding, on the file and line GitHub shows in the diff. */
export function annotate(findings: Finding[]): void {
  for (const f of findings) {
    const properties: core.AnnotationProperties = {
      title: f.suppressed ? `${f.ruleId} (allowed)` : f.ruleId,
      file: f.file,
      startLine: f.line,
      startColumn: f.column,
    };
    const message = f.suppressed ? `${f.message}\nAllowed: ${f.suppressed.reason}` : f.hint ? `${f.message}\n${f.hint}` : f.message;
    if (f.suppressed || f.severity === 'notice') core.notice(message, properties);
    else if (f.severity === 'warning') core.warning(message, properties);
    else core.error(message, properties);
  }
}

/** Link to the running workflow, for comments and audit rows. */
export function workflowRunUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID) return undefined;
  return `${GITHUB_SERVER_URL ?? 'https://github.com'}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
}

/**
 * Reads a connection-string input and masks it before anything else can log it: the whole URL
 * and the password alone (raw and URL-decoded), so neither appears in the job log. Then checks
 * it with the same parser deploy uses (TLS mode, unencoded `@` in the password).
 */
export function secretUrlInput(name: string, options: { required?: boolean } = {}): string | undefined {
  const value = core.getInput(name, { required: options.required }).trim();
  if (!value) return undefined;
  for (const secret of maskSecrets(value)) {
    core.setSecret(secret);
    knownSecrets.add(secret);
  }
  try {
    // Refused here, with the fix, before anything connects: a URL that parses one way here and another in pg.
    parseDatabaseUrl(value);
  } catch (err) {
    throw new Error(`Input "${name}": ${(err as Error).message}`);
  }
  return value;
}

const knownSecrets = new Set<string>();

/** Removes every masked secret (and any `postgres://user:password@`) from text we write ourselves. */
export function scrub(text: string): string {
  return scrubSecrets(text, [...knownSecrets]);
}

/** Fails the step with a message that can never carry a password, whatever threw it. */
export function failStep(err: unknown): void {
  core.setFailed(scrub(err instanceof Error ? err.message : String(err)));
}
