/**
 * The seed command as the CLI and the action run it: from database URLs and a configuration
 * path to a result, with connections opened and closed here and credentials scrubbed from every
 * error message.
 */
import * as path from 'node:path';
import { maskSecrets, openConnection, scrubSecrets, type DatabaseConnection } from '../db/connection';
import { defaultSeedConfig, loadSeedConfig } from './config';
import { copyAnonymised, type CopyResult } from './copy';
import { seedDatabase, type SeedResult } from './seed';

export interface RunSeedOptions {
  databaseUrl: string;
  /** Seed configuration file, relative to `root`. */
  configPath?: string;
  seed?: number;
  rows?: number;
  environment?: string;
  /** Copy an anonymised subset from this database instead of generating rows. */
  copyFromUrl?: string;
  /** HMAC key for masks of kind "hash" (copy only). */
  hashKey?: string;
  /** Folder for relative paths (configuration, seed.sql); default: the working directory. */
  root?: string;
  log?: (line: string) => void;
}

export type RunSeedOutcome = { mode: 'generate'; result: SeedResult } | { mode: 'copy'; result: CopyResult };

const APPLICATION_NAME = 'migration-gate seed';

export async function runSeed(options: RunSeedOptions): Promise<RunSeedOutcome> {
  const secrets = [...maskSecrets(options.databaseUrl), ...(options.copyFromUrl ? maskSecrets(options.copyFromUrl) : []), ...(options.hashKey ? [options.hashKey] : [])];
  const root = options.root ?? process.cwd();
  const connections: DatabaseConnection[] = [];
  try {
    const config = options.configPath ? await loadSeedConfig(path.resolve(root, options.configPath)) : defaultSeedConfig();
    // Seeding needs no session state, so a transaction-mode pooler is fine here.
    const target = await openConnection(options.databaseUrl, { applicationName: APPLICATION_NAME, allowTransactionPooler: true });
    connections.push(target);
    if (options.copyFromUrl) {
      const source = await openConnection(options.copyFromUrl, { applicationName: `${APPLICATION_NAME} (copy source)`, allowTransactionPooler: true });
      connections.push(source);
      const result = await copyAnonymised(source.client, target.client, { config, seed: options.seed, environment: options.environment, hashKey: options.hashKey, log: options.log });
      return { mode: 'copy', result };
    }
    const result = await seedDatabase(target.client, { config, seed: options.seed, rows: options.rows, environment: options.environment, root, log: options.log });
    return { mode: 'generate', result };
  } catch (err) {
    if (err instanceof Error) err.message = scrubSecrets(err.message, secrets);
    throw err;
  } finally {
    for (const connection of connections) await connection.close();
  }
}

/** Plain-text lines describing what a run did. */
export function describeSeedOutcome(outcome: RunSeedOutcome): string[] {
  const lines: string[] = [];
  if (outcome.mode === 'generate') {
    const r = outcome.result;
    for (const file of r.sqlFiles) lines.push(`Applied ${file}`);
    for (const t of r.tables) {
      const notes = [t.updated ? `${t.updated} linked after insert` : '', t.rejected ? `${t.rejected} regenerated after Postgres rejected them` : ''].filter(Boolean);
      lines.push(`  ${t.table}: ${t.rows} rows${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
    }
    lines.push(`Inserted ${r.rowsInserted} rows into ${r.tables.filter((t) => t.rows > 0).length} tables with seed ${r.seed} in ${r.durationMs} ms.`);
  } else {
    const r = outcome.result;
    for (const t of r.tables) lines.push(`  ${t.table}: ${t.rows} rows`);
    for (const m of r.masked) lines.push(`  ${m.column}: ${m.rule}${m.reason ? ` (${m.reason})` : ''}${m.origin === 'detected' ? ` — looks like ${m.personalData}` : m.origin === 'listed' ? ' — listed as personal data' : ''}`);
    lines.push(`Copied ${r.rowsCopied} rows into ${r.tables.filter((t) => t.rows > 0).length} tables in ${r.durationMs} ms; ${r.masked.filter((m) => m.rule !== 'keep').length} columns masked.`);
  }
  for (const warning of outcome.result.warnings) lines.push(`Warning: ${warning}`);
  return lines;
}

/** The rows written per table, for the action's `tables` output. */
export function rowsPerTable(outcome: RunSeedOutcome): Record<string, number> {
  return Object.fromEntries(outcome.result.tables.map((t) => [t.table, t.rows]));
}

export function rowsWritten(outcome: RunSeedOutcome): number {
  return outcome.mode === 'generate' ? outcome.result.rowsInserted : outcome.result.rowsCopied;
}
