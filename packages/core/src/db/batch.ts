/**
 * Sends statements the way `supabase db push` sends a migration file: one pgx batch, i.e. every
 * statement as Parse/Bind/Describe/Execute in the extended query protocol and a single Sync at
 * the end (pkg/migration/file.go, ExecBatch). The server runs them as one implicit transaction
 * that its own BEGIN/COMMIT/ROLLBACK statements reshape, exactly as on the platform: an inner
 * COMMIT commits everything before it, and statements that refuse a transaction block behave as
 * the server version decides for a pipeline.
 *
 * Implemented as a pg "submittable" (the documented extension point pg-cursor uses), so the
 * client's queue, notices and error handling stay in charge.
 */
import type { Client, DatabaseError } from 'pg';

export interface BatchOutcome {
  /** Statements that completed before the batch stopped (all of them on success). */
  completed: number;
  /** The error that stopped the batch; statement `completed` is the one that failed. */
  error?: DatabaseError;
}

interface Connection {
  parse(query: { text: string; name?: string; types?: number[] }): void;
  bind(config: { portal?: string; statement?: string; values?: unknown[]; binary?: boolean }): void;
  describe(message: { type: 'P' | 'S'; name?: string }): void;
  execute(config: { portal?: string; rows?: number }): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

class StatementBatch {
  callback?: (err: Error | null, outcome?: BatchOutcome) => void;
  private completed = 0;
  private error?: DatabaseError;

  constructor(private readonly statements: readonly string[]) {}

  submit(connection: Connection): void {
    for (const text of this.statements) {
      connection.parse({ text, name: '', types: [] });
      connection.bind({ portal: '', statement: '', values: [] });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '', rows: 0 });
    }
    connection.sync();
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  handleCommandComplete(): void {
    this.completed++;
  }

  handleEmptyQuery(): void {
    this.completed++;
  }

  /** A migration's COPY ... FROM STDIN has no data to read in a push either. */
  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFail('COPY FROM STDIN has no input in a migration');
  }

  handleError(error: Error): void {
    // The server skips to the Sync; the client drops us as active query, so finish here.
    if (typeof (error as DatabaseError).code !== 'string') {
      this.callback?.(error);
      return;
    }
    this.error = error as DatabaseError;
    this.callback?.(null, { completed: this.completed, error: this.error });
  }

  handleReadyForQuery(): void {
    this.callback?.(null, { completed: this.completed, ...(this.error ? { error: this.error } : {}) });
  }
}

/**
 * Runs `statements` as one batch on `client`. Resolves with how far it got and the database error
 * that stopped it; rejects only when the connection itself fails.
 */
export function executeBatch(client: Client, statements: readonly string[]): Promise<BatchOutcome> {
  return new Promise((resolve, reject) => {
    const batch = new StatementBatch(statements);
    let settled = false;
    batch.callback = (err, outcome) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve(outcome!);
    };
    (client as unknown as { query(submittable: StatementBatch): void }).query(batch);
  });
}
