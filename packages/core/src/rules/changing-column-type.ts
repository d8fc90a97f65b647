import type { Statement } from '../model';
import { NO_VIOLATIONS, type Rule, type RuleContext, type Violation } from './rule';
import type { ColumnType } from './schema-state';
import { alterTableOf, describeType, strings, typeName, violation, type AlterTable, type PgNode } from './sql';

/** Types whose length limit can grow (or go away) without touching stored values. */
const LENGTH_LIMITED = new Set(['varchar', 'varbit']);
const TIMESTAMP_TYPES = new Set(['timestamp', 'timestamptz']);

/**
 * Whether PostgreSQL can change the type in the catalog only (a binary-coercible change, see
 * "ALTER TABLE ... SET DATA TYPE" notes): widening a length or precision limit, or dropping it.
 */
function isCatalogOnlyChange(from: ColumnType, to: ColumnType): boolean {
  if (from.array !== to.array) return false;
  if (from.name === to.name && from.typmods.join(',') === to.typmods.join(',')) return true;
  if (LENGTH_LIMITED.has(from.name)) {
    if (from.name === 'varchar' && to.name === 'text') return true;
    return to.name === from.name && (to.typmods.length === 0 || (from.typmods.length > 0 && to.typmods[0] >= from.typmods[0]));
  }
  if (from.name === 'text') return to.name === 'varchar' && to.typmods.length === 0;
  if (from.name === 'numeric' && to.name === 'numeric') {
    if (to.typmods.length === 0) return true;
    const [fromPrecision, fromScale = 0] = from.typmods;
    const [toPrecision, toScale = 0] = to.typmods;
    return from.typmods.length > 0 && toScale === fromScale && toPrecision >= fromPrecision;
  }
  return from.name === 'cidr' && to.name === 'inet';
}

/** timestamp <-> timestamptz keeping (or widening) the precision: stored values stay as they are when the TimeZone is UTC. */
function isTimestampZoneChange(from: ColumnType, to: ColumnType): boolean {
  if (from.name === to.name || !TIMESTAMP_TYPES.has(from.name) || !TIMESTAMP_TYPES.has(to.name) || from.array !== to.array) return false;
  return to.typmods.length === 0 || (from.typmods.length > 0 && to.typmods[0] >= from.typmods[0]);
}

/**
 * Zones whose offset from UTC is zero at every date (UTC, GMT, Etc/UTC, Zulu, +00:00, ...): with
 * one of these PostgreSQL 12+ changes timestamp <-> timestamptz without a rewrite
 * (TimestampTimestampTzRequiresRewrite in the server's source).
 */
export function isZeroOffsetTimeZone(zone: string): boolean {
  const name = zone.trim();
  return /^(etc\/)?(utc|uct|gmt|greenwich|universal|zulu|z)([+-]?0{1,2}(:?00)?)?$/i.test(name) || /^[+-]?0{1,2}(:?00){0,2}$/.test(name);
}

interface TimeZoneSetting {
  zone?: string;
  /** Where the setting comes from, for the message. */
  source: string;
}

function targetTimeZone(context: RuleContext): TimeZoneSetting {
  const session = context.state.sessionTimeZone;
  if (session !== undefined) return { zone: session, source: 'set by this migration' };
  if (context.config.timeZone !== undefined) return { zone: context.config.timeZone, source: 'timeZone in the configuration' };
  if (context.isSupabase) return { zone: 'UTC', source: "Supabase's default" };
  return { source: 'unknown' };
}

/** `USING col` or `USING col::<new type>` converts exactly as the implicit cast would. */
function isImplicitConversion(using: PgNode, column: string, to: ColumnType): boolean {
  const columnOf = (node: PgNode) => {
    const fields = strings(node?.ColumnRef?.fields);
    return fields.length === 1 && fields[0] === column;
  };
  if (columnOf(using)) return true;
  const cast = using?.TypeCast;
  if (!cast || !columnOf(cast.arg)) return false;
  const target = typeName(cast.typeName);
  return target.name === to.name && target.array === to.array && target.typmods.join(',') === to.typmods.join(',');
}

function timeZoneClause(setting: TimeZoneSetting): string {
  if (setting.zone === undefined) return ' unless the server\'s TimeZone is UTC (set "timeZone" in .migration-gate.json to say which applies)';
  return ` because the TimeZone is ${setting.zone} (${setting.source}); only under UTC does PostgreSQL 12+ keep the stored values`;
}

export const changingColumnType: Rule = {
  id: 'changing-column-type',
  summary: 'ALTER COLUMN ... TYPE that rewrites an existing table.',
  rationale:
    'Unless the new type is binary-compatible with the old one (e.g. varchar(n) to text), PostgreSQL rewrites the whole table and ' +
    'rebuilds its indexes while holding an ACCESS EXCLUSIVE lock: no reads or writes for the duration, and twice the disk space. ' +
    'timestamp to timestamptz (and back) is catalog-only since PostgreSQL 12 when the session TimeZone is UTC, which is ' +
    "Supabase's default; the rule models the target's TimeZone (`timeZone` in the configuration, or a SET TIME ZONE in the " +
    'migration) and the dry-run, which sees whether the table was rewritten, has the last word. ' +
    'An error by default because on a large table this is an outage, and the safe path is well known.',
  safeAlternative:
    'Add a new column with the new type, backfill it in batches (a `-- kind: data` migration), keep both in sync with a trigger or ' +
    'the application, switch reads over, then drop the old column in a later release.',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  predicts: 'rewrite',
  checkStatement(statement, context) {
    const alter = alterTableOf(statement);
    if (!alter || !context.state.isExistingTable(alter.table)) return NO_VIOLATIONS;
    return typeChanges(statement, context, alter);
  },
};

/** A helper, so that its closures are built for existing tables only (see sql.ts). */
function typeChanges(statement: Statement, context: RuleContext, alter: AlterTable): Violation[] {
  const known = context.state.table(alter.table)?.columns;
  return alter.commands
    .filter((cmd) => cmd.subtype === 'AT_AlterColumnType')
    .flatMap((cmd) => {
      const columnDef = cmd.def?.ColumnDef;
      const to = typeName(columnDef?.typeName);
      // The old type as it is at this point of the migrations (after any rename of it).
      const from = known?.get(cmd.name)?.type;
      const using = columnDef?.raw_default !== undefined && !isImplicitConversion(columnDef.raw_default, cmd.name, to);
      const column = `${alter.table}.${cmd.name}`;
      if (!from) {
        const message = `Changing the type of ${column} to ${describeType(to)} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, unless the old type is binary-compatible with it (the migrations do not show its old type).`;
        return [violation(context, statement, columnDef?.location, message)];
      }
      if (!using && isCatalogOnlyChange(from, to)) return [];
      let why = '';
      if (!using && isTimestampZoneChange(from, to)) {
        const setting = targetTimeZone(context);
        if (setting.zone !== undefined && isZeroOffsetTimeZone(setting.zone)) return [];
        why = timeZoneClause(setting);
      }
      const message = `Changing ${column} from ${describeType(from)} to ${describeType(to)}${using ? ' with USING' : ''} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock${why}.`;
      return [violation(context, statement, columnDef?.location, message)];
    });
}
