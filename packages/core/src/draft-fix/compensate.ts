/**
 * The compensating statements for one migration statement, read from its syntax tree. Statements
 * are visited in file order (so renames and created objects are followed as they happened); the
 * caller writes the results out in reverse.
 */
import type { Statement } from '../model';
import { CreatedObjects, functionKey, memberKey, relationKey, schemaKey, typeKey } from './created-objects';
import {
  objectWithArgsSql,
  quoteIdentifier,
  quoteLiteral,
  quoteQualified,
  relationSql,
  roleSql,
  signatureArguments,
  stringList,
  typeSql,
  type PgNode,
} from './sql-text';

export interface StatementUndo {
  /** Compensating statements without their semicolons, in the order they must run. */
  sql: string[];
  /** What the reviewer must check before keeping `sql`. */
  cautions: string[];
  /** Why the statement, or the part of it not covered by `sql`, cannot be undone automatically. */
  manualReason?: string;
  /** Why a statement that changed something needs no compensation of its own. */
  coveredBecause?: string;
  /** Why the statement left nothing behind to undo. */
  nothingToUndo?: string;
  /** The compensation cannot run inside a transaction block (DROP INDEX CONCURRENTLY). */
  outsideTransaction: boolean;
}

function undo(sql: string[], cautions: string[] = []): StatementUndo {
  return { sql, cautions, outsideTransaction: false };
}

function manual(reason: string): StatementUndo {
  return { sql: [], cautions: [], manualReason: reason, outsideTransaction: false };
}

function covered(because: string): StatementUndo {
  return { sql: [], cautions: [], coveredBecause: because, outsideTransaction: false };
}

function nothing(why: string): StatementUndo {
  return { sql: [], cautions: [], nothingToUndo: why, outsideTransaction: false };
}

const RELATION_KEYWORDS: Record<string, string> = {
  OBJECT_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_INDEX: 'index',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_FOREIGN_TABLE: 'foreign table',
};

const ROUTINE_KEYWORDS: Record<string, string> = {
  OBJECT_FUNCTION: 'function',
  OBJECT_PROCEDURE: 'procedure',
  OBJECT_ROUTINE: 'routine',
};

const OBJECT_WORDS: Record<string, string> = {
  OBJECT_TABCONSTRAINT: 'constraint',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_FDW: 'foreign data wrapper',
  OBJECT_LARGEOBJECT: 'large object',
};

/** `OBJECT_FOREIGN_TABLE` → `foreign table`, for messages. */
function objectWords(objtype: string | undefined): string {
  if (objtype && OBJECT_WORDS[objtype]) return OBJECT_WORDS[objtype];
  return (objtype ?? 'OBJECT').replace(/^OBJECT_/, '').replace(/_/g, ' ').toLowerCase();
}

