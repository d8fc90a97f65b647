/**
 * The team's configuration file: `.migration-gate.json` at the repository root (or a path given
 * with `--config` / the `config` input). Every key is optional.
 *
 * {
 *   "migrationsDir": "supabase/migrations",
 *   "failOn": "error",                  // or "warning"
 *   "outOfOrder": "error",              // or "warning": new migration older than the base's newest
 *   "rules": { "require-lock-timeout": "warning", "ban-drop-column": "off" },
 *   "exposedSchemas": ["public"],       // schemas PostgREST exposes (RLS rules apply there)
 *   "maxStatementsPerMigration": 12,    // atomicity rule threshold
 *   "supabase": true,                   // force Supabase-aware rules on/off (default: detected)
 *   "timeZone": "UTC",                  // the target server's TimeZone (default: UTC on Supabase, else unknown)
 *   "baseReplayFailures": "warning",    // or "error": base migrations the dry-run cannot replay
 *   "maxFileBytes": 20971520,           // largest migration file read (default 20 MB)
 *   "allowEmpty": false,                // true: a folder without migrations is not an error (a new project)
 *   "drift": { "excludeSchemas": ["analytics"], "includeSchemas": ["storage"] },  // see docs/drift.md
 *   "seed": { ... }                     // synthetic data settings, see docs/seed.md
 * }
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseJsonObject } from './json-file';
import type { Severity } from './model';
import { DEFAULT_MAX_FILE_BYTES } from './read-files';

export type RuleSetting = Severity | 'off';

export interface GateConfig {
  migrationsDir: string;
  failOn: 'error' | 'warning';
  outOfOrder: 'error' | 'warning';
  rules: Record<string, RuleSetting>;
  exposedSchemas: string[];
  maxStatementsPerMigration: number;
  /** undefined: decide from the folder (a `supabase/` project or not). */
  supabase?: boolean;
  /**
   * The target server's TimeZone setting, which decides whether timestamp <-> timestamptz changes
   * rewrite a table. undefined: UTC for Supabase projects (the platform's default), else unknown.
   */
  timeZone?: string;
  /**
   * A migration already on the base branch that the dry-run cannot replay: a `warning` by default
   * (applied history is not the pull request's fault), `error` for a strict check.
   */
  baseReplayFailures: 'error' | 'warning';
  /** Largest migration file read; larger ones are refused with an error finding. */
  maxFileBytes: number;
  /** A folder without any migration is fine (a project that has none yet); otherwise it is an error. */
  allowEmpty: boolean;
  /** The drift check: schemas to leave out besides the platform's, platform schemas to compare anyway. */
  drift: { excludeSchemas: string[]; includeSchemas: string[] };
}

export const CONFIG_FILE_NAME = '.migration-gate.json';

export function defaultConfig(): GateConfig {
  return {
    migrationsDir: 'supabase/migrations',
    failOn: 'error',
    outOfOrder: 'error',
    rules: {},
    exposedSchemas: ['public'],
    maxStatementsPerMigration: 12,
    baseReplayFailures: 'warning',
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    allowEmpty: false,
    drift: { excludeSchemas: [], includeSchemas: [] },
  };
}

const SETTINGS: RuleSetting[] = ['error', 'warning', 'notice', 'off'];

