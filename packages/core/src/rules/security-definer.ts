/**
 * Shared by the SECURITY DEFINER rules: finds the statements that make a function SECURITY DEFINER
 * and what became of that function by the end of the migrations.
 */
import type { Statement } from '../model';
import type { RuleContext } from './rule';
import type { FunctionInfo, SchemaState } from './schema-state';
import { defElems, functionReference, qualifiedFromParts, strings, type PgNode } from './sql';

export interface SecurityDefinerSite {
  /** The function as it is before this statement (undefined for a function this statement creates). */
  before?: FunctionInfo;
  /** The function after every checked migration ran (given that state); undefined when a later migration dropped it. */
  final(finalState: SchemaState): FunctionInfo | undefined;
  /** The statement itself attaches SET search_path. */
  pinsSearchPath: boolean;
  /** Byte offset of the SECURITY DEFINER clause. */
  location?: number;
  name: string;
}

/** The SECURITY DEFINER option in a raw option list (`DefElem` wrappers), if any. */
function definerOption(list: PgNode[] | undefined): PgNode | undefined {
  if (!list) return undefined;
  for (let i = 0; i < list.length; i++) {
    const option = list[i].DefElem;
    if (option?.defname === 'security' && option.arg?.Boolean?.boolval === true) return option;
  }
  return undefined;
}

function pinsSearchPath(options: PgNode[]): boolean {
  return options.some((o) => o.defname === 'set' && o.arg?.VariableSetStmt?.name === 'search_path' && o.arg.VariableSetStmt.kind !== 'VAR_RESET');
}

/** The statements that can make a function SECURITY DEFINER. */
export const SECURITY_DEFINER_KINDS: readonly string[] = ['CreateFunctionStmt', 'AlterFunctionStmt'];

/** Shared and frozen, like NO_VIOLATIONS: nearly every function is SECURITY INVOKER. */
const NO_SITES: SecurityDefinerSite[] = Object.freeze([]) as unknown as SecurityDefinerSite[];

/**
 * Looks for the SECURITY DEFINER option first, in the raw option list: the sites and their
 * closures are built in helpers, for the few functions that have it (see sql.ts).
 */
export function securityDefinerSites(statement: Statement, context: RuleContext): SecurityDefinerSite[] {
  const node = statement.node;
  if (statement.kind === 'CreateFunctionStmt') {
    const definer = definerOption(node.options);
    return definer ? createdFunctionSites(statement, definer) : NO_SITES;
  }
  if (statement.kind === 'AlterFunctionStmt' && node.func) {
    const definer = definerOption(node.actions);
    return definer ? alteredFunctionSites(statement, context, definer) : NO_SITES;
  }
  return NO_SITES;
}

function createdFunctionSites(statement: Statement, definer: PgNode): SecurityDefinerSite[] {
  const node = statement.node;
  return [
    {
      final: (finalState) => finalState.functionDefinedBy(statement),
      pinsSearchPath: pinsSearchPath(defElems(node.options)),
      location: definer.location,
      name: qualifiedFromParts(strings(node.funcname)),
    },
  ];
}

function alteredFunctionSites(statement: Statement, context: RuleContext, definer: PgNode): SecurityDefinerSite[] {
  const node = statement.node;
  const actions = defElems(node.actions);
  const { name, signature } = functionReference(node.func);
  return context.state.functionsNamed(name, signature).map((before) => ({
    before,
    final: (finalState: SchemaState) => finalState.functionById(before.id),
    pinsSearchPath: pinsSearchPath(actions) || before.searchPathPinned,
    location: definer.location,
    name: before.name,
  }));
}
