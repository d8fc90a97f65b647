import { lazyCommand, type Command } from '../command';

/** Every subcommand, in the order `--help` lists them. Modules load only when their command runs. */
export const COMMANDS: Command[] = [
  lazyCommand('validate', 'Check migrations: names, order, immutability, syntax, lint rules and a dry-run', () => require('./validate').validateCommand),
  lazyCommand('plan', 'Show pending migrations and try them in a rolled-back transaction', () => require('./plan').planCommand),
  lazyCommand('deploy', 'Apply pending migrations under an advisory lock, one transaction each', () => require('./deploy').deployCommand),
  lazyCommand('drift', 'Find changes made to a database outside the migrations (no Docker)', () => require('./drift').driftCommand),
  lazyCommand('status', 'List applied, pending and drifted versions of a database', () => require('./status').statusCommand),
  lazyCommand('repair', 'Mark versions applied or reverted in the history table without running them', () => require('./repair').repairCommand),
  lazyCommand('draft-fix', 'Draft a forward-fix migration that compensates an applied one', () => require('./draft-fix').draftFixCommand),
  lazyCommand('seed', 'Fill a development or staging database with synthetic, privacy-safe rows', () => require('./seed').seedCommand),
];
