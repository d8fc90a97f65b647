/**
 * What the migration itself created, followed statement by statement (including renames), so the
 * draft can tell a data change or a DROP that only touched those objects, which the draft removes
 * anyway, from one that needs manual work.
 */
import { stringList, typeSql, type PgNode } from './sql-text';

/**
 * Unqualified names are taken to live in `public`: the schema Postgres and Supabase put them in
 * by default. A custom search_path only makes the draft ask for manual work it did not need.
 */
const DEFAULT_SCHEMA = 'public';

export type ObjectKey = string[];

function lastTwo(names: string[]): [string, string] {
  const name = names[names.length - 1] ?? '';
  return [names.length >= 2 ? names[names.length - 2] : DEFAULT_SCHEMA, name];
}

export function relationKey(rangeVar: PgNode): ObjectKey {
  return ['relation', rangeVar.schemaname ?? DEFAULT_SCHEMA, rangeVar.relname];
}

/** A relation given as a name list (`t`, `s.t`, `db.s.t`). */
export function relationKeyFromNames(names: string[]): ObjectKey {
  return ['relation', ...lastTwo(names)];
}

/** A column, constraint, policy or trigger of a relation. */
export function memberKey(kind: 'column' | 'constraint' | 'policy' | 'trigger', rangeVar: PgNode, name: string): ObjectKey {
  return [kind, rangeVar.schemaname ?? DEFAULT_SCHEMA, rangeVar.relname, name];
}

export function typeKey(names: string[]): ObjectKey {
  return ['type', ...lastTwo(names)];
}

export function schemaKey(name: string): ObjectKey {
  return ['schema', name];
}

/** Input argument types only: that is how GRANT, COMMENT and DROP name a function. */
export function functionKey(names: string[], argumentTypes: string[]): ObjectKey {
  return ['function', ...lastTwo(names), argumentTypes.join(', ')];
}

function encode(key: ObjectKey): string {
  return key.join('\u0000');
}

const RELATION_OBJECT_TYPES = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_INDEX', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE']);
const MEMBER_KINDS: Record<string, 'column' | 'constraint' | 'policy' | 'trigger'> = {
  OBJECT_COLUMN: 'column',
  OBJECT_TABCONSTRAINT: 'constraint',
  OBJECT_POLICY: 'policy',
  OBJECT_TRIGGER: 'trigger',
};
const MEMBER_KIND_VALUES = new Set<string>(Object.values(MEMBER_KINDS));

export class CreatedObjects {
  private readonly keys = new Set<string>();

  add(key: ObjectKey): void {
    this.keys.add(encode(key));
  }

  has(key: ObjectKey): boolean {
    return this.keys.has(encode(key));
  }

  private hasWithPrefix(prefix: ObjectKey): boolean {
    const encoded = encode(prefix);
    for (const key of this.keys) if (key === encoded || key.startsWith(encoded + '\u0000')) return true;
    return false;
  }

  /** Forgets `key` and everything that belongs to it (a dropped table's columns, ...). */
  delete(key: ObjectKey): void {
    const encoded = encode(key);
    for (const existing of [...this.keys]) if (existing === encoded || existing.startsWith(encoded + '\u0000')) this.keys.delete(existing);
  }

  /** Follows a rename of `from` (if the migration created it) and of everything that belongs to it. */
  rename(from: ObjectKey, to: ObjectKey): void {
    const oldPrefix = encode(from);
    const newPrefix = encode(to);
    for (const key of [...this.keys]) {
      if (key === oldPrefix || key.startsWith(oldPrefix + '\u0000')) {
        this.keys.delete(key);
        this.keys.add(newPrefix + key.slice(oldPrefix.length));
      }
    }
  }

  renameRelation(rangeVar: PgNode, newName: string): void {
    const schema = rangeVar.schemaname ?? DEFAULT_SCHEMA;
    for (const kind of ['relation', 'column', 'constraint', 'policy', 'trigger']) this.rename([kind, schema, rangeVar.relname], [kind, schema, newName]);
  }

  renameMember(kind: 'column' | 'constraint' | 'policy' | 'trigger', rangeVar: PgNode, oldName: string, newName: string): void {
    this.rename(memberKey(kind, rangeVar, oldName), memberKey(kind, rangeVar, newName));
  }

  /**
   * The registry key of an object as GRANT, COMMENT and DROP name it (`objtype` is the
   * statement's object type), or undefined for kinds this module does not follow.
   */
  keyOf(objtype: string, object: PgNode): ObjectKey | undefined {
    if (RELATION_OBJECT_TYPES.has(objtype)) {
      if (object.RangeVar) return relationKey(object.RangeVar);
      if (object.List) return relationKeyFromNames(stringList(object.List.items));
      return undefined;
    }
    const memberKind = MEMBER_KINDS[objtype];
    if (memberKind && object.List) {
      const names = stringList(object.List.items);
      const relationNames = names.slice(0, -1);
      return [memberKind, ...lastTwo(relationNames), names[names.length - 1]];
    }
    if (objtype === 'OBJECT_FUNCTION' || objtype === 'OBJECT_PROCEDURE' || objtype === 'OBJECT_ROUTINE') {
      const routine = object.ObjectWithArgs;
      if (!routine) return undefined;
      const names = stringList(routine.objname);
      if (routine.args_unspecified) return ['function', ...lastTwo(names)];
      return functionKey(names, (routine.objargs ?? []).map((arg: PgNode) => typeSql(arg.TypeName)));
    }
    if (objtype === 'OBJECT_TYPE' || objtype === 'OBJECT_DOMAIN') {
      if (object.TypeName) return typeKey(stringList(object.TypeName.names));
      if (object.List) return typeKey(stringList(object.List.items));
      return undefined;
    }
    if (objtype === 'OBJECT_SCHEMA' && object.String) return schemaKey(object.String.sval);
    return undefined;
  }

  /**
   * Whether the migration created the object (or, for a column/constraint/policy/trigger, its
   * relation). A function named without arguments matches any created function of that name.
   */
  covers(objtype: string, object: PgNode): boolean {
    const key = this.keyOf(objtype, object);
    if (!key) return false;
    if (key[0] === 'function') return key.length === 3 ? this.hasWithPrefix(key) : this.has(key);
    if (MEMBER_KIND_VALUES.has(key[0])) return this.has(key) || this.has(['relation', key[1], key[2]]);
    return this.has(key);
  }
}
