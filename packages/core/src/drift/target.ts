/**
 * Reading the target database, and nothing else: its server version, its migration history and
 * its catalog. The session is made read-only before the first query, so even a mistake here
 * could not write; a role with USAGE, SELECT and pg_read_all_settings is enough (see docs/drift.md).
 */
import { openConnection, scrubSecrets, type ConnectOptions } from '../db/connection';
import { readHistory, type History } from '../deploy/history';
import { takeSchemaSnapshot } from '../dry-run/catalog';
import type { SchemaSnapshot } from '../dry-run/schema-diff';

export interface TargetState {
  serverVersion: string;
  majorVersion: number;
  history: History;
  snapshot: SchemaSnapshot;
  database: { host: string; port: number; name: string; user: string };
}

export async function readTarget(url: string, options: ConnectOptions): Promise<TargetState> {
  // A pooler in transaction mode is fine for reads, as for `status`.
  const connection = await openConnection(url, { ...options, allowTransactionPooler: true });
  try {
    const { client, target } = connection;
    await client.query('set session characteristics as transaction read only');
    const { rows } = await client.query<{ version: string; num: string }>("select current_setting('server_version') as version, current_setting('server_version_num') as num");
    const history = await readHistory(client);
    const snapshot = await takeSchemaSnapshot(client, { detail: 'full' });
    return {
      serverVersion: rows[0].version,
      majorVersion: Math.floor(Number(rows[0].num) / 10000),
      history,
      snapshot,
      database: { host: target.host, port: target.port, name: target.database, user: target.user },
    };
  } catch (err) {
    throw new Error(scrubSecrets(`Cannot read the target database: ${(err as Error).message}`, connection.secrets));
  } finally {
    await connection.close();
  }
}
