/**
 * The connection the dry-run replays migrations on. Each statement is sent on its own (simple
 * query protocol) or a whole file as one batch (as `supabase db push` sends it), watched by a
 * timer that cancels it from the control connection if the server's statement_timeout does not
 * (a migration may `set statement_timeout = 0`); aborting cancels it the same way.
 */
import { Client, type DatabaseError } from 'pg';
import { executeBatch } from '../db/batch';
import { DryRunCancelledError } from './cancellation';

/** The client-side watchdog fires this long after the server's statement_timeout should have. */
const WATCHDOG_GRACE_MS = 2_000;

/** A statement failed; carries what Postgres said. */
export class StatementFailure extends Error {
  constructor(
    readonly error: DatabaseError,
    readonly timedOut: boolean,
  ) {
    super(error.message);
  }
}

/** A failure the dry-run raises itself (e.g. an emulation refusing a statement), shaped like a Postgres error. */
export function syntheticFailure(message: string, code = '22023'): StatementFailure {
  const error = Object.assign(new Error(message), { code, severity: 'ERROR', name: 'error', length: 0 }) as unknown as DatabaseError;
  return new StatementFailure(error, false);
}

export interface BatchResult {
  /** Statements that completed. */
  completed: number;
  failure?: StatementFailure;
}

export interface SessionOptions {
  url: string;
  statementTimeoutMs: number;
  signal: AbortSignal;
  /** Cancels the session's running query from another connection. */
  cancelBackend(pid: number): Promise<void>;
}

export class ReplaySession {
  private running = false;

  private constructor(
    readonly client: Client,
    readonly pid: number,
    private readonly options: SessionOptions,
  ) {
    options.signal.addEventListener('abort', () => {
      if (this.running) void options.cancelBackend(pid);
    });
  }

  static async open(options: SessionOptions): Promise<ReplaySession> {
    // Startup parameters become the session's defaults, which DISCARD ALL restores between migrations.
    const client = new Client({ connectionString: options.url, statement_timeout: options.statementTimeoutMs, application_name: 'migration-gate-dry-run' });
    // Migrations may RAISE NOTICE; the client must not treat the messages as unhandled.
    client.on('notice', () => undefined);
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    return new ReplaySession(client, rows[0].pid, options);
  }

  /**
   * Runs `work` under the watchdog; database errors it throws become StatementFailure. Returns
   * its value and whether the watchdog had to cancel it.
   */
  private async watched<T>(work: () => Promise<T>): Promise<{ value: T; watchdogFired: boolean }> {
    this.throwIfAborted();
    let watchdogFired = false;
    const watchdog = setTimeout(() => {
      watchdogFired = true;
      void this.options.cancelBackend(this.pid);
    }, this.options.statementTimeoutMs + WATCHDOG_GRACE_MS);
    this.running = true;
    try {
      return { value: await work(), watchdogFired };
    } catch (err) {
      this.throwIfAborted();
      const error = err as DatabaseError;
      if (typeof error.code !== 'string') throw err; // connection lost: not the migration's fault
      throw new StatementFailure(error, isTimeout(error, watchdogFired));
    } finally {
      this.running = false;
      clearTimeout(watchdog);
    }
  }

  /** Runs one statement; returns its duration in ms, or throws StatementFailure. */
  async execute(sql: string): Promise<number> {
    const started = performance.now();
    await this.watched(() => this.client.query(sql));
    return performance.now() - started;
  }

  /**
   * Runs statements as one batch, the way `supabase db push` sends a file. The batch as a whole
   * gets one statement timeout from the watchdog; the server still times each statement.
   */
  async executeBatch(statements: readonly string[]): Promise<BatchResult> {
    const { value: outcome, watchdogFired } = await this.watched(() => executeBatch(this.client, statements));
    this.throwIfAborted();
    if (!outcome.error) return { completed: outcome.completed };
    return { completed: outcome.completed, failure: new StatementFailure(outcome.error, isTimeout(outcome.error, watchdogFired)) };
  }

  /** Internal queries (locks, catalog): no watchdog, but abortable. */
  async internal<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    this.throwIfAborted();
    this.running = true;
    try {
      return await fn(this.client);
    } finally {
      this.running = false;
    }
  }

  /** Ends a failed or open transaction; ignores errors (the connection may be in any state). */
  async rollback(): Promise<void> {
    await this.client.query('rollback').catch(() => undefined);
  }

  throwIfAborted(): void {
    const signal = this.options.signal;
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new DryRunCancelledError(String(signal.reason));
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

function isTimeout(error: DatabaseError, watchdogFired: boolean): boolean {
  return error.code === '57014' && (watchdogFired || /statement timeout/.test(error.message));
}
