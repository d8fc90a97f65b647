/**
 * Seeded faker instances. Every column gets its own instance, seeded from the run's seed and the
 * column's identity, so that adding a column or a table does not change the values of the others,
 * and the same seed always gives the same rows.
 */
import { createHash } from 'node:crypto';
import { allLocales, base, en, faker as referenceFaker, Faker, type LocaleDefinition } from '@faker-js/faker';

/** Four 32-bit words from the seed and the parts, for faker's Mersenne Twister. */
export function derivedSeed(seed: number, ...parts: string[]): number[] {
  const digest = createHash('sha256').update(JSON.stringify([seed, ...parts])).digest();
  return [digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8), digest.readUInt32BE(12)];
}

export function createFaker(locale: string, referenceDate: Date, seed: number[]): Faker {
  const chain: LocaleDefinition[] = [];
  const chosen = (allLocales as Record<string, LocaleDefinition>)[locale];
  if (chosen && chosen !== en) chain.push(chosen);
  chain.push(en, base);
  const instance = new Faker({ locale: chain });
  instance.seed(seed);
  // Faker's dates default to "now"; a fixed reference keeps runs on different days identical.
  instance.setDefaultRefDate(referenceDate);
  return instance;
}

export type FakerMethod = (...args: unknown[]) => unknown;

/**
 * Looks up a method path such as `internet.email` on `instance`. Returns the bound method, or a
 * sentence explaining why the path is not a faker method.
 */
export function resolveFakerMethod(methodPath: string, instance: Faker = referenceFaker): FakerMethod | string {
  const parts = methodPath.split('.');
  if (parts.length !== 2 || parts.some((p) => !/^[A-Za-z]\w*$/.test(p))) return `"${methodPath}" is not a faker method path; expected module.method such as "internet.email".`;
  const [moduleName, methodName] = parts;
  const module = (instance as unknown as Record<string, unknown>)[moduleName];
  if (typeof module !== 'object' || module === null || moduleName.startsWith('_')) return `faker has no module "${moduleName}" (e.g. person, internet, location, commerce, lorem).`;
  const method = (module as Record<string, unknown>)[methodName];
  if (typeof method !== 'function') return `faker.${moduleName} has no method "${methodName}".`;
  return (method as FakerMethod).bind(module);
}
