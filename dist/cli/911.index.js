"use strict";
exports.id = 911;
exports.ids = [911];
exports.modules = {

/***/ 911:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  y2: () => (/* binding */ draftForwardFix),
  yU: () => (/* binding */ nextVersion)
});

// UNUSED EXPORTS: MAX_DRAFT_IN_COMMENT, formatDraftForComment, quoteIdentifier

// EXTERNAL MODULE: ./packages/core/src/discovery.ts + 1 modules
var discovery = __webpack_require__(8379);
// EXTERNAL MODULE: ./packages/core/src/draft-fix/sql-text.ts
var sql_text = __webpack_require__(7087);
;// CONCATENATED MODULE: ./packages/core/src/draft-fix/created-objects.ts
/**
 * What the migration itself created, followed statement by statement (including renames), so the
 * draft can tell a data change or a DROP that only touched those objects, which the draft removes
 * anyway, from one that needs manual work.
 */

/**
 * Unqualified names are taken to live in `public`: the schema Postgres and Supabase put them in
 * by default. A custom search_path only makes the draft ask for manual work it did not need.
 */
const DEFAULT_SCHEMA = 'public';
function lastTwo(names) {
    const name = names[names.length - 1] ?? '';
    return [names.length >= 2 ? names[names.length - 2] : DEFAULT_SCHEMA, name];
}
function relationKey(rangeVar) {
    return ['relation', rangeVar.schemaname ?? DEFAULT_SCHEMA, rangeVar.relname];
}
/** A relation given as a name list (`t`, `s.t`, `db.s.t`). */
function relationKeyFromNames(names) {
    return ['relation', ...lastTwo(names)];
}
/** A column, constraint, policy or trigger of a relation. */
function memberKey(kind, rangeVar, name) {
    return [kind, rangeVar.schemaname ?? DEFAULT_SCHEMA, rangeVar.relname, name];
}
function typeKey(names) {
    return ['type', ...lastTwo(names)];
}
function schemaKey(name) {
    return ['schema', name];
}
/** Input argument types only: that is how GRANT, COMMENT and DROP name a function. */
function functionKey(names, argumentTypes) {
    return ['function', ...lastTwo(names), argumentTypes.join(', ')];
}
function encode(key) {
    return key.join('\u0000');
}
const RELATION_OBJECT_TYPES = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_INDEX', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE']);
const MEMBER_KINDS = {
    OBJECT_COLUMN: 'column',
    OBJECT_TABCONSTRAINT: 'constraint',
    OBJECT_POLICY: 'policy',
    OBJECT_TRIGGER: 'trigger',
};
const MEMBER_KIND_VALUES = new Set(Object.values(MEMBER_KINDS));
class CreatedObjects {
    keys = new Set();
    add(key) {
        this.keys.add(encode(key));
    }
    has(key) {
        return this.keys.has(encode(key));
    }
    hasWithPrefix(prefix) {
        const encoded = encode(prefix);
        for (const key of this.keys)
            if (key === encoded || key.startsWith(encoded + '\u0000'))
                return true;
        return false;
    }
    /** Forgets `key` and everything that belongs to it (a dropped table's columns, ...). */
    delete(key) {
        const encoded = encode(key);
        for (const existing of [...this.keys])
            if (existing === encoded || existing.startsWith(encoded + '\u0000'))
                this.keys.delete(existing);
    }
    /** Follows a rename of `from` (if the migration created it) and of everything that belongs to it. */
    rename(from, to) {
        const oldPrefix = encode(from);
        const newPrefix = encode(to);
        for (const key of [...this.keys]) {
            if (key === oldPrefix || key.startsWith(oldPrefix + '\u0000')) {
                this.keys.delete(key);
                this.keys.add(newPrefix + key.slice(oldPrefix.length));
            }
        }
    }
    renameRelation(rangeVar, newName) {
        const schema = rangeVar.schemaname ?? DEFAULT_SCHEMA;
        for (const kind of ['relation', 'column', 'constraint', 'policy', 'trigger'])
            this.rename([kind, schema, rangeVar.relname], [kind, schema, newName]);
    }
    renameMember(kind, rangeVar, oldName, newName) {
        this.rename(memberKey(kind, rangeVar, oldName), memberKey(kind, rangeVar, newName));
    }
    /**
     * The registry key of an object as GRANT, COMMENT and DROP name it (`objtype` is the
     * statement's object type), or undefined for kinds this module does not follow.
     */
    keyOf(objtype, object) {
        if (RELATION_OBJECT_TYPES.has(objtype)) {
            if (object.RangeVar)
                return relationKey(object.RangeVar);
            if (object.List)
                return relationKeyFromNames((0,sql_text/* stringList */.Yn)(object.List.items));
            return undefined;
        }
        const memberKind = MEMBER_KINDS[objtype];
        if (memberKind && object.List) {
            const names = (0,sql_text/* stringList */.Yn)(object.List.items);
            const relationNames = names.slice(0, -1);
            return [memberKind, ...lastTwo(relationNames), names[names.length - 1]];
        }
        if (objtype === 'OBJECT_FUNCTION' || objtype === 'OBJECT_PROCEDURE' || objtype === 'OBJECT_ROUTINE') {
            const routine = object.ObjectWithArgs;
            if (!routine)
                return undefined;
            const names = (0,sql_text/* stringList */.Yn)(routine.objname);
            if (routine.args_unspecified)
                return ['function', ...lastTwo(names)];
            return functionKey(names, (routine.objargs ?? []).map((arg) => (0,sql_text/* typeSql */.xn)(arg.TypeName)));
        }
        if (objtype === 'OBJECT_TYPE' || objtype === 'OBJECT_DOMAIN') {
            if (object.TypeName)
                return typeKey((0,sql_text/* stringList */.Yn)(object.TypeName.names));
            if (object.List)
                return typeKey((0,sql_text/* stringList */.Yn)(object.List.items));
            return undefined;
        }
        if (objtype === 'OBJECT_SCHEMA' && object.String)
            return schemaKey(object.String.sval);
        return undefined;
    }
    /**
     * Whether the migration created the object (or, for a column/constraint/policy/trigger, its
     * relation). A function named without arguments matches any created function of that name.
     */
    covers(objtype, object) {
        const key = this.keyOf(objtype, object);
        if (!key)
            return false;
        if (key[0] === 'function')
            return key.length === 3 ? this.hasWithPrefix(key) : this.has(key);
        if (MEMBER_KIND_VALUES.has(key[0]))
            return this.has(key) || this.has(['relation', key[1], key[2]]);
        return this.has(key);
    }
}

