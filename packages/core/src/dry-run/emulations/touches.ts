/**
 * Which emulations a statement touches, so the report can say "replayed against an emulation of
 * vector" and make no lock or rewrite claim about behaviour that is only emulated. A textual
 * match on the statement (function bodies included): a label, never a verdict.
 */
import type { ExtensionEmulation } from './types';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const name = (identifier: string) => `(?:"${escape(identifier)}"|\\b${escape(identifier)}\\b)`;

function patternOf(emulation: ExtensionEmulation): RegExp | undefined {
  const o = emulation.objects;
  const parts = [
    ...(o.schemas ?? []).map((s) => `${name(s)}\\s*\\.`),
    ...(o.types ?? []).map((t) => name(t)),
    ...(o.functions ?? []).map((f) => `${name(f)}\\s*\\(`),
    ...(o.relations ?? []).map((r) => name(r)),
    ...(o.accessMethods ?? []).map((a) => `\\busing\\s+${name(a)}`),
    ...(o.operators ?? []).map((op) => escape(op)),
  ];
  return parts.length ? new RegExp(parts.join('|'), 'i') : undefined;
}

export class EmulationMatcher {
  private readonly patterns: { name: string; pattern: RegExp }[];

  constructor(emulations: readonly ExtensionEmulation[]) {
    this.patterns = emulations.flatMap((e) => {
      const pattern = patternOf(e);
      return pattern ? [{ name: e.name, pattern }] : [];
    });
  }

  /** Names of the emulations whose objects the SQL mentions. */
  touchedBy(sql: string): string[] {
    return this.patterns.filter((p) => p.pattern.test(sql)).map((p) => p.name);
  }
}
