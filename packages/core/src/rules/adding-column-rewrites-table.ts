import type { Statement } from '../model';
import { NO_VIOLATIONS, type Rule, type RuleContext, type Violation } from './rule';
import type { SchemaState } from './schema-state';
import { alterTableOf, columnConstraints, SERIAL_TYPES, qualifiedFromParts, strings, typeName, violation, walkNodes, type AlterTable, type PgNode } from './sql';

/**
 * Built-in and common extension functions marked VOLATILE (pg_proc.provolatile = 'v' in
 * PostgreSQL 17/18, uuid-ossp and pgcrypto) that can produce a column value. now(),
 * current_timestamp and friends are STABLE: one value for the whole statement, so no rewrite.
 */
const VOLATILE_FUNCTIONS = new Set([
  'random',
  'random_normal',
  'gen_random_uuid',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'currval',
  'lastval',
  'setval',
  'array_shuffle',
  'array_sample',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'gen_random_bytes',
  'gen_salt',
]);

/**
 * The first volatile function called in a default expression. Functions the migrations created are
 * judged by their declared volatility (VOLATILE unless stated); unknown ones by the built-in list.
 */
function firstVolatileCall(expression: PgNode, state: SchemaState): { name: string; location?: number } | undefined {
  let found: { name: string; location?: number } | undefined;
  walkNodes(expression, (type, body) => {
    if (found || type !== 'FuncCall') return;
    const parts = strings(body.funcname);
    const declared = state.functionsNamed(qualifiedFromParts(parts));
    const volatile = declared.length > 0 ? declared.some((fn) => fn.volatility === 'volatile') : VOLATILE_FUNCTIONS.has(parts[parts.length - 1]);
    if (volatile) found = { name: parts.join('.'), location: body.location };
  });
  return found;
}

/** Why adding this column must write a value into every existing row, if it must. */
function rewriteReason(columnDef: PgNode, state: SchemaState): { reason: string; location?: number } | undefined {
  const type = typeName(columnDef.typeName);
  if (SERIAL_TYPES.has(type.name)) return { reason: `its ${type.name} type draws a sequence value for every row`, location: columnDef.typeName?.location };
  for (const c of columnConstraints(columnDef)) {
    if (c.contype === 'CONSTR_IDENTITY') return { reason: 'an identity column draws a sequence value for every row', location: c.location };
    if (c.contype === 'CONSTR_GENERATED' && c.generated_kind !== 'v') return { reason: 'a stored generated column is computed for every row', location: c.location };
    if (c.contype === 'CONSTR_DEFAULT' && c.raw_expr) {
      const call = firstVolatileCall(c.raw_expr, state);
      if (call) return { reason: `its default calls ${call.name}(), which is volatile, so every row gets its own value`, location: call.location };
    }
  }
  return undefined;
}

export const addingColumnRewritesTable: Rule = {
  id: 'adding-column-rewrites-table',
  summary: 'ADD COLUMN whose value must be computed per row (volatile default, serial, identity, stored generated) on an existing table.',
  rationale:
    'Since PostgreSQL 11 a column with a constant or STABLE default (now(), current_timestamp) is added instantly. A volatile ' +
    'default (random(), gen_random_uuid(), clock_timestamp(), nextval()), a serial or identity column, or a stored generated ' +
    'column instead rewrites the whole table under an ACCESS EXCLUSIVE lock. An error by default: on a large table that is an outage.',
  safeAlternative:
    'Add the column without the default (or with a constant one), set the volatile default with ALTER COLUMN ... SET DEFAULT ' +
    '(applies to new rows only), and backfill existing rows in batches in a `-- kind: data` migration.',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  predicts: 'rewrite',
  checkStatement(statement, context) {
    const alter = alterTableOf(statement);
    if (!alter || !context.state.isExistingTable(alter.table)) return NO_VIOLATIONS;
    return rewritingColumnsAdded(statement, context, alter);
  },
};

/** A helper, so that its closures are built for existing tables only (see sql.ts). */
function rewritingColumnsAdded(statement: Statement, context: RuleContext, alter: AlterTable): Violation[] {
  return alter.commands
    .filter((cmd) => cmd.subtype === 'AT_AddColumn' && cmd.def?.ColumnDef)
    .flatMap((cmd) => {
      const columnDef = cmd.def.ColumnDef;
      const found = rewriteReason(columnDef, context.state);
      if (!found) return [];
      return [violation(context, statement, found.location ?? columnDef.location, `Adding ${alter.table}.${columnDef.colname} rewrites the table under an ACCESS EXCLUSIVE lock: ${found.reason}.`)];
    });
}
