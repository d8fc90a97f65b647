/**
 * The statements that bring the migrations in line with the database for one difference: the
 * database's definition for what only it has, a drop for what it lacks, an ALTER (or drop and
 * create) for what differs. Where the right statement depends on intent, a `-- REVIEW:` line says
 * what to decide instead of guessing.
 */
import { quoteIdentifier, quoteLiteral } from '../draft-fix/sql-text';
import type { SchemaSnapshot } from '../dry-run/schema-diff';
import type { DriftDifference } from './compare';
import { columnSql, definitionOf, grantSql, revokeSql, sqlName } from './definitions';

const relation = (s: SchemaSnapshot, key: string) => sqlName(s, 'relation', key);

/** A line for a person; names from the database may hold line breaks, which must not end the comment. */
function review(text: string): string {
  return `-- REVIEW: ${text.replace(/\s*\n\s*/g, ' ')}`;
}

/** Grants to the API roles on an object created outside the migrations belong with its definition. */
function grantsOn(object: string, d: SchemaSnapshot): string[] {
  return Object.entries(d.grants ?? {})
    .filter(([, g]) => g.object === object)
    .map(([key]) => grantSql(d, key));
}

function dropStatement(diff: DriftDifference, m: SchemaSnapshot): string {
  const { kind, name } = diff;
  switch (kind) {
    case 'schema':
      return `drop schema ${quoteIdentifier(name)};`;
    case 'extension':
      return `drop extension ${quoteIdentifier(name)};`;
    case 'enum':
      return `drop type ${sqlName(m, 'type', name)};`;
    case 'table':
      return `drop table ${relation(m, name)};`;
    case 'column': {
      const c = m.columns[name];
      return `alter table ${relation(m, c.table)} drop column ${quoteIdentifier(c.name)};`;
    }
    case 'constraint': {
      const c = m.constraints[name];
      return `alter table ${relation(m, c.table)} drop constraint ${quoteIdentifier(c.name)};`;
    }
    case 'index':
      return `drop index ${relation(m, name)};`;
    case 'policy': {
      const p = m.policies[name];
      return `drop policy ${quoteIdentifier(p.name)} on ${relation(m, p.table)};`;
    }
    case 'trigger': {
      const t = m.triggers[name];
      return `drop trigger ${quoteIdentifier(t.name)} on ${relation(m, t.table)};`;
    }
    case 'view':
      return `drop ${m.views[name].materialized ? 'materialized view' : 'view'} ${relation(m, name)};`;
    case 'function':
      return `drop ${m.functions[name].kind} ${sqlName(m, 'function', name)};`;
    case 'sequence':
      return `drop sequence ${relation(m, name)};`;
    case 'grant':
      return revokeSql(m, name);
    case 'publication':
      return `drop publication ${quoteIdentifier(name)};`;
    case 'publication-table': {
      const p = m.publicationTables[name];
      return `alter publication ${quoteIdentifier(p.publication)} drop table ${relation(m, p.table)};`;
    }
    default:
      return review(diff.message);
  }
}

function columnChanges(diff: DriftDifference, d: SchemaSnapshot): string[] {
  const c = d.columns[diff.name];
  const alter = `alter table ${relation(d, c.table)} alter column ${quoteIdentifier(c.name)}`;
  const out: string[] = [];
  for (const field of diff.fields ?? []) {
    if (field.field === 'type') out.push(`${alter} type ${c.type};`);
    else if (field.field === 'default' && !c.generated) out.push(c.default === null ? `${alter} drop default;` : `${alter} set default ${c.default};`);
    else if (field.field === 'notNull') out.push(`${alter} ${c.notNull ? 'set' : 'drop'} not null;`);
    else if (field.field !== 'default') out.push(review(`${c.table}.${c.name} ${field.field} differs; in the database the column is: ${columnSql(d, diff.name)}`));
  }
  return out;
}

function enumChanges(diff: DriftDifference, m: SchemaSnapshot, d: SchemaSnapshot): string[] {
  const before = m.enums[diff.name].labels;
  const after = d.enums[diff.name].labels;
  if (!before.every((l) => after.includes(l))) return [review(`values of enum ${diff.name} were removed or renamed in the database; Postgres cannot drop an enum value: ${diff.message}`)];
  const type = sqlName(d, 'type', diff.name);
  const out: string[] = [];
  after.forEach((labelText, i) => {
    if (before.includes(labelText)) return;
    out.push(i === 0 ? `alter type ${type} add value ${quoteLiteral(labelText)} before ${quoteLiteral(after[1])};` : `alter type ${type} add value ${quoteLiteral(labelText)} after ${quoteLiteral(after[i - 1])};`);
  });
  return out;
}

function recreate(diff: DriftDifference, m: SchemaSnapshot): string[] {
  return [dropStatement(diff, m), diff.database ?? review(diff.message)];
}

function differsStatements(diff: DriftDifference, m: SchemaSnapshot, d: SchemaSnapshot): string[] {
  switch (diff.kind) {
    case 'column':
      return columnChanges(diff, d);
    case 'enum':
      return enumChanges(diff, m, d);
    case 'table': {
      const t = d.tables[diff.name];
      return (diff.fields ?? []).map((f) =>
        f.field === 'rowSecurity'
          ? `alter table ${relation(d, diff.name)} ${t.rowSecurity ? 'enable' : 'disable'} row level security;`
          : f.field === 'forceRowSecurity'
            ? `alter table ${relation(d, diff.name)} ${t.forceRowSecurity ? 'force' : 'no force'} row level security;`
            : review(diff.message),
      );
    }
    case 'function': {
      const signatureChanged = (diff.fields ?? []).some((f) => f.field === 'returns' || f.field === 'kind');
      return signatureChanged ? recreate(diff, m) : [diff.database ?? review(diff.message)];
    }
    case 'view':
      return m.views[diff.name].materialized || d.views[diff.name].materialized ? recreate(diff, m) : [diff.database!];
    case 'extension':
      return [`alter extension ${quoteIdentifier(diff.name)} set schema ${quoteIdentifier(d.extensions[diff.name].schema)};`];
    case 'grant':
      return [revokeSql(d, diff.name, true), grantSql(d, diff.name)];
    case 'sequence': {
      const s = d.sequences![diff.name];
      return [`alter sequence ${relation(d, diff.name)} as ${s.type} increment by ${s.increment} minvalue ${s.min} maxvalue ${s.max} cache ${s.cache} ${s.cycle ? 'cycle' : 'no cycle'};`];
    }
    case 'publication': {
      const p = d.publications![diff.name];
      if ((diff.fields ?? []).some((f) => f.field === 'allTables')) return recreate(diff, m);
      return [`alter publication ${quoteIdentifier(diff.name)} set (publish = ${quoteLiteral(p.operations.join(', '))});`];
    }
    case 'constraint':
    case 'index':
    case 'policy':
    case 'trigger':
      return recreate(diff, m);
    default:
      return [review(diff.message)];
  }
}

export function captureStatements(diff: DriftDifference, m: SchemaSnapshot, d: SchemaSnapshot): string[] {
  if (!diff.classified) return [review(diff.message)];
  if (diff.change === 'only-in-database') {
    const definition = definitionOf(diff.kind, diff.name, d);
    const grants = ['table', 'view', 'sequence', 'function'].includes(diff.kind) ? grantsOn(diff.name, d) : [];
    return [definition ?? review(diff.message), ...grants];
  }
  if (diff.change === 'only-in-migrations') {
    return [`-- The database does not have it: drop it here, or restore it in the database if losing it was the mistake.`, dropStatement(diff, m)];
  }
  return differsStatements(diff, m, d);
}
