/** What the engine reports while it works; the CLI prints it, the action maps it to core.info/warning/error. */
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

export type LogEvent =
  | 'connected'
  | 'pooler-allowed'
  | 'lock-busy'
  | 'lock-acquired'
  | 'lock-unavailable'
  | 'history-created'
  | 'restore-point'
  | 'note'
  | 'drift'
  | 'migration-start'
  | 'migration-applied'
  | 'migration-failed'
  | 'lock-timeout-retry'
  | 'server-notice'
  | 'audit'
  | 'gate-refused'
  | 'interrupted-attempt'
  | 'partial-attempt'
  | 'environment-marker'
  | 'summary';

export interface LogEntry {
  level: LogLevel;
  event: LogEvent;
  message: string;
  /** Machine-readable facts behind the message (version, attempt, pid, ...). */
  data?: Record<string, unknown>;
}

export type DeployLogger = (entry: LogEntry) => void;

export const silentLogger: DeployLogger = () => undefined;
