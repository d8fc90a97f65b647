/**
 * The production guard. Seeding (and the anonymised copy) writes made-up rows, so it refuses a
 * target that is production by any signal: the environment name the caller gives, the database's
 * own name (`production`, `prod`), or the marker row the production deploy writes into the
 * database itself. All are checked because each alone fails in a common way: a workflow copied
 * from another job keeps a stale environment name, and a production URL pasted into a staging
 * secret carries the marker (and, on self-hosted servers, often the name).
 */
import type { ClientBase } from 'pg';
import { ENVIRONMENT_MARKER_TABLE, readEnvironmentMarkers, type EnvironmentMarker } from '../db/environment-marker';
import { ProductionRefusedError } from './errors';

export interface EnvironmentGuard {
  /** The environment the caller says the target is. */
  environment?: string;
  /** Names that mean production (compared case-insensitively). */
  productionEnvironments: string[];
}

export interface GuardOutcome {
  /** The marker the database carries, when it has one. */
  marker?: EnvironmentMarker;
  warnings: string[];
}

function isProduction(name: string, productionEnvironments: string[]): boolean {
  const normalized = name.trim().toLowerCase();
  return productionEnvironments.some((p) => p.trim().toLowerCase() === normalized);
}

/** A database called `production` or `prod` (or a configured name) is production, whatever the caller says. */
async function refuseProductionDatabaseName(client: ClientBase, guard: EnvironmentGuard): Promise<void> {
  const { rows } = await client.query<{ name: string }>('select current_database() as name');
  const name = rows[0].name;
  if (!isProduction(name, guard.productionEnvironments)) return;
  throw new ProductionRefusedError(
    `Refusing to seed: the database is named "${name}", a production name (${guard.productionEnvironments.join(', ')}). Seed data is for development, preview and staging databases only.`,
    'database-name',
  );
}

/**
 * Throws ProductionRefusedError when the target is production (by the environment name given, the
 * database's own name, or the production marker); returns the marker otherwise.
 */
export async function refuseProduction(client: ClientBase, guard: EnvironmentGuard): Promise<GuardOutcome> {
  const listed = guard.productionEnvironments.join(', ');
  if (guard.environment && isProduction(guard.environment, guard.productionEnvironments)) {
    throw new ProductionRefusedError(
      `Refusing to seed: the environment "${guard.environment}" is a production environment (${listed}). Seed data is for development, preview and staging databases only.`,
      'environment',
    );
  }
  await refuseProductionDatabaseName(client, guard);
  let markers: EnvironmentMarker[];
  try {
    markers = await readEnvironmentMarkers(client);
  } catch (err) {
    // Not knowing is not the same as not production: fail closed.
    throw new ProductionRefusedError(
      `Refusing to seed: cannot read the environment marker ${ENVIRONMENT_MARKER_TABLE} (${(err as Error).message}), so the target might be production. Grant this user SELECT on it.`,
      'marker-unreadable',
    );
  }
  const production = markers.find((m) => isProduction(m.name, guard.productionEnvironments));
  if (production) {
    const by = production.markedBy ? ` by ${production.markedBy}` : '';
    throw new ProductionRefusedError(
      `Refusing to seed: this database is marked as the "${production.name}" environment (${ENVIRONMENT_MARKER_TABLE}, marked ${production.markedAt.toISOString()}${by}). ` +
        'The production deploy writes that marker; if this really is a copy that may be seeded, mark it with its own environment name first.',
      'marker',
      production,
    );
  }
  const warnings: string[] = [];
  const [marker] = markers;
  if (marker && guard.environment && marker.name.trim().toLowerCase() !== guard.environment.trim().toLowerCase()) {
    warnings.push(`The database is marked as the "${marker.name}" environment, but the run was told "${guard.environment}".`);
  }
  return { marker, warnings };
}
