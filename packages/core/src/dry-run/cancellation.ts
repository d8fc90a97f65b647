/**
 * Cleaning up when the run is interrupted. A CI job that is cancelled gets SIGTERM (or SIGINT
 * from a terminal); Node would exit at once, leaving a shadow database on a provided server or
 * a data folder behind. While the dry-run runs, these handlers turn the signal into an abort,
 * let the run's `finally` clean up, and then deliver the signal again so the process still ends
 * the way it would have.
 */

export class DryRunCancelledError extends Error {
  constructor(reason: string) {
    super(`The dry-run was cancelled (${reason}); the shadow database was cleaned up.`);
    this.name = 'DryRunCancelledError';
  }
}

const TERMINATION_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

export interface SignalTrap {
  /** The signal that arrived, if any. */
  readonly received: NodeJS.Signals | undefined;
  /**
   * Removes the handlers. If a signal arrived and nobody else listens for it, sends it again so
   * the process ends as it would have without the trap.
   */
  release(): void;
}

export function trapTerminationSignals(onSignal: (signal: NodeJS.Signals) => void): SignalTrap {
  let received: NodeJS.Signals | undefined;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    for (const signal of TERMINATION_SIGNALS) process.off(signal, handler);
    if (received && process.listenerCount(received) === 0) process.kill(process.pid, received);
  };
  const handler = (signal: NodeJS.Signals) => {
    // A second signal means "now": stop waiting for the cleanup.
    if (received) return release();
    received = signal;
    onSignal(signal);
  };
  for (const signal of TERMINATION_SIGNALS) process.on(signal, handler);
  return {
    get received() {
      return received;
    },
    release,
  };
}