;// CONCATENATED MODULE: ./packages/core/src/draft-fix/compensate.ts


function undo(sql, cautions = []) {
    return { sql, cautions, outsideTransaction: false };
}
function manual(reason) {
    return { sql: [], cautions: [], manualReason: reason, outsideTransaction: false };
}
function covered(because) {
    return { sql: [], cautions: [], coveredBecause: because, outsideTransaction: false };
}
function nothing(why) {
    return { sql: [], cautions: [], nothingToUndo: why, outsideTransaction: false };
}
const RELATION_KEYWORDS = {
    OBJECT_TABLE: 'table',
    OBJECT_VIEW: 'view',
    OBJECT_MATVIEW: 'materialized view',
    OBJECT_INDEX: 'index',
    OBJECT_SEQUENCE: 'sequence',
    OBJECT_FOREIGN_TABLE: 'foreign table',
};
const ROUTINE_KEYWORDS = {
    OBJECT_FUNCTION: 'function',
    OBJECT_PROCEDURE: 'procedure',
    OBJECT_ROUTINE: 'routine',
};
const OBJECT_WORDS = {
    OBJECT_TABCONSTRAINT: 'constraint',
    OBJECT_MATVIEW: 'materialized view',
    OBJECT_FDW: 'foreign data wrapper',
    OBJECT_LARGEOBJECT: 'large object',
};
/** `OBJECT_FOREIGN_TABLE` → `foreign table`, for messages. */
function objectWords(objtype) {
    if (objtype && OBJECT_WORDS[objtype])
        return OBJECT_WORDS[objtype];
    return (objtype ?? 'OBJECT').replace(/^OBJECT_/, '').replace(/_/g, ' ').toLowerCase();
}
/** `AT_SetStatistics` → `set statistics`, for messages. */
function subcommandWords(subtype) {
    return subtype
        .replace(/^AT_/, '')
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase();
}
const FROM_BACKUP = 'from a backup or point-in-time recovery';
function createdAndDropped(rangeVar) {
    return `${(0,sql_text/* relationSql */.jK)(rangeVar)} was created by this migration and the draft drops it`;
}
function undoCreateTable(relation, ifNotExists, keyword, created) {
    const name = (0,sql_text/* relationSql */.jK)(relation);
    if (relation.relpersistence === 't')
        return nothing('a temporary table disappears with the session that created it');
    if (ifNotExists) {
        return manual(`IF NOT EXISTS: ${name} may have existed before this migration (which then changed nothing), and dropping it would delete its data. ` +
            `If this migration created it, drop it: drop ${keyword} if exists ${name}`);
    }
    created.add(relationKey(relation));
    return undo([`drop ${keyword} if exists ${name}`]);
}
function undoCreateIndex(node, created) {
    const table = node.relation;
    const onCreatedTable = created.has(relationKey(table));
    if (!node.idxname) {
        if (onCreatedTable)
            return covered(`the index goes with ${createdAndDropped(table)}`);
        return manual(`the index has no name in the migration, so Postgres chose one; look it up (\\d ${(0,sql_text/* relationSql */.jK)(table)}) and drop it with drop index concurrently`);
    }
    // An index lives in its table's schema.
    const index = (0,sql_text/* quoteQualified */.$s)([table.schemaname, node.idxname]);
    const indexKey = relationKey({ schemaname: table.schemaname, relname: node.idxname });
    if (onCreatedTable) {
        created.add(indexKey);
        // The draft drops the table later anyway, under an ACCESS EXCLUSIVE lock: nothing is gained by
        // dropping the index concurrently, which would force the whole draft out of a transaction.
        return undo([`drop index if exists ${index}`]);
    }
    const cautions = [];
    if (node.if_not_exists)
        cautions.push(`IF NOT EXISTS: ${index} may have existed before this migration; drop it only if this migration created it.`);
    else
        created.add(indexKey);
    // Concurrently, so writes to the table keep going while the index is dropped.
    return { ...undo([`drop index concurrently if exists ${index}`], cautions), outsideTransaction: true };
}
function undoAlterTableSubcommand(cmd, relation, created) {
    const name = (0,sql_text/* relationSql */.jK)(relation);
    const relationCreated = created.has(relationKey(relation));
    const column = cmd.name;
    const columnCovered = (what) => {
        if (relationCreated)
            return { coveredBecause: `${what}: ${createdAndDropped(relation)}` };
        if (column !== undefined && created.has(memberKey('column', relation, column))) {
            return { coveredBecause: `${what}: column ${(0,sql_text/* quoteIdentifier */.Cm)(column)} was added by this migration and the draft drops it` };
        }
        return undefined;
    };
    switch (cmd.subtype) {
        case 'AT_AddColumn': {
            const added = cmd.def.ColumnDef.colname;
            const drop = `drop column if exists ${(0,sql_text/* quoteIdentifier */.Cm)(added)}`;
            if (cmd.missing_ok && !relationCreated) {
                return {
                    manualReason: `ADD COLUMN IF NOT EXISTS ${(0,sql_text/* quoteIdentifier */.Cm)(added)}: the column may have existed before this migration, and dropping it would delete its data. ` +
                        `If this migration added it, drop it: alter table ${name} ${drop}`,
                };
            }
            created.add(memberKey('column', relation, added));
            return { action: drop };
        }
        case 'AT_AddConstraint': {
            const constraint = cmd.def.Constraint;
            if (constraint.indexname) {
                return { manualReason: `the constraint took over the existing index ${(0,sql_text/* quoteIdentifier */.Cm)(constraint.indexname)}; dropping the constraint would drop that index too` };
            }
            if (!constraint.conname) {
                if (relationCreated)
                    return { coveredBecause: `the unnamed constraint: ${createdAndDropped(relation)}` };
                return { manualReason: `the constraint has no name in the migration, so Postgres chose one; look it up (\\d ${name}) and drop it` };
            }
            created.add(memberKey('constraint', relation, constraint.conname));
            return { action: `drop constraint if exists ${(0,sql_text/* quoteIdentifier */.Cm)(constraint.conname)}` };
        }
        case 'AT_SetNotNull':
            return { action: `alter column ${(0,sql_text/* quoteIdentifier */.Cm)(column ?? '')} drop not null` };
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
            return { action: `detach partition ${(0,sql_text/* relationSql */.jK)(cmd.def.PartitionCmd.name)}` };
        case 'AT_DetachPartition':
            return { manualReason: `detach partition ${(0,sql_text/* relationSql */.jK)(cmd.def.PartitionCmd.name)}: its partition bounds are not in the migration; attach it again with them` };
        case 'AT_DropColumn':
            return (columnCovered(`drop column ${(0,sql_text/* quoteIdentifier */.Cm)(column ?? '')}`) ?? {
                manualReason: `drop column ${(0,sql_text/* quoteIdentifier */.Cm)(column ?? '')}: the column and its data are gone; add it back and restore the data ${FROM_BACKUP}`,
            });
        case 'AT_AlterColumnType':
            return (columnCovered(`alter column ${(0,sql_text/* quoteIdentifier */.Cm)(column ?? '')} type`) ?? {
                manualReason: `alter column ${(0,sql_text/* quoteIdentifier */.Cm)(column ?? '')} type: the previous type is not in the migration, and converting back rewrites the table and may not restore every value`,
            });
        case 'AT_ColumnDefault':
            return (columnCovered(`alter column ${(0,sql_text/* quoteIdentifier */.Cm)(column ?? '')} default`) ?? {
                manualReason: cmd.def
                    ? `alter column ${(0,sql_text/* quoteIdentifier */.Cm)(column ?? '')} set default: the previous default is not in the migration; set it back, or drop the default if there was none`
                    : `alter column ${(0,sql_text/* quoteIdentifier */.Cm)(column ?? '')} drop default: the dropped default expression is not in the migration; set it again`,
            });
        case 'AT_DropNotNull':
            return (columnCovered(`alter column ${(0,sql_text/* quoteIdentifier */.Cm)(column ?? '')} drop not null`) ?? {
                manualReason: `alter column ${(0,sql_text/* quoteIdentifier */.Cm)(column ?? '')} drop not null: setting NOT NULL again scans the table under an ACCESS EXCLUSIVE lock and fails if NULLs were written since; ` +
                    `add check (${(0,sql_text/* quoteIdentifier */.Cm)(column ?? '')} is not null) not valid, validate it, then set not null`,
            });
        case 'AT_DropConstraint': {
            const constraintName = cmd.name;
            if (relationCreated || created.has(memberKey('constraint', relation, constraintName))) {
                created.delete(memberKey('constraint', relation, constraintName));
                return { coveredBecause: `drop constraint ${(0,sql_text/* quoteIdentifier */.Cm)(constraintName)}: the constraint or its table was created by this migration` };
            }
            return { manualReason: `drop constraint ${(0,sql_text/* quoteIdentifier */.Cm)(constraintName)}: its definition is not in the migration; recreate it (not valid, then validate constraint) from the migration that added it` };
        }
        default: {
            const what = subcommandWords(cmd.subtype);
            if (relationCreated)
                return { coveredBecause: `${what}: ${createdAndDropped(relation)}` };
            return { manualReason: `${what}: the state before it is not in the migration` };
        }
    }
}
function undoAlterTable(node, created) {
    const relation = node.relation;
    const keyword = node.objtype === 'OBJECT_TABLE' || node.objtype === 'OBJECT_FOREIGN_TABLE' ? RELATION_KEYWORDS[node.objtype] : undefined;
    if (!keyword) {
        if (created.has(relationKey(relation)))
            return covered(createdAndDropped(relation));
        return manual(`alter ${objectWords(node.objtype)}: the previous settings are not in the migration`);
    }
    const results = (node.cmds ?? []).map((wrapped) => undoAlterTableSubcommand(wrapped.AlterTableCmd, relation, created));
    // Later subcommands ran on the result of earlier ones, so they are undone first.
    const actions = results.map((r) => r.action).filter((a) => !!a).reverse();
    const join = (parts) => parts.filter((p) => !!p).join('; ') || undefined;
    const outcome = {
        sql: [],
        cautions: results.map((r) => r.caution).filter((c) => !!c),
        manualReason: join(results.map((r) => r.manualReason)),
        coveredBecause: join(results.map((r) => r.coveredBecause)),
        outsideTransaction: false,
    };
    if (actions.length > 0) {
        const head = `alter ${keyword}${node.missing_ok ? ' if exists' : ''}${relation.inh ? '' : ' only'} ${(0,sql_text/* relationSql */.jK)(relation)}`;
        outcome.sql.push(actions.length === 1 ? `${head} ${actions[0]}` : `${head}\n  ${actions.join(',\n  ')}`);
    }
    if (!outcome.sql.length && !outcome.manualReason && !outcome.coveredBecause)
        outcome.nothingToUndo = 'validating a constraint leaves nothing to undo';
    return outcome;
}
function undoRename(node, created) {
    const ifExists = node.missing_ok ? ' if exists' : '';
    const newName = node.newname;
    const relation = node.relation;
    const relationKeyword = RELATION_KEYWORDS[node.renameType];
    if (relationKeyword) {
        created.renameRelation(relation, newName);
        return undo([`alter ${relationKeyword}${ifExists} ${(0,sql_text/* quoteQualified */.$s)([relation.schemaname, newName])} rename to ${(0,sql_text/* quoteIdentifier */.Cm)(relation.relname)}`]);
    }
    switch (node.renameType) {
        case 'OBJECT_COLUMN':
            created.renameMember('column', relation, node.subname, newName);
            return undo([
                `alter ${RELATION_KEYWORDS[node.relationType] ?? 'table'}${ifExists}${relation.inh ? '' : ' only'} ${(0,sql_text/* relationSql */.jK)(relation)} rename column ${(0,sql_text/* quoteIdentifier */.Cm)(newName)} to ${(0,sql_text/* quoteIdentifier */.Cm)(node.subname)}`,
            ]);
        case 'OBJECT_TABCONSTRAINT':
            created.renameMember('constraint', relation, node.subname, newName);
            return undo([`alter table${ifExists}${relation.inh ? '' : ' only'} ${(0,sql_text/* relationSql */.jK)(relation)} rename constraint ${(0,sql_text/* quoteIdentifier */.Cm)(newName)} to ${(0,sql_text/* quoteIdentifier */.Cm)(node.subname)}`]);
        case 'OBJECT_POLICY':
        case 'OBJECT_TRIGGER': {
            const kind = node.renameType === 'OBJECT_POLICY' ? 'policy' : 'trigger';
            created.renameMember(kind, relation, node.subname, newName);
            return undo([`alter ${kind}${ifExists} ${(0,sql_text/* quoteIdentifier */.Cm)(newName)} on ${(0,sql_text/* relationSql */.jK)(relation)} rename to ${(0,sql_text/* quoteIdentifier */.Cm)(node.subname)}`]);
        }
        case 'OBJECT_SCHEMA':
            created.rename(schemaKey(node.subname), schemaKey(newName));
            return undo([`alter schema ${(0,sql_text/* quoteIdentifier */.Cm)(newName)} rename to ${(0,sql_text/* quoteIdentifier */.Cm)(node.subname)}`]);
        case 'OBJECT_FUNCTION':
        case 'OBJECT_PROCEDURE':
        case 'OBJECT_ROUTINE': {
            const routine = node.object.ObjectWithArgs;
            const names = (0,sql_text/* stringList */.Yn)(routine.objname);
            return undo([`alter ${ROUTINE_KEYWORDS[node.renameType]}${ifExists} ${(0,sql_text/* objectWithArgsSql */.fj)(routine, newName)} rename to ${(0,sql_text/* quoteIdentifier */.Cm)(names[names.length - 1])}`]);
        }
        case 'OBJECT_TYPE':
        case 'OBJECT_DOMAIN': {
            const names = (0,sql_text/* stringList */.Yn)(node.object.List?.items ?? node.object.TypeName?.names);
            const renamed = [...names.slice(0, -1), newName];
            created.rename(typeKey(names), typeKey(renamed));
            return undo([`alter ${objectWords(node.renameType)} ${(0,sql_text/* quoteQualified */.$s)(renamed)} rename to ${(0,sql_text/* quoteIdentifier */.Cm)(names[names.length - 1])}`]);
        }
        default:
            return manual(`renaming a ${objectWords(node.renameType)} is not undone automatically; rename it back by hand`);
    }
}
function routineArgumentTypes(parameters) {
    return (parameters ?? [])
        .map((wrapped) => wrapped.FunctionParameter)
        .filter((p) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE')
        .map((p) => (0,sql_text/* typeSql */.xn)(p.argType));
}
function undoCreateFunction(node, created) {
    const isProcedure = !!node.is_procedure;
    const kind = isProcedure ? 'procedure' : 'function';
    const names = (0,sql_text/* stringList */.Yn)(node.funcname);
    const signature = `${(0,sql_text/* quoteQualified */.$s)(names)}(${(0,sql_text/* signatureArguments */.DC)(node.parameters, isProcedure)})`;
    const cautions = [];
    if (node.replace)
        cautions.push(`OR REPLACE: if this replaced an earlier definition of ${signature}, restore that definition instead of dropping the ${kind}.`);
    else
        created.add(functionKey(names, routineArgumentTypes(node.parameters)));
    return undo([`drop ${kind} if exists ${signature}`], cautions);
}
function privilegesSql(privileges) {
    if (!privileges || privileges.length === 0)
        return 'all';
    return privileges
        .map((wrapped) => {
        const privilege = wrapped.AccessPriv;
        const columns = privilege.cols ? ` (${(0,sql_text/* stringList */.Yn)(privilege.cols).map(sql_text/* quoteIdentifier */.Cm).join(', ')})` : '';
        return `${privilege.priv_name ?? 'all'}${columns}`;
    })
        .join(', ');
}
const GRANT_OBJECT_KEYWORDS = {
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
const PLURAL_OBJECT_KEYWORDS = {
    OBJECT_TABLE: 'tables',
    OBJECT_SEQUENCE: 'sequences',
    OBJECT_FUNCTION: 'functions',
    OBJECT_PROCEDURE: 'procedures',
    OBJECT_ROUTINE: 'routines',
    OBJECT_TYPE: 'types',
    OBJECT_SCHEMA: 'schemas',
    OBJECT_LARGEOBJECT: 'large objects',
};
function grantObjectSql(object) {
    if (object.RangeVar)
        return (0,sql_text/* relationSql */.jK)(object.RangeVar);
    if (object.ObjectWithArgs)
        return (0,sql_text/* objectWithArgsSql */.fj)(object.ObjectWithArgs);
    if (object.String)
        return (0,sql_text/* quoteIdentifier */.Cm)(object.String.sval);
    if (object.List)
        return (0,sql_text/* quoteQualified */.$s)((0,sql_text/* stringList */.Yn)(object.List.items));
    return (0,sql_text/* typeSql */.xn)(object.TypeName);
}
function revokeCaution(grantees) {
    return (`a GRANT of a privilege a role already holds changes nothing, so this also revokes privileges ${grantees} may have held before this migration ` +
        `(Supabase grants anon, authenticated and service_role a lot by default); keep only what this migration added.`);
}
function undoGrant(node, created) {
    if (!node.is_grant)
        return manual('which of these privileges the roles held before is not in the migration; grant back the ones they had');
    const grantees = (node.grantees ?? []).map((wrapped) => (0,sql_text/* roleSql */.Vh)(wrapped.RoleSpec)).join(', ');
    const grantedBy = node.grantor ? ` granted by ${(0,sql_text/* roleSql */.Vh)(node.grantor)}` : '';
    const privileges = privilegesSql(node.privileges);
    if (node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
        const plural = PLURAL_OBJECT_KEYWORDS[node.objtype];
        if (!plural)
            return manual(`GRANT ... ON ALL ${objectWords(node.objtype)} IN SCHEMA is not undone automatically`);
        const schemas = (0,sql_text/* stringList */.Yn)(node.objects).map(sql_text/* quoteIdentifier */.Cm).join(', ');
        return undo([`revoke ${privileges} on all ${plural} in schema ${schemas} from ${grantees}${grantedBy}`], [`this revokes from every one of the ${plural} in the schema as it is now, not only those that existed when the migration ran; ${revokeCaution(grantees)}`]);
    }
    const keyword = GRANT_OBJECT_KEYWORDS[node.objtype];
    if (!keyword)
        return manual(`GRANT on a ${objectWords(node.objtype)} is not undone automatically`);
    const objects = node.objects ?? [];
    const allCreatedHere = objects.length > 0 && objects.every((object) => created.covers(node.objtype, object));
    return undo([`revoke ${privileges} on ${keyword} ${objects.map(grantObjectSql).join(', ')} from ${grantees}${grantedBy}`], allCreatedHere ? [] : [revokeCaution(grantees)]);
}
function undoGrantRole(node) {
    if (!node.is_grant)
        return manual('the role memberships it revoked are not in the migration as they were; grant back the ones that existed');
    const roles = (node.granted_roles ?? []).map((wrapped) => (0,sql_text/* quoteIdentifier */.Cm)(wrapped.AccessPriv.priv_name)).join(', ');
    const grantees = (node.grantee_roles ?? []).map((wrapped) => (0,sql_text/* roleSql */.Vh)(wrapped.RoleSpec)).join(', ');
    const grantedBy = node.grantor ? ` granted by ${(0,sql_text/* roleSql */.Vh)(node.grantor)}` : '';
    return undo([`revoke ${roles} from ${grantees}${grantedBy}`], [`if ${grantees} already belonged to ${roles} before this migration, delete this revoke.`]);
}
function undoDefaultPrivileges(node) {
    const action = node.action;
    if (!action.is_grant)
        return manual('the default privileges it revoked are not in the migration as they were; grant back the ones that existed');
    const plural = PLURAL_OBJECT_KEYWORDS[action.objtype];
    if (!plural)
        return manual(`default privileges on ${objectWords(action.objtype)} are not undone automatically`);
    let scope = '';
    for (const wrapped of node.options ?? []) {
        const option = wrapped.DefElem;
        const items = option.arg?.List?.items ?? [];
        if (option.defname === 'roles')
            scope += ` for role ${items.map((item) => (0,sql_text/* roleSql */.Vh)(item.RoleSpec)).join(', ')}`;
        if (option.defname === 'schemas')
            scope += ` in schema ${(0,sql_text/* stringList */.Yn)(items).map(sql_text/* quoteIdentifier */.Cm).join(', ')}`;
    }
    const grantees = (action.grantees ?? []).map((wrapped) => (0,sql_text/* roleSql */.Vh)(wrapped.RoleSpec)).join(', ');
    return undo([`alter default privileges${scope} revoke ${privilegesSql(action.privileges)} on ${plural} from ${grantees}`], [revokeCaution(grantees)]);
}
function undoCreateSchema(node, created) {
    const authorizationName = node.authrole?.roletype === 'ROLESPEC_CSTRING' ? node.authrole.rolename : undefined;
    const name = node.schemaname ?? authorizationName;
    if (!name)
        return manual('the schema is named after the current user, which the migration does not say; drop it by name');
    if (node.schemaElts?.length)
        return manual(`it also created objects inside schema ${(0,sql_text/* quoteIdentifier */.Cm)(name)}; drop those, then the schema`);
    const cautions = [];
    if (node.if_not_exists)
        cautions.push(`IF NOT EXISTS: schema ${(0,sql_text/* quoteIdentifier */.Cm)(name)} may have existed before this migration; drop it only if this migration created it.`);
    else
        created.add(schemaKey(name));
    return undo([`drop schema if exists ${(0,sql_text/* quoteIdentifier */.Cm)(name)}`], cautions);
}
function ifNotExistsCaution(ifNotExists, what) {
    return ifNotExists ? [`IF NOT EXISTS: ${what} may have existed before this migration; drop it only if this migration created it.`] : [];
}
function undoDrop(node, created) {
    const objects = node.objects ?? [];
    if (objects.length > 0 && objects.every((object) => created.covers(node.removeType, object))) {
        for (const object of objects) {
            const key = created.keyOf(node.removeType, object);
            if (key)
                created.delete(key);
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
function coveredDataChange(statement, created) {
    const node = statement.node;
    switch (statement.kind) {
        case 'InsertStmt':
        case 'DeleteStmt':
            return created.has(relationKey(node.relation)) ? covered(createdAndDropped(node.relation)) : undefined;
        case 'CopyStmt':
            return node.is_from && node.relation && created.has(relationKey(node.relation)) ? covered(createdAndDropped(node.relation)) : undefined;
        case 'TruncateStmt': {
            const relations = (node.relations ?? []).map((r) => r.RangeVar);
            return relations.every((r) => created.has(relationKey(r))) ? covered('every table it truncated was created by this migration and the draft drops it') : undefined;
        }
        case 'UpdateStmt': {
            if (created.has(relationKey(node.relation)))
                return covered(createdAndDropped(node.relation));
            const columns = (node.targetList ?? []).map((target) => target.ResTarget.name);
            if (columns.length > 0 && columns.every((column) => created.has(memberKey('column', node.relation, column)))) {
                return covered(`it only set ${columns.map(sql_text/* quoteIdentifier */.Cm).join(', ')}, added to ${(0,sql_text/* relationSql */.jK)(node.relation)} by this migration, and the draft drops ${columns.length > 1 ? 'them' : 'it'}`);
            }
            return undefined;
        }
        default:
            return undefined;
    }
}
const MANUAL_REASONS = {
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
const NOTHING_TO_UNDO = {
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
function undoStatement(statement, created) {
    const node = statement.node;
    switch (statement.kind) {
        case 'CreateStmt':
            return undoCreateTable(node.relation, !!node.if_not_exists, 'table', created);
        case 'CreateForeignTableStmt':
            return undoCreateTable(node.base.relation, !!node.base.if_not_exists, 'foreign table', created);
        case 'CreateTableAsStmt': {
            const relation = node.into.rel;
            if (node.objtype !== 'OBJECT_MATVIEW')
                return undoCreateTable(relation, !!node.if_not_exists, 'table', created);
            if (!node.if_not_exists)
                created.add(relationKey(relation));
            return undo([`drop materialized view if exists ${(0,sql_text/* relationSql */.jK)(relation)}`], ifNotExistsCaution(node.if_not_exists, (0,sql_text/* relationSql */.jK)(relation)));
        }
        case 'IndexStmt':
            return undoCreateIndex(node, created);
        case 'AlterTableStmt':
            return undoAlterTable(node, created);
        case 'RenameStmt':
            return undoRename(node, created);
        case 'CreatePolicyStmt':
            created.add(memberKey('policy', node.table, node.policy_name));
            return undo([`drop policy if exists ${(0,sql_text/* quoteIdentifier */.Cm)(node.policy_name)} on ${(0,sql_text/* relationSql */.jK)(node.table)}`]);
        case 'CreateFunctionStmt':
            return undoCreateFunction(node, created);
        case 'CreateTrigStmt': {
            const cautions = node.replace ? [`OR REPLACE: if this replaced an earlier trigger ${(0,sql_text/* quoteIdentifier */.Cm)(node.trigname)}, restore that definition instead of dropping it.`] : [];
            if (!node.replace)
                created.add(memberKey('trigger', node.relation, node.trigname));
            return undo([`drop trigger if exists ${(0,sql_text/* quoteIdentifier */.Cm)(node.trigname)} on ${(0,sql_text/* relationSql */.jK)(node.relation)}`], cautions);
        }
        case 'CreateEventTrigStmt':
            return undo([`drop event trigger if exists ${(0,sql_text/* quoteIdentifier */.Cm)(node.trigname)}`]);
        case 'CreateEnumStmt':
        case 'CreateRangeStmt': {
            const names = (0,sql_text/* stringList */.Yn)(node.typeName);
            created.add(typeKey(names));
            return undo([`drop type if exists ${(0,sql_text/* quoteQualified */.$s)(names)}`]);
        }
        case 'CompositeTypeStmt': {
            const names = [node.typevar.schemaname, node.typevar.relname].filter(Boolean);
            created.add(typeKey(names));
            return undo([`drop type if exists ${(0,sql_text/* quoteQualified */.$s)(names)}`]);
        }
        case 'CreateDomainStmt': {
            const names = (0,sql_text/* stringList */.Yn)(node.domainname);
            created.add(typeKey(names));
            return undo([`drop domain if exists ${(0,sql_text/* quoteQualified */.$s)(names)}`]);
        }
        case 'AlterEnumStmt': {
            const names = (0,sql_text/* stringList */.Yn)(node.typeName);
            if (node.oldVal !== undefined)
                return undo([`alter type ${(0,sql_text/* quoteQualified */.$s)(names)} rename value ${(0,sql_text/* quoteLiteral */.ce)(node.newVal)} to ${(0,sql_text/* quoteLiteral */.ce)(node.oldVal)}`]);
            if (created.has(typeKey(names)))
                return covered(`type ${(0,sql_text/* quoteQualified */.$s)(names)} was created by this migration and the draft drops it`);
            return manual(`Postgres cannot remove a value from an enum: leave ${(0,sql_text/* quoteLiteral */.ce)(node.newVal)} unused, or move the columns to a new type without it and drop the old one`);
        }
        case 'ViewStmt': {
            const name = (0,sql_text/* relationSql */.jK)(node.view);
            const cautions = node.replace ? [`OR REPLACE: if this replaced an earlier definition of ${name}, restore that definition instead of dropping the view.`] : [];
            if (!node.replace)
                created.add(relationKey(node.view));
            return undo([`drop view if exists ${name}`], cautions);
        }
        case 'CreateSeqStmt':
            if (!node.if_not_exists)
                created.add(relationKey(node.sequence));
            return undo([`drop sequence if exists ${(0,sql_text/* relationSql */.jK)(node.sequence)}`], ifNotExistsCaution(node.if_not_exists, (0,sql_text/* relationSql */.jK)(node.sequence)));
        case 'CreateSchemaStmt':
            return undoCreateSchema(node, created);
        case 'CreateExtensionStmt':
            return undo([`drop extension if exists ${(0,sql_text/* quoteIdentifier */.Cm)(node.extname)}`], node.if_not_exists ? [`IF NOT EXISTS: extension ${(0,sql_text/* quoteIdentifier */.Cm)(node.extname)} may have been installed before this migration; dropping it then breaks what uses it.`] : []);
        case 'GrantStmt':
            return undoGrant(node, created);
        case 'GrantRoleStmt':
            return undoGrantRole(node);
        case 'AlterDefaultPrivilegesStmt':
            return undoDefaultPrivileges(node);
        case 'DropStmt':
            return undoDrop(node, created);
        case 'CommentStmt':
            if (created.covers(node.objtype, node.object))
                return covered(`the ${objectWords(node.objtype)} it commented on was created by this migration and the draft drops it`);
            return manual(MANUAL_REASONS.CommentStmt);
        case 'AlterOwnerStmt':
            if (created.covers(node.objectType, node.object))
                return covered(`the ${objectWords(node.objectType)} it changed was created by this migration and the draft drops it`);
            return manual(MANUAL_REASONS.AlterOwnerStmt);
        default: {
            if (NOTHING_TO_UNDO[statement.kind])
                return nothing(NOTHING_TO_UNDO[statement.kind]);
            const coveredChange = coveredDataChange(statement, created);
            if (coveredChange)
                return coveredChange;
            return manual(MANUAL_REASONS[statement.kind] ?? `${statement.kind.replace(/Stmt$/, '')} statements are not undone automatically; what they changed is not in the migration`);
        }
    }
}

;// CONCATENATED MODULE: ./packages/core/src/draft-fix/index.ts
/**
 * Drafted forward fixes. Migration Gate never rolls back on its own: when a deploy fails part-way,
 * or an applied migration turns out unwanted, it drafts a new migration that undoes what the
 * statements' syntax trees allow, and lists what needs a human (data changes, drops, ...).
 * The draft is pure text for a reviewer; nothing here touches a database.
 */






/** The lock timeout the deploy uses by default: fail fast instead of queueing traffic behind a DROP. */
const LOCK_TIMEOUT = "set lock_timeout = '5s'";
const MIGRATION_NAME_CHARACTERS = /[^A-Za-z0-9_.-]+/g;
const QUOTED_STATEMENT_LINES = 6;
function versionToDate(version) {
    const [year, month, day, hour, minute, second] = [0, 4, 6, 8, 10, 12].map((start, i) => Number(version.slice(start, start + (i === 0 ? 4 : 2))));
    return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}
function checkedVersion(version, what) {
    if (!/^\d{14}$/.test(version) || !(0,discovery/* isValidTimestamp */.xP)(version))
        throw new Error(`${what} "${version}" is not a 14-digit migration version (yyyymmddhhmmss, UTC).`);
    return version;
}
/** `now`, or one second after the newest of `after` when that is not earlier than `now`. */
function nextVersion(now, after) {
    const candidate = (0,discovery/* timestampVersion */.RI)(now);
    const newest = after.reduce((a, b) => (b > a ? b : a), '');
    if (newest < candidate)
        return candidate;
    return (0,discovery/* timestampVersion */.RI)(new Date(versionToDate(newest).getTime() + 1000));
}
function draftName(migration) {
    // A migration's name may hold anything the CLI accepts (`pkg@name-1.0.1`); the draft's stays plain.
    const source = migration.version ? migration.name : migration.fileName.replace(/\.sql$/i, '').replace(/^[\d_-]+/, '');
    const name = source.replace(MIGRATION_NAME_CHARACTERS, '_') || 'migration';
    return `revert_${name}`;
}
/** One line of a statement for a comment: whitespace collapsed, long text shortened. */
function preview(statement, width = 80) {
    const line = statement.text.replace(/\s+/g, ' ').trim();
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
function draft_fix_location(migration, statement) {
    return `${migration.path}:${statement.line}`;
}
function quotedStatement(statement) {
    const lines = statement.text.split('\n');
    const shown = lines.slice(0, QUOTED_STATEMENT_LINES).map((line) => `--   ${line}`.trimEnd());
    if (lines.length > QUOTED_STATEMENT_LINES)
        shown.push(`--   … (${lines.length - QUOTED_STATEMENT_LINES} more lines)`);
    return shown;
}
function statementBlock(migration, statement, outcome) {
    const where = draft_fix_location(migration, statement);
    const lines = [];
    if (outcome.sql.length > 0) {
        lines.push(`-- undoes ${where}  ${preview(statement)}`);
        for (const caution of outcome.cautions)
            lines.push(`-- REVIEW: ${caution}`);
        for (const sql of outcome.sql)
            lines.push(`${sql};`);
    }
    if (outcome.manualReason) {
        lines.push(`-- MANUAL: ${where} — ${outcome.manualReason}`, ...quotedStatement(statement));
    }
    if (outcome.coveredBecause)
        lines.push(`-- ${where}  ${preview(statement)} — nothing to undo: ${outcome.coveredBecause}`);
    if (outcome.nothingToUndo)
        lines.push(`-- ${where}  ${preview(statement)} — nothing to undo: ${outcome.nothingToUndo}`);
    return lines;
}
/** Postgres keeps the half-built index of a failed concurrent build, marked INVALID; it still slows every write. */
function leavesInvalidIndex(statement) {
    return statement.kind === 'IndexStmt' && !!statement.node.concurrent && !!statement.node.idxname;
}
function plural(count, one, many = `${one}s`) {
    return `${count} ${count === 1 ? one : many}`;
}
function header(migration, facts) {
    const { ran, failedStatementIndex, needingManualWork: manual } = facts;
    const lines = [
        `-- DRAFT forward fix for ${migration.fileName} — review before committing. Generated by migration-gate draft-fix.`,
        '--',
        '-- Derived from the syntax tree of each statement the migration ran, undoing them in reverse order.',
        '-- Data changes cannot be reversed automatically: rows it inserted, updated or deleted, and data in',
        '-- columns or tables it dropped, are not restored. Dropping what it created also deletes any data',
        '-- written there since it ran.',
    ];
    if (failedStatementIndex !== undefined) {
        const failed = migration.statements[failedStatementIndex];
        if (!failed)
            lines.push('-- It failed after its last statement ran, so all of them are undone.');
        else {
            lines.push(`-- It failed at statement ${failedStatementIndex + 1} (${draft_fix_location(migration, failed)}); only the ${plural(ran.length, 'statement')} before it ran, so only those are undone`);
            lines.push(leavesInvalidIndex(failed) ? '-- (and the INVALID index its failed concurrent build left behind).' : '-- (the failed statement itself was rolled back).');
        }
    }
    lines.push('--');
    if (manual.length === 0) {
        lines.push('-- Needs manual work: none.');
    }
    else {
        lines.push(`-- Needs manual work (${manual.length}), marked MANUAL below:`);
        for (const statement of manual)
            lines.push(`--   - ${draft_fix_location(migration, statement)}  ${preview(statement)}`);
    }
    if (facts.cautions > 0)
        lines.push(`-- Check the ${plural(facts.cautions, 'REVIEW note')}: there the draft may undo more than this migration did.`);
    if (facts.outsideTransaction) {
        lines.push('--', '-- DROP INDEX CONCURRENTLY cannot run inside a transaction, so this migration runs statement by statement:', '-- transaction: none');
    }
    return lines;
}
/**
 * Drafts the migration that undoes `migration` (or the part of it that ran). Requires
 * `loadParser()` to have resolved; throws when the migration did not parse or an option is invalid.
 */
function draftForwardFix(migration, options = {}) {
    if (!migration.parsed)
        throw new Error(`${migration.path} did not parse, so no forward fix can be drafted from its syntax tree.`);
    const { failedStatementIndex } = options;
    if (failedStatementIndex !== undefined && (!Number.isInteger(failedStatementIndex) || failedStatementIndex < 0 || failedStatementIndex > migration.statements.length)) {
        throw new RangeError(`failedStatementIndex ${failedStatementIndex} is not a statement of ${migration.path} (it has ${migration.statements.length}).`);
    }
    const mustSortAfter = [];
    if (migration.version)
        mustSortAfter.push(migration.version);
    if (options.latestVersion !== undefined)
        mustSortAfter.push(checkedVersion(options.latestVersion, 'latestVersion'));
    const version = nextVersion(options.now ?? new Date(), mustSortAfter);
    const ran = failedStatementIndex === undefined ? migration.statements : migration.statements.slice(0, failedStatementIndex);
    const created = new CreatedObjects();
    const outcomes = ran.map((statement) => ({ statement, outcome: undoStatement(statement, created) }));
    const failed = failedStatementIndex === undefined ? undefined : migration.statements[failedStatementIndex];
    if (failed && leavesInvalidIndex(failed))
        outcomes.push({ statement: failed, outcome: undoStatement(failed, created) });
    const reversed = [...outcomes].reverse();
    const needingManualWork = outcomes.filter(({ outcome }) => outcome.manualReason);
    const outsideTransaction = outcomes.some(({ outcome }) => outcome.outsideTransaction);
    const blocks = reversed.map(({ statement, outcome }) => statementBlock(migration, statement, outcome).join('\n'));
    const headerLines = header(migration, {
        ran,
        failedStatementIndex,
        needingManualWork: needingManualWork.map(({ statement }) => statement),
        cautions: outcomes.reduce((sum, { outcome }) => sum + (outcome.sql.length > 0 ? outcome.cautions.length : 0), 0),
        outsideTransaction,
    });
    // The SET ends the header comment block, so nothing quoted below can be read as a directive.
    const sql = [headerLines.join('\n'), `${LOCK_TIMEOUT};`, ...blocks].join('\n\n') + '\n';
    return {
        fileName: `${version}_${draftName(migration)}.sql`,
        version,
        sql,
        compensated: outcomes.filter(({ outcome }) => outcome.sql.length > 0).length,
        manual: needingManualWork.map(({ statement, outcome }) => ({ line: statement.line, statement: statement.text, reason: outcome.manualReason })),
    };
}
/** Longest draft shown in a comment; the whole draft is in the job log and `migration-gate draft-fix`. */
const MAX_DRAFT_IN_COMMENT = 20_000;
/** A collapsible block for a PR comment or job summary; the fence outgrows any backticks in the SQL. */
function formatDraftForComment(draft) {
    const counts = `${plural(draft.compensated, 'statement')} undone, ${plural(draft.manual.length, 'statement')} need${draft.manual.length === 1 ? 's' : ''} manual work`;
    const sql = redactPasswords(draft.sql.trimEnd());
    const shown = sql.length > MAX_DRAFT_IN_COMMENT ? `${sql.slice(0, MAX_DRAFT_IN_COMMENT)}\n-- … ${sql.length - MAX_DRAFT_IN_COMMENT} more characters: run "migration-gate draft-fix" for the whole draft` : sql;
    return [
        '<details>',
        `<summary>Draft forward fix <code>${htmlText(draft.fileName)}</code>: ${counts}</summary>`,
        '',
        'Nothing was rolled back automatically. This draft was derived from the migration’s syntax tree: review it, do the steps marked MANUAL, then commit it as a new migration.',
        '',
        mdFence(shown, 'sql'),
        '',
        '</details>',
        '',
    ].join('\n');
}


/***/ }),

/***/ 7087:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $s: () => (/* binding */ quoteQualified),
/* harmony export */   Cm: () => (/* binding */ quoteIdentifier),
/* harmony export */   DC: () => (/* binding */ signatureArguments),
/* harmony export */   Vh: () => (/* binding */ roleSql),
/* harmony export */   Yn: () => (/* binding */ stringList),
/* harmony export */   ce: () => (/* binding */ quoteLiteral),
/* harmony export */   fj: () => (/* binding */ objectWithArgsSql),
/* harmony export */   jK: () => (/* binding */ relationSql),
/* harmony export */   xn: () => (/* binding */ typeSql)
/* harmony export */ });
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5966);
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(libpg_query__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Writing SQL text from parser nodes. libpg-query 18 has no deparser, and the compensating
 * statements only ever need names, type names, roles and privileges, so they are spelled here.
 * Identifiers follow Postgres's own `quote_ident` rules, so the output reads like hand-written SQL.
 */

/** The scanner's keyword categories; only unreserved keywords may be used as bare identifiers. */
const UNRESERVED_KEYWORD = 1;
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;
const keywordNeedsQuotes = new Map();
function isKeywordNeedingQuotes(word) {
    let answer = keywordNeedsQuotes.get(word);
    if (answer === undefined) {
        // Asking the real scanner keeps this exact for the parser version in use (e.g. `user`, `int`, `left`).
        const kind = libpg_query__WEBPACK_IMPORTED_MODULE_0__.scanSync(word).tokens[0]?.keywordKind ?? 0;
        answer = kind > UNRESERVED_KEYWORD;
        keywordNeedsQuotes.set(word, answer);
    }
    return answer;
}
/** Requires `loadParser()` to have resolved. */
function quoteIdentifier(name) {
    if (PLAIN_IDENTIFIER.test(name) && !isKeywordNeedingQuotes(name))
        return name;
    return `"${name.replace(/"/g, '""')}"`;
}
function quoteLiteral(value) {
    return `'${value.replace(/'/g, "''")}'`;
}
function quoteQualified(parts) {
    return parts
        .filter((part) => part !== undefined && part !== '')
        .map(quoteIdentifier)
        .join('.');
}
/** `[{String:{sval:'a'}}, ...]` → `['a', ...]`. */
function stringList(list) {
    return (list ?? []).map((item) => item?.String?.sval ?? '');
}
/** A `RangeVar` body as written: schema-qualified only if the migration qualified it. */
function relationSql(rangeVar) {
    return quoteQualified([rangeVar.catalogname, rangeVar.schemaname, rangeVar.relname]);
}
/**
 * Names the parser substitutes for SQL-standard type spellings (`int` → `pg_catalog.int4`).
 * Written back in the standard spelling, because bare `int4` could resolve to a user type.
 */
const STANDARD_TYPE_SPELLING = {
    int2: 'smallint',
    int4: 'integer',
    int8: 'bigint',
    float4: 'real',
    float8: 'double precision',
    bool: 'boolean',
    varchar: 'character varying',
    bpchar: 'character',
    numeric: 'numeric',
    timestamp: 'timestamp',
    timestamptz: 'timestamp with time zone',
    time: 'time',
    timetz: 'time with time zone',
    interval: 'interval',
    bit: 'bit',
    varbit: 'bit varying',
};
/**
 * A type as it identifies a function argument: without typmods, which Postgres ignores there.
 */
function typeSql(typeName) {
    const names = stringList(typeName?.names);
    let base;
    if (names.length === 2 && names[0] === 'pg_catalog' && STANDARD_TYPE_SPELLING[names[1]]) {
        base = STANDARD_TYPE_SPELLING[names[1]];
    }
    else {
        base = quoteQualified(names);
    }
    if (typeName?.pct_type)
        base += '%type';
    const dimensions = Array.isArray(typeName?.arrayBounds) ? typeName.arrayBounds.length : 0;
    return base + '[]'.repeat(dimensions);
}
const SIGNATURE_MODES = {
    FUNC_PARAM_DEFAULT: '',
    FUNC_PARAM_IN: '',
    FUNC_PARAM_INOUT: 'inout ',
    FUNC_PARAM_VARIADIC: 'variadic ',
    FUNC_PARAM_OUT: 'out ',
};
/**
 * The argument list that identifies a routine. Functions are identified by their input
 * arguments only; procedures (Postgres 14+) also by their OUT arguments, so those stay, marked `out`.
 */
function signatureArguments(parameters, isProcedure) {
    const parts = [];
    for (const wrapped of parameters ?? []) {
        const parameter = wrapped.FunctionParameter;
        const mode = parameter.mode ?? 'FUNC_PARAM_DEFAULT';
        if (mode === 'FUNC_PARAM_TABLE')
            continue;
        if (mode === 'FUNC_PARAM_OUT' && !isProcedure)
            continue;
        parts.push(`${SIGNATURE_MODES[mode] ?? ''}${typeSql(parameter.argType)}`);
    }
    return parts.join(', ');
}
/** An `ObjectWithArgs` body (`f(int, text)` in GRANT, DROP, ALTER FUNCTION) as SQL. */
function objectWithArgsSql(object, nameOverride) {
    const names = stringList(object.objname);
    if (nameOverride !== undefined)
        names[names.length - 1] = nameOverride;
    const name = quoteQualified(names);
    if (object.args_unspecified)
        return name;
    return `${name}(${(object.objargs ?? []).map((arg) => typeSql(arg.TypeName)).join(', ')})`;
}
function roleSql(role) {
    switch (role?.roletype) {
        case 'ROLESPEC_CSTRING':
            return quoteIdentifier(role.rolename);
        case 'ROLESPEC_CURRENT_ROLE':
            return 'current_role';
        case 'ROLESPEC_CURRENT_USER':
            return 'current_user';
        case 'ROLESPEC_SESSION_USER':
            return 'session_user';
        default:
            return 'public';
    }
}


/***/ })

};
;