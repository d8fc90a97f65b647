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

function definerOption(options: PgNode[]): PgNode | undefined {
  return options.find((o) => o.defname === 'security' && o.arg?.Boolean?.boolval === true);
}

function pinsSearchPath(options: PgNode[]): boolean {
  return options.some((o) => o.defname === 'set' && o.arg?.VariableSetStmt?.name === 'search_path' && o.arg.VariableSetStmt.kind !== 'VAR_RESET');
}

/** The statements that can make a function SECURITY DEFINER. */
export const SECURITY_DEFINER_KINDS: readonly string[] = ['CreateFunctionStmt', 'AlterFunctionStmt'];

export function securityDefinerSites(statement: Statement, context: RuleContext): SecurityDefinerSite[] {
  const node = statement.node;
  if (statement.kind === 'CreateFunctionStmt') {
    const options = defElems(node.options);
    const definer = definerOption(options);
    if (!definer) return [];
    return [
      {
        final: (finalState) => finalState.functionDefinedBy(statement),
        pinsSearchPath: pinsSearchPath(options),
        location: definer.location,
        name: qualifiedFromParts(strings(node.funcname)),
      },
    ];
  }
  if (statement.kind === 'AlterFunctionStmt' && node.func) {
    const actions = defElems(node.actions);
    const definer = definerOption(actions);
    if (!definer) return [];
    const { name, signature } = functionReference(node.func);
    return context.state.functionsNamed(name, signature).map((before) => ({
      before,
      final: (finalState: SchemaState) => finalState.functionById(before.id),
      pinsSearchPath: pinsSearchPath(actions) || before.searchPathPinned,
      location: definer.location,
      name: before.name,
    }));
  }
  return [];
}