/** `AT_SetStatistics` → `set statistics`, for messages. */
function subcommandWords(subtype: string): string {
  return subtype
    .replace(/^AT_/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

const FROM_BACKUP = 'from a backup or point-in-time recovery';

function createdAndDropped(rangeVar: PgNode): string {
  return `${relationSql(rangeVar)} was created by this migration and the draft drops it`;
}

function undoCreateTable(relation: PgNode, ifNotExists: boolean, keyword: string, created: CreatedObjects): StatementUndo {
  const name = relationSql(relation);
  if (relation.relpersistence === 't') return nothing('a temporary table disappears with the session that created it');
  if (ifNotExists) {
    return manual(
      `IF NOT EXISTS: ${name} may have existed before this migration (which then changed nothing), and dropping it would delete its data. ` +
        `If this migration created it, drop it: drop ${keyword} if exists ${name}`,
    );
  }
  created.add(relationKey(relation));
  return undo([`drop ${keyword} if exists ${name}`]);
}

function undoCreateIndex(node: PgNode, created: CreatedObjects): StatementUndo {
  const table = node.relation;
  const onCreatedTable = created.has(relationKey(table));
  if (!node.idxname) {
    if (onCreatedTable) return covered(`the index goes with ${createdAndDropped(table)}`);
    return manual(`the index has no name in the migration, so Postgres chose one; look it up (\\d ${relationSql(table)}) and drop it with drop index concurrently`);
  }
  // An index lives in its table's schema.
  const index = quoteQualified([table.schemaname, node.idxname]);
  const indexKey = relationKey({ schemaname: table.schemaname, relname: node.idxname });
  if (onCreatedTable) {
    created.add(indexKey);
    // The draft drops the table later anyway, under an ACCESS EXCLUSIVE lock: nothing is gained by
    // dropping the index concurrently, which would force the whole draft out of a transaction.
    return undo([`drop index if exists ${index}`]);
  }
  const cautions: string[] = [];
  if (node.if_not_exists) cautions.push(`IF NOT EXISTS: ${index} may have existed before this migration; drop it only if this migration created it.`);
  else created.add(indexKey);
  // Concurrently, so writes to the table keep going while the index is dropped.
  return { ...undo([`drop index concurrently if exists ${index}`], cautions), outsideTransaction: true };
}

interface SubcommandUndo {
  action?: string;
  manualReason?: string;
  coveredBecause?: string;
  caution?: string;
}

function undoAlterTableSubcommand(cmd: PgNode, relation: PgNode, created: CreatedObjects): SubcommandUndo {
  const name = relationSql(relation);
  const relationCreated = created.has(relationKey(relation));
  const column: string | undefined = cmd.name;
  const columnCovered = (what: string): SubcommandUndo | undefined => {
    if (relationCreated) return { coveredBecause: `${what}: ${createdAndDropped(relation)}` };
    if (column !== undefined && created.has(memberKey('column', relation, column))) {
      return { coveredBecause: `${what}: column ${quoteIdentifier(column)} was added by this migration and the draft drops it` };
    }
    return undefined;
  };

  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const added: string = cmd.def.ColumnDef.colname;
      const drop = `drop column if exists ${quoteIdentifier(added)}`;
      if (cmd.missing_ok && !relationCreated) {
        return {
          manualReason:
            `ADD COLUMN IF NOT EXISTS ${quoteIdentifier(added)}: the column may have existed before this migration, and dropping it would delete its data. ` +
            `If this migration added it, drop it: alter table ${name} ${drop}`,
        };
      }
      created.add(memberKey('column', relation, added));
      return { action: drop };
    }
    case 'AT_AddConstraint': {
      const constraint = cmd.def.Constraint;
      if (constraint.indexname) {
        return { manualReason: `the constraint took over the existing index ${quoteIdentifier(constraint.indexname)}; dropping the constraint would drop that index too` };
      }
      if (!constraint.conname) {
        if (relationCreated) return { coveredBecause: `the unnamed constraint: ${createdAndDropped(relation)}` };
        return { manualReason: `the constraint has no name in the migration, so Postgres chose one; look it up (\\d ${name}) and drop it` };
      }
      created.add(memberKey('constraint', relation, constraint.conname));
      return { action: `drop constraint if exists ${quoteIdentifier(constraint.conname)}` };
    }
    case 'AT_SetNotNull':
      return { action: `alter column ${quoteIdentifier(column ?? '')} drop not null` };
    case 'AT_EnableRowSecurity':
    case 'AT_ForceRowSecurity': {
      const action = cmd.subtype === 'AT_EnableRowSecurity' ? 'disable row level security' : 'no force row level security';
      return {
        action,
        caution: relationCreated
          ? undefined
          : `if row level security was already on for ${name} before this migration, delete "${action}": turning it off exposes every row to the roles granted access to the table.`,
      };
    }
    case 'AT_DisableRowSecurity':
      return { action: 'enable row level security' };
    case 'AT_NoForceRowSecurity':
      return { action: 'force row level security' };
    case 'AT_ValidateConstraint':
      return {};
    case 'AT_AttachPartition':
      return { action: `detach partition ${relationSql(cmd.def.PartitionCmd.name)}` };
    case 'AT_DetachPartition':
      return { manualReason: `detach partition ${relationSql(cmd.def.PartitionCmd.name)}: its partition bounds are not in the migration; attach it again with them` };
    case 'AT_DropColumn':
      return (
        columnCovered(`drop column ${quoteIdentifier(column ?? '')}`) ?? {
          manualReason: `drop column ${quoteIdentifier(column ?? '')}: the column and its data are gone; add it back and restore the data ${FROM_BACKUP}`,
        }
      );
    case 'AT_AlterColumnType':
      return (
        columnCovered(`alter column ${quoteIdentifier(column ?? '')} type`) ?? {
          manualReason: `alter column ${quoteIdentifier(column ?? '')} type: the previous type is not in the migration, and converting back rewrites the table and may not restore every value`,
        }
      );
    case 'AT_ColumnDefault':
      return (
        columnCovered(`alter column ${quoteIdentifier(column ?? '')} default`) ?? {
          manualReason: cmd.def
            ? `alter column ${quoteIdentifier(column ?? '')} set default: the previous default is not in the migration; set it back, or drop the default if there was none`
            : `alter column ${quoteIdentifier(column ?? '')} drop default: the dropped default expression is not in the migration; set it again`,
        }
      );
    case 'AT_DropNotNull':
      return (
        columnCovered(`alter column ${quoteIdentifier(column ?? '')} drop not null`) ?? {
          manualReason:
            `alter column ${quoteIdentifier(column ?? '')} drop not null: setting NOT NULL again scans the table under an ACCESS EXCLUSIVE lock and fails if NULLs were written since; ` +
            `add check (${quoteIdentifier(column ?? '')} is not null) not valid, validate it, then set not null`,
        }
      );
    case 'AT_DropConstraint': {
      const constraintName: string = cmd.name;
      if (relationCreated || created.has(memberKey('constraint', relation, constraintName))) {
        created.delete(memberKey('constraint', relation, constraintName));
        return { coveredBecause: `drop constraint ${quoteIdentifier(constraintName)}: the constraint or its table was created by this migration` };
      }
      return { manualReason: `drop constraint ${quoteIdentifier(constraintName)}: its definition is not in the migration; recreate it (not valid, then validate constraint) from the migration that added it` };
    }
    default: {
      const what = subcommandWords(cmd.subtype);
      if (relationCreated) return { coveredBecause: `${what}: ${createdAndDropped(relation)}` };
      return { manualReason: `${what}: the state before it is not in the migration` };
    }
  }
}

