/**
 * The deploy lock: a session-level advisory lock on a fixed key, so that two deploys to the same
 * database never interleave. Session-level (not transaction-level) because it must span many
 * migration transactions; the server releases it by itself if the session dies.
 */
import type { Client } from 'pg';

/**
 * The bytes of the ASCII string "mgdeploy" read as a big-endian bigint (0x6d676465706c6f79).
 * Documented in docs/history-tables.md so that other tooling can take or inspect the same lock.
 */
export const DEPLOY_LOCK_KEY = '7883380059575971705';
/** How pg_locks shows a bigint advisory key: high 32 bits as classid, low 32 bits as objid, objsubid 1. */
const LOCK_CLASSID = 1835492453;
const LOCK_OBJID = 1886154617;

export interface LockHolder {
  pid: number;
  applicationName: string | null;
  user: string | null;
  clientAddress: string | null;
  backendStart: string | null;
  state: string | null;
}

export type LockAcquisition = { acquired: true; waitedMs: number } | { acquired: false; waitedMs: number; holders: LockHolder[] };

export interface LockWaitOptions {
  /** How long to keep trying; 0 tries once. */
  waitMs: number;
  pollMs: number;
  /** Called once when the lock is busy, with whoever holds it. */
  onBusy?: (holders: LockHolder[]) => void;
}

export async function tryDeployLock(client: Client): Promise<boolean> {
  const { rows } = await client.query(`select pg_try_advisory_lock(${DEPLOY_LOCK_KEY}) as locked`);
  return rows[0].locked === true;
}

export async function releaseDeployLock(client: Client): Promise<void> {
  await client.query(`select pg_advisory_unlock(${DEPLOY_LOCK_KEY})`);
}

/** The sessions holding the deploy lock on the current database (details depend on the role's pg_stat_activity rights). */
export async function deployLockHolders(client: Client): Promise<LockHolder[]> {
  const { rows } = await client.query(
    `select l.pid, a.application_name, a.usename, host(a.client_addr) as client_addr,
            to_json(a.backend_start) #>> '{}' as backend_start, a.state
       from pg_locks l
       left join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = ${LOCK_CLASSID} and l.objid = ${LOCK_OBJID} and l.objsubid = 1`,
  );
  return rows.map((r) => ({
    pid: r.pid,
    applicationName: r.application_name ?? null,
    user: r.usename ?? null,
    clientAddress: r.client_addr ?? null,
    backendStart: r.backend_start ?? null,
    state: r.state ?? null,
  }));
}

export function describeHolders(holders: readonly LockHolder[]): string {
  if (holders.length === 0) return 'a session that has just released it';
  return holders
    .map((h) => {
      const parts = [`pid ${h.pid}`];
      if (h.applicationName) parts.push(`application_name "${h.applicationName}"`);
      if (h.user) parts.push(`user ${h.user}`);
      if (h.clientAddress) parts.push(`client ${h.clientAddress}`);
      if (h.backendStart) parts.push(`connected since ${h.backendStart}`);
      return parts.join(', ');
    })
    .join('; ');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls pg_try_advisory_lock until it succeeds or `waitMs` has passed; never blocks inside the server. */
export async function acquireDeployLock(client: Client, options: LockWaitOptions): Promise<LockAcquisition> {
  const started = Date.now();
  let reported = false;
  for (;;) {
    if (await tryDeployLock(client)) return { acquired: true, waitedMs: Date.now() - started };
    const elapsed = Date.now() - started;
    if (!reported || elapsed >= options.waitMs) {
      const holders = await deployLockHolders(client);
      if (!reported) {
        reported = true;
        options.onBusy?.(holders);
      }
      if (elapsed >= options.waitMs) return { acquired: false, waitedMs: elapsed, holders };
    }
    // Jitter keeps a crowd of waiting deploys from polling in lockstep.
    const delay = options.pollMs * (0.5 + Math.random());
    await sleep(Math.min(delay, Math.max(0, options.waitMs - elapsed)) || 1);
  }
}
