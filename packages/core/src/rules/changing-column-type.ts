import type { Rule } from './rule';
import type { ColumnType } from './schema-state';
import { alterTableOf, describeType, typeName, violation } from './sql';

/** Types whose length limit can grow (or go away) without touching stored values. */
const LENGTH_LIMITED = new Set(['varchar', 'varbit']);

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

export const changingColumnType: Rule = {
  id: 'changing-column-type',
  summary: 'ALTER COLUMN ... TYPE that rewrites an existing table.',
  rationale:
    'Unless the new type is binary-compatible with the old one (e.g. varchar(n) to text), PostgreSQL rewrites the whole table and ' +
    'rebuilds its indexes while holding an ACCESS EXCLUSIVE lock: no reads or writes for the duration, and twice the disk space. ' +
    'An error by default because on a large table this is an outage, and the safe path is well known.',
  safeAlternative:
    'Add a new column with the new type, backfill it in batches (a `-- kind: data` migration), keep both in sync with a trigger or ' +
    'the application, switch reads over, then drop the old column in a later release.',
  defaultSeverity: 'error',
  checkStatement(statement, context) {
    const alter = alterTableOf(statement);
    if (!alter || !context.state.isExistingTable(alter.table)) return [];
    const known = context.state.table(alter.table)?.columns;
    return alter.commands
      .filter((cmd) => cmd.subtype === 'AT_AlterColumnType')
      .flatMap((cmd) => {
        const columnDef = cmd.def?.ColumnDef;
        const to = typeName(columnDef?.typeName);
        const from = known?.get(cmd.name)?.type;
        const using = columnDef?.raw_default !== undefined;
        if (from && !using && isCatalogOnlyChange(from, to)) return [];
        const column = `${alter.table}.${cmd.name}`;
        const message = from
          ? `Changing ${column} from ${describeType(from)} to ${describeType(to)}${using ? ' with USING' : ''} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.`
          : `Changing the type of ${column} to ${describeType(to)} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, unless the old type is binary-compatible with it (the migrations do not show its old type).`;
        return [violation(context, statement, columnDef?.location, message)];
      });
  },
};