function undoAlterTable(node: PgNode, created: CreatedObjects): StatementUndo {
  const relation = node.relation;
  const keyword = node.objtype === 'OBJECT_TABLE' || node.objtype === 'OBJECT_FOREIGN_TABLE' ? RELATION_KEYWORDS[node.objtype] : undefined;
  if (!keyword) {
    if (created.has(relationKey(relation))) return covered(createdAndDropped(relation));
    return manual(`alter ${objectWords(node.objtype)}: the previous settings are not in the migration`);
  }
  const results = (node.cmds ?? []).map((wrapped: PgNode) => undoAlterTableSubcommand(wrapped.AlterTableCmd, relation, created));
  // Later subcommands ran on the result of earlier ones, so they are undone first.
  const actions = results.map((r: SubcommandUndo) => r.action).filter((a: string | undefined): a is string => !!a).reverse();
  const join = (parts: (string | undefined)[]) => parts.filter((p): p is string => !!p).join('; ') || undefined;
  const outcome: StatementUndo = {
    sql: [],
    cautions: results.map((r: SubcommandUndo) => r.caution).filter((c: string | undefined): c is string => !!c),
    manualReason: join(results.map((r: SubcommandUndo) => r.manualReason)),
    coveredBecause: join(results.map((r: SubcommandUndo) => r.coveredBecause)),
    outsideTransaction: false,
  };
  if (actions.length > 0) {
    const head = `alter ${keyword}${node.missing_ok ? ' if exists' : ''}${relation.inh ? '' : ' only'} ${relationSql(relation)}`;
    outcome.sql.push(actions.length === 1 ? `${head} ${actions[0]}` : `${head}\n  ${actions.join(',\n  ')}`);
  }
  if (!outcome.sql.length && !outcome.manualReason && !outcome.coveredBecause) outcome.nothingToUndo = 'validating a constraint leaves nothing to undo';
  return outcome;
}

