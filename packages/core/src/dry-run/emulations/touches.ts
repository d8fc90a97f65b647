/**
 * Which emulations a statement touches, so the report can say "replayed against an emulation of
 * vector" and make no lock or rewrite claim about behaviour that is only emulated. A textual
 * match on the statement (function bodies included): a label, never a verdict.
 */
import type { ExtensionEmulation } from './types';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const name = (identifier: string) => `(?:"${escape(identifier)}"|\\b${escape(identifier)}\\b)`;

/** One alternative for a list of names. */
const anyOf = (names: readonly string[]) => `(?:${names.map(name).join('|')})`;

/**
 * Any of `names`, unless another emulation's schema qualifies it: pg_net's `net.http_post(` is
 * not the http extension's `http_post(`. The lookbehind follows the names so it is only tried
 * where a name matched.
 */
function unqualifiedName(names: readonly string[], foreignSchemas: readonly string[]): string {
  const any = anyOf(names);
  return foreignSchemas.length ? `${any}(?<!${anyOf(foreignSchemas)}\\s*\\.\\s*${any})` : any;
}

function patternOf(emulation: ExtensionEmulation, others: readonly ExtensionEmulation[]): RegExp | undefined {
  const o = emulation.objects;
  const foreign = others.filter((e) => e !== emulation).flatMap((e) => e.objects.schemas ?? []);
  const unqualified = [...(o.types ?? []), ...(o.relations ?? [])];
  const parts = [
    ...(o.schemas ?? []).map((s) => `${name(s)}\\s*\\.`),
    ...(unqualified.length ? [unqualifiedName(unqualified, foreign)] : []),
    ...(o.functions?.length ? [`${unqualifiedName(o.functions, foreign)}\\s*\\(`] : []),
    ...(o.accessMethods ?? []).map((a) => `\\busing\\s+${name(a)}`),
    ...(o.operators ?? []).map((op) => escape(op)),
  ];
  return parts.length ? new RegExp(parts.join('|'), 'i') : undefined;
}

export class EmulationMatcher {
  private readonly patterns: { name: string; pattern: RegExp }[];

  constructor(emulations: readonly ExtensionEmulation[]) {
    this.patterns = emulations.flatMap((e) => {
      const pattern = patternOf(e, emulations);
      return pattern ? [{ name: e.name, pattern }] : [];
    });
  }

  /** Names of the emulations whose objects the SQL mentions. */
  touchedBy(sql: string): string[] {
    return this.patterns.filter((p) => p.pattern.test(sql)).map((p) => p.name);
  }
}