/** Validates a parsed config object; throws an Error naming the bad key. */
export function resolveConfig(raw: unknown, source = CONFIG_FILE_NAME): GateConfig {
  const config = defaultConfig();
  if (raw === undefined) return config;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${source}: the configuration must be a JSON object.`);
  const input = raw as Record<string, unknown>;
  // `seed` belongs to the seed command, which validates it itself (see seed/config.ts).
  const known = new Set(['$schema', 'migrationsDir', 'failOn', 'outOfOrder', 'rules', 'exposedSchemas', 'maxStatementsPerMigration', 'supabase', 'timeZone', 'maxFileBytes', 'allowEmpty', 'baseReplayFailures', 'seed', 'drift']);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw new Error(`${source}: unknown key "${key}". Known keys: ${[...known].filter((k) => k !== '$schema').join(', ')}.`);
  }
  if (input.migrationsDir !== undefined) {
    if (typeof input.migrationsDir !== 'string' || !input.migrationsDir) throw new Error(`${source}: "migrationsDir" must be a non-empty string.`);
    config.migrationsDir = input.migrationsDir;
  }
  for (const key of ['failOn', 'outOfOrder', 'baseReplayFailures'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (value !== 'error' && value !== 'warning') throw new Error(`${source}: "${key}" must be "error" or "warning", not ${JSON.stringify(value)}.`);
    config[key] = value;
  }
  if (input.rules !== undefined) {
    if (typeof input.rules !== 'object' || input.rules === null || Array.isArray(input.rules)) throw new Error(`${source}: "rules" must map rule ids to ${SETTINGS.join('|')}.`);
    for (const [id, setting] of Object.entries(input.rules as Record<string, unknown>)) {
      if (!SETTINGS.includes(setting as RuleSetting)) throw new Error(`${source}: rules.${id} must be one of ${SETTINGS.join(', ')}, not ${JSON.stringify(setting)}.`);
      config.rules[id] = setting as RuleSetting;
    }
  }
  if (input.exposedSchemas !== undefined) {
    if (!Array.isArray(input.exposedSchemas) || !input.exposedSchemas.every((s) => typeof s === 'string')) throw new Error(`${source}: "exposedSchemas" must be a list of schema names.`);
    config.exposedSchemas = input.exposedSchemas as string[];
  }
  if (input.maxStatementsPerMigration !== undefined) {
    const n = input.maxStatementsPerMigration;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new Error(`${source}: "maxStatementsPerMigration" must be a positive integer.`);
    config.maxStatementsPerMigration = n;
  }
  if (input.drift !== undefined) config.drift = resolveDriftConfig(input.drift, source);
  if (input.supabase !== undefined) {
    if (typeof input.supabase !== 'boolean') throw new Error(`${source}: "supabase" must be true or false.`);
    config.supabase = input.supabase;
  }
  if (input.timeZone !== undefined) {
    if (typeof input.timeZone !== 'string' || !input.timeZone.trim()) throw new Error(`${source}: "timeZone" must be a time zone name such as "UTC" or "Europe/Paris".`);
    config.timeZone = input.timeZone.trim();
  }
  if (input.maxFileBytes !== undefined) {
    const n = input.maxFileBytes;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new Error(`${source}: "maxFileBytes" must be a positive integer (bytes).`);
    config.maxFileBytes = n;
  }
  if (input.allowEmpty !== undefined) {
    if (typeof input.allowEmpty !== 'boolean') throw new Error(`${source}: "allowEmpty" must be true or false.`);
    config.allowEmpty = input.allowEmpty;
  }
  return config;
}

function resolveDriftConfig(raw: unknown, source: string): GateConfig['drift'] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${source}: "drift" must be an object with excludeSchemas and/or includeSchemas.`);
  const drift = { excludeSchemas: [] as string[], includeSchemas: [] as string[] };
  for (const [key, value] of Object.entries(raw)) {
    if (key !== 'excludeSchemas' && key !== 'includeSchemas') throw new Error(`${source}: unknown key "drift.${key}". Known keys: excludeSchemas, includeSchemas.`);
    if (!Array.isArray(value) || !value.every((s) => typeof s === 'string')) throw new Error(`${source}: "drift.${key}" must be a list of schema names.`);
    drift[key] = value;
  }
  return drift;
}

/**
 * Loads the configuration. With an explicit path the file must exist; otherwise
 * `.migration-gate.json` in `root` is used when present.
 */
export async function loadConfig(root: string, explicitPath?: string): Promise<GateConfig> {
  const file = explicitPath ? path.resolve(root, explicitPath) : path.join(root, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !explicitPath) return defaultConfig();
    throw new Error(`Cannot read configuration file ${file}: ${(err as Error).message}`);
  }
  return resolveConfig(parseJsonObject(text, file), path.basename(file));
}