function undoRename(node: PgNode, created: CreatedObjects): StatementUndo {
  const ifExists = node.missing_ok ? ' if exists' : '';
  const newName: string = node.newname;
  const relation = node.relation;
  const relationKeyword = RELATION_KEYWORDS[node.renameType];
  if (relationKeyword) {
    created.renameRelation(relation, newName);
    return undo([`alter ${relationKeyword}${ifExists} ${quoteQualified([relation.schemaname, newName])} rename to ${quoteIdentifier(relation.relname)}`]);
  }
  switch (node.renameType) {
    case 'OBJECT_COLUMN':
      created.renameMember('column', relation, node.subname, newName);
      return undo([
        `alter ${RELATION_KEYWORDS[node.relationType] ?? 'table'}${ifExists}${relation.inh ? '' : ' only'} ${relationSql(relation)} rename column ${quoteIdentifier(newName)} to ${quoteIdentifier(node.subname)}`,
      ]);
    case 'OBJECT_TABCONSTRAINT':
      created.renameMember('constraint', relation, node.subname, newName);
      return undo([`alter table${ifExists}${relation.inh ? '' : ' only'} ${relationSql(relation)} rename constraint ${quoteIdentifier(newName)} to ${quoteIdentifier(node.subname)}`]);
    case 'OBJECT_POLICY':
    case 'OBJECT_TRIGGER': {
      const kind = node.renameType === 'OBJECT_POLICY' ? 'policy' : 'trigger';
      created.renameMember(kind, relation, node.subname, newName);
      return undo([`alter ${kind}${ifExists} ${quoteIdentifier(newName)} on ${relationSql(relation)} rename to ${quoteIdentifier(node.subname)}`]);
    }
    case 'OBJECT_SCHEMA':
      created.rename(schemaKey(node.subname), schemaKey(newName));
      return undo([`alter schema ${quoteIdentifier(newName)} rename to ${quoteIdentifier(node.subname)}`]);
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_ROUTINE': {
      const routine = node.object.ObjectWithArgs;
      const names = stringList(routine.objname);
      return undo([`alter ${ROUTINE_KEYWORDS[node.renameType]}${ifExists} ${objectWithArgsSql(routine, newName)} rename to ${quoteIdentifier(names[names.length - 1])}`]);
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const names = stringList(node.object.List?.items ?? node.object.TypeName?.names);
      const renamed = [...names.slice(0, -1), newName];
      created.rename(typeKey(names), typeKey(renamed));
      return undo([`alter ${objectWords(node.renameType)} ${quoteQualified(renamed)} rename to ${quoteIdentifier(names[names.length - 1])}`]);
    }
    default:
      return manual(`renaming a ${objectWords(node.renameType)} is not undone automatically; rename it back by hand`);
  }
}

function routineArgumentTypes(parameters: PgNode[] | undefined): string[] {
  return (parameters ?? [])
    .map((wrapped: PgNode) => wrapped.FunctionParameter)
    .filter((p: PgNode) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE')
    .map((p: PgNode) => typeSql(p.argType));
}

function undoCreateFunction(node: PgNode, created: CreatedObjects): StatementUndo {
  const isProcedure = !!node.is_procedure;
  const kind = isProcedure ? 'procedure' : 'function';
  const names = stringList(node.funcname);
  const signature = `${quoteQualified(names)}(${signatureArguments(node.parameters, isProcedure)})`;
  const cautions: string[] = [];
  if (node.replace) cautions.push(`OR REPLACE: if this replaced an earlier definition of ${signature}, restore that definition instead of dropping the ${kind}.`);
  else created.add(functionKey(names, routineArgumentTypes(node.parameters)));
  return undo([`drop ${kind} if exists ${signature}`], cautions);
}

function privilegesSql(privileges: PgNode[] | undefined): string {
  if (!privileges || privileges.length === 0) return 'all';
  return privileges
    .map((wrapped: PgNode) => {
      const privilege = wrapped.AccessPriv;
      const columns = privilege.cols ? ` (${stringList(privilege.cols).map(quoteIdentifier).join(', ')})` : '';
      return `${privilege.priv_name ?? 'all'}${columns}`;
    })
    .join(', ');
}

const GRANT_OBJECT_KEYWORDS: Record<string, string> = {
  ...RELATION_KEYWORDS,
  // GRANT spells views, materialized views and foreign tables as TABLE.
  OBJECT_VIEW: 'table',
  OBJECT_MATVIEW: 'table',
  OBJECT_FOREIGN_TABLE: 'table',
  ...ROUTINE_KEYWORDS,
  OBJECT_SCHEMA: 'schema',
  OBJECT_DATABASE: 'database',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'domain',
  OBJECT_LANGUAGE: 'language',
  OBJECT_TABLESPACE: 'tablespace',
  OBJECT_FDW: 'foreign data wrapper',
  OBJECT_FOREIGN_SERVER: 'foreign server',
};

const PLURAL_OBJECT_KEYWORDS: Record<string, string> = {
  OBJECT_TABLE: 'tables',
  OBJECT_SEQUENCE: 'sequences',
  OBJECT_FUNCTION: 'functions',
  OBJECT_PROCEDURE: 'procedures',
  OBJECT_ROUTINE: 'routines',
  OBJECT_TYPE: 'types',
  OBJECT_SCHEMA: 'schemas',
  OBJECT_LARGEOBJECT: 'large objects',
};

function grantObjectSql(object: PgNode): string {
  if (object.RangeVar) return relationSql(object.RangeVar);
  if (object.ObjectWithArgs) return objectWithArgsSql(object.ObjectWithArgs);
  if (object.String) return quoteIdentifier(object.String.sval);
  if (object.List) return quoteQualified(stringList(object.List.items));
  return typeSql(object.TypeName);
}

function revokeCaution(grantees: string): string {
  return (
    `a GRANT of a privilege a role already holds changes nothing, so this also revokes privileges ${grantees} may have held before this migration ` +
    `(Supabase grants anon, authenticated and service_role a lot by default); keep only what this migration added.`
  );
}

function undoGrant(node: PgNode, created: CreatedObjects): StatementUndo {
  if (!node.is_grant) return manual('which of these privileges the roles held before is not in the migration; grant back the ones they had');
  const grantees = (node.grantees ?? []).map((wrapped: PgNode) => roleSql(wrapped.RoleSpec)).join(', ');
  const grantedBy = node.grantor ? ` granted by ${roleSql(node.grantor)}` : '';
  const privileges = privilegesSql(node.privileges);
  if (node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
    const plural = PLURAL_OBJECT_KEYWORDS[node.objtype];
    if (!plural) return manual(`GRANT ... ON ALL ${objectWords(node.objtype)} IN SCHEMA is not undone automatically`);
    const schemas = stringList(node.objects).map(quoteIdentifier).join(', ');
    return undo(
      [`revoke ${privileges} on all ${plural} in schema ${schemas} from ${grantees}${grantedBy}`],
      [`this revokes from every one of the ${plural} in the schema as it is now, not only those that existed when the migration ran; ${revokeCaution(grantees)}`],
    );
  }
  const keyword = GRANT_OBJECT_KEYWORDS[node.objtype];
  if (!keyword) return manual(`GRANT on a ${objectWords(node.objtype)} is not undone automatically`);
  const objects: PgNode[] = node.objects ?? [];
  const allCreatedHere = objects.length > 0 && objects.every((object) => created.covers(node.objtype, object));
  return undo([`revoke ${privileges} on ${keyword} ${objects.map(grantObjectSql).join(', ')} from ${grantees}${grantedBy}`], allCreatedHere ? [] : [revokeCaution(grantees)]);
}

function undoGrantRole(node: PgNode): StatementUndo {
  if (!node.is_grant) return manual('the role memberships it revoked are not in the migration as they were; grant back the ones that existed');
  const roles = (node.granted_roles ?? []).map((wrapped: PgNode) => quoteIdentifier(wrapped.AccessPriv.priv_name)).join(', ');
  const grantees = (node.grantee_roles ?? []).map((wrapped: PgNode) => roleSql(wrapped.RoleSpec)).join(', ');
  const grantedBy = node.grantor ? ` granted by ${roleSql(node.grantor)}` : '';
  return undo([`revoke ${roles} from ${grantees}${grantedBy}`], [`if ${grantees} already belonged to ${roles} before this migration, delete this revoke.`]);
}

function undoDefaultPrivileges(node: PgNode): StatementUndo {
  const action = node.action;
  if (!action.is_grant) return manual('the default privileges it revoked are not in the migration as they were; grant back the ones that existed');
  const plural = PLURAL_OBJECT_KEYWORDS[action.objtype];
  if (!plural) return manual(`default privileges on ${objectWords(action.objtype)} are not undone automatically`);
  let scope = '';
  for (const wrapped of node.options ?? []) {
    const option = wrapped.DefElem;
    const items: PgNode[] = option.arg?.List?.items ?? [];
    if (option.defname === 'roles') scope += ` for role ${items.map((item) => roleSql(item.RoleSpec)).join(', ')}`;
    if (option.defname === 'schemas') scope += ` in schema ${stringList(items).map(quoteIdentifier).join(', ')}`;
  }
  const grantees = (action.grantees ?? []).map((wrapped: PgNode) => roleSql(wrapped.RoleSpec)).join(', ');
  return undo([`alter default privileges${scope} revoke ${privilegesSql(action.privileges)} on ${plural} from ${grantees}`], [revokeCaution(grantees)]);
}

function undoCreateSchema(node: PgNode, created: CreatedObjects): StatementUndo {
  const authorizationName = node.authrole?.roletype === 'ROLESPEC_CSTRING' ? node.authrole.rolename : undefined;
  const name: string | undefined = node.schemaname ?? authorizationName;
  if (!name) return manual('the schema is named after the current user, which the migration does not say; drop it by name');
  if (node.schemaElts?.length) return manual(`it also created objects inside schema ${quoteIdentifier(name)}; drop those, then the schema`);
  const cautions: string[] = [];
  if (node.if_not_exists) cautions.push(`IF NOT EXISTS: schema ${quoteIdentifier(name)} may have existed before this migration; drop it only if this migration created it.`);
  else created.add(schemaKey(name));
  return undo([`drop schema if exists ${quoteIdentifier(name)}`], cautions);
}

function ifNotExistsCaution(ifNotExists: boolean | undefined, what: string): string[] {
  return ifNotExists ? [`IF NOT EXISTS: ${what} may have existed before this migration; drop it only if this migration created it.`] : [];
}

function undoDrop(node: PgNode, created: CreatedObjects): StatementUndo {
  const objects: PgNode[] = node.objects ?? [];
  if (objects.length > 0 && objects.every((object) => created.covers(node.removeType, object))) {
    for (const object of objects) {
      const key = created.keyOf(node.removeType, object);
      if (key) created.delete(key);
    }
    return covered(`it dropped what this migration had created earlier`);
  }
  const what = objectWords(node.removeType);
  switch (node.removeType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_SCHEMA':
      return manual(`drop ${what}: its data is gone; recreate it from its definition in earlier migrations and restore the data ${FROM_BACKUP}`);
    case 'OBJECT_SEQUENCE':
      return manual(`drop sequence: recreate it from earlier migrations and set its current value again (setval)`);
    case 'OBJECT_INDEX':
      return manual(`drop index: recreate it (create index concurrently) from its definition in the migration that created it`);
    default:
      return manual(`drop ${what}: its definition is not in this migration; recreate it from the migration that created it`);
  }
}

/** Data changes that went only into objects the draft drops need nothing else. */
function coveredDataChange(statement: Statement, created: CreatedObjects): StatementUndo | undefined {
  const node = statement.node;
  switch (statement.kind) {
    case 'InsertStmt':
    case 'DeleteStmt':
      return created.has(relationKey(node.relation)) ? covered(createdAndDropped(node.relation)) : undefined;
    case 'CopyStmt':
      return node.is_from && node.relation && created.has(relationKey(node.relation)) ? covered(createdAndDropped(node.relation)) : undefined;
    case 'TruncateStmt': {
      const relations: PgNode[] = (node.relations ?? []).map((r: PgNode) => r.RangeVar);
      return relations.every((r) => created.has(relationKey(r))) ? covered('every table it truncated was created by this migration and the draft drops it') : undefined;
    }
    case 'UpdateStmt': {
      if (created.has(relationKey(node.relation))) return covered(createdAndDropped(node.relation));
      const columns: string[] = (node.targetList ?? []).map((target: PgNode) => target.ResTarget.name);
      if (columns.length > 0 && columns.every((column) => created.has(memberKey('column', node.relation, column)))) {
        return covered(`it only set ${columns.map(quoteIdentifier).join(', ')}, added to ${relationSql(node.relation)} by this migration, and the draft drops ${columns.length > 1 ? 'them' : 'it'}`);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

const MANUAL_REASONS: Record<string, string> = {
  InsertStmt: 'the rows it inserted cannot be told apart from later ones automatically; delete them by key if they must go',
  UpdateStmt: `the values it overwrote are not in the migration; restore them ${FROM_BACKUP}`,
  DeleteStmt: `the rows it deleted are gone; restore them ${FROM_BACKUP}`,
  TruncateStmt: `the rows it removed are gone; restore them ${FROM_BACKUP}`,
  CopyStmt: 'the rows it loaded cannot be told apart from later ones automatically; delete them by key if they must go',
  MergeStmt: `the rows it changed are not in the migration as they were; restore them ${FROM_BACKUP}`,
  DoStmt: 'a DO block runs code whose effects the parser cannot see; undo what it did by hand',
  SelectStmt: 'a SELECT can change things through the functions it calls (set_config, cron.schedule, ...); check what this one did',
  CallStmt: 'a CALL runs a procedure whose effects the parser cannot see; undo what it did by hand',
  CommentStmt: 'the previous comment is not in the migration; set it back (comment on ... is null if there was none)',
  AlterOwnerStmt: 'the previous owner is not in the migration; set it back (alter ... owner to ...)',
};

/** Statements that leave nothing behind once the migration's session ends. */
const NOTHING_TO_UNDO: Record<string, string> = {
  VariableSetStmt: 'a session setting',
  VariableShowStmt: 'it only shows a setting',
  TransactionStmt: 'transaction control',
  LockStmt: 'locks end with the transaction',
  VacuumStmt: 'vacuum and analyze change no data or schema',
  NotifyStmt: 'a notification',
  CheckPointStmt: 'a checkpoint',
  RefreshMatViewStmt: 'refreshing a materialized view only recomputes it',
};

/** The compensation for one statement; records what it created in `created`. Requires `loadParser()`. */
export function undoStatement(statement: Statement, created: CreatedObjects): StatementUndo {
  const node = statement.node;
  switch (statement.kind) {
    case 'CreateStmt':
      return undoCreateTable(node.relation, !!node.if_not_exists, 'table', created);
    case 'CreateForeignTableStmt':
      return undoCreateTable(node.base.relation, !!node.base.if_not_exists, 'foreign table', created);
    case 'CreateTableAsStmt': {
      const relation = node.into.rel;
      if (node.objtype !== 'OBJECT_MATVIEW') return undoCreateTable(relation, !!node.if_not_exists, 'table', created);
      if (!node.if_not_exists) created.add(relationKey(relation));
      return undo([`drop materialized view if exists ${relationSql(relation)}`], ifNotExistsCaution(node.if_not_exists, relationSql(relation)));
    }
    case 'IndexStmt':
      return undoCreateIndex(node, created);
    case 'AlterTableStmt':
      return undoAlterTable(node, created);
    case 'RenameStmt':
      return undoRename(node, created);
    case 'CreatePolicyStmt':
      created.add(memberKey('policy', node.table, node.policy_name));
      return undo([`drop policy if exists ${quoteIdentifier(node.policy_name)} on ${relationSql(node.table)}`]);
    case 'CreateFunctionStmt':
      return undoCreateFunction(node, created);
    case 'CreateTrigStmt': {
      const cautions = node.replace ? [`OR REPLACE: if this replaced an earlier trigger ${quoteIdentifier(node.trigname)}, restore that definition instead of dropping it.`] : [];
      if (!node.replace) created.add(memberKey('trigger', node.relation, node.trigname));
      return undo([`drop trigger if exists ${quoteIdentifier(node.trigname)} on ${relationSql(node.relation)}`], cautions);
    }
    case 'CreateEventTrigStmt':
      return undo([`drop event trigger if exists ${quoteIdentifier(node.trigname)}`]);
    case 'CreateEnumStmt':
    case 'CreateRangeStmt': {
      const names = stringList(node.typeName);
      created.add(typeKey(names));
      return undo([`drop type if exists ${quoteQualified(names)}`]);
    }
    case 'CompositeTypeStmt': {
      const names = [node.typevar.schemaname, node.typevar.relname].filter(Boolean);
      created.add(typeKey(names));
      return undo([`drop type if exists ${quoteQualified(names)}`]);
    }
    case 'CreateDomainStmt': {
      const names = stringList(node.domainname);
      created.add(typeKey(names));
      return undo([`drop domain if exists ${quoteQualified(names)}`]);
    }
    case 'AlterEnumStmt': {
      const names = stringList(node.typeName);
      if (node.oldVal !== undefined) return undo([`alter type ${quoteQualified(names)} rename value ${quoteLiteral(node.newVal)} to ${quoteLiteral(node.oldVal)}`]);
      if (created.has(typeKey(names))) return covered(`type ${quoteQualified(names)} was created by this migration and the draft drops it`);
      return manual(`Postgres cannot remove a value from an enum: leave ${quoteLiteral(node.newVal)} unused, or move the columns to a new type without it and drop the old one`);
    }
    case 'ViewStmt': {
      const name = relationSql(node.view);
      const cautions = node.replace ? [`OR REPLACE: if this replaced an earlier definition of ${name}, restore that definition instead of dropping the view.`] : [];
      if (!node.replace) created.add(relationKey(node.view));
      return undo([`drop view if exists ${name}`], cautions);
    }
    case 'CreateSeqStmt':
      if (!node.if_not_exists) created.add(relationKey(node.sequence));
      return undo([`drop sequence if exists ${relationSql(node.sequence)}`], ifNotExistsCaution(node.if_not_exists, relationSql(node.sequence)));
    case 'CreateSchemaStmt':
      return undoCreateSchema(node, created);
    case 'CreateExtensionStmt':
      return undo(
        [`drop extension if exists ${quoteIdentifier(node.extname)}`],
        node.if_not_exists ? [`IF NOT EXISTS: extension ${quoteIdentifier(node.extname)} may have been installed before this migration; dropping it then breaks what uses it.`] : [],
      );
    case 'GrantStmt':
      return undoGrant(node, created);
    case 'GrantRoleStmt':
      return undoGrantRole(node);
    case 'AlterDefaultPrivilegesStmt':
      return undoDefaultPrivileges(node);
    case 'DropStmt':
      return undoDrop(node, created);
    case 'CommentStmt':
      if (created.covers(node.objtype, node.object)) return covered(`the ${objectWords(node.objtype)} it commented on was created by this migration and the draft drops it`);
      return manual(MANUAL_REASONS.CommentStmt);
    case 'AlterOwnerStmt':
      if (created.covers(node.objectType, node.object)) return covered(`the ${objectWords(node.objectType)} it changed was created by this migration and the draft drops it`);
      return manual(MANUAL_REASONS.AlterOwnerStmt);
    default: {
      if (NOTHING_TO_UNDO[statement.kind]) return nothing(NOTHING_TO_UNDO[statement.kind]);
      const coveredChange = coveredDataChange(statement, created);
      if (coveredChange) return coveredChange;
      return manual(MANUAL_REASONS[statement.kind] ?? `${statement.kind.replace(/Stmt$/, '')} statements are not undone automatically; what they changed is not in the migration`);
    }
  }
}
