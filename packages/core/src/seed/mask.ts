/**
 * Masking rules for the anonymised copy, and the detection of columns that probably hold
 * personal data. A detected or listed column is masked unless the configuration keeps it with a
 * written reason; masking happens in this process, before any value is sent to the target.
 */
import { createHmac } from 'node:crypto';
import type { Faker } from '@faker-js/faker';
import type { ColumnRestriction } from './checks';
import type { MaskRule } from './config';
import { SeedError } from './errors';
import { createFaker, derivedSeed } from './faker';
import type { ColumnInfo, SqlType } from './introspect';
import { columnGenerator, fitLength, lengthLimits, nameTokens, textKind, toColumnValue } from './values';

/** The kind of personal data a column name (or an address type) suggests, or undefined. */
export function detectPersonalData(column: Pick<ColumnInfo, 'name' | 'type'>): string | undefined {
  const t = nameTokens(column.name);
  const joined = t.join('');
  const kind = column.type.kind === 'array' ? column.type.element?.kind : column.type.kind;
  if (kind === 'inet' || kind === 'cidr' || kind === 'macaddr' || t.includes('ip')) return 'network address';
  if (joined.includes('email') || t.includes('mail')) return 'email';
  if (t.some((w) => ['phone', 'mobile', 'telephone', 'tel', 'fax', 'msisdn', 'cell'].includes(w))) return 'phone';
  if (t.some((w) => ['address', 'addr', 'street', 'line1', 'line2', 'postcode', 'zip', 'zipcode', 'postal'].includes(w))) return 'address';
  if (t.some((w) => ['name', 'names', 'firstname', 'lastname', 'fullname', 'surname', 'forename', 'username', 'displayname', 'nickname'].includes(w))) return 'name';
  if (t.some((w) => ['birth', 'birthday', 'dob', 'birthdate'].includes(w))) return 'birth date';
  if (t.some((w) => ['ssn', 'passport', 'nin', 'iban', 'tax'].includes(w)) || (t.includes('national') && t.includes('id'))) return 'identity number';
  if (t.includes('card') && t.some((w) => ['number', 'no', 'pan'].includes(w))) return 'payment card';
  if (t.some((w) => ['latitude', 'longitude', 'lat', 'lng', 'geo', 'geolocation'].includes(w))) return 'location';
  return undefined;
}

export interface MaskContext {
  tableName: string;
  column: ColumnInfo;
  restriction: ColumnRestriction;
  seed: number;
  locale: string;
  referenceDate: Date;
  /** HMAC key of `hash`; without one, hashes of low-entropy values (emails) could be reversed by guessing. */
  hashKey: string;
}

/** Turns one source value (as text, or a JSON array for array columns) into what the target receives. */
export type Masker = (value: string | unknown[] | null) => unknown;

const HASHABLE = new Set(['text', 'char', 'uuid', 'smallint', 'integer', 'bigint', 'inet', 'cidr', 'json', 'jsonb', 'bytea']);

function hashText(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

function hashed(type: SqlType, columnName: string, tableName: string, restriction: ColumnRestriction, key: string, value: string, faker: Faker): unknown {
  const hex = hashText(key, value);
  switch (type.kind) {
    case 'uuid':
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    case 'smallint':
      return parseInt(hex.slice(0, 8), 16) % 32767;
    case 'integer':
      return parseInt(hex.slice(0, 8), 16) % 2147483647;
    case 'bigint':
      return parseInt(hex.slice(0, 13), 16);
    case 'inet':
      return `10.${parseInt(hex.slice(0, 2), 16)}.${parseInt(hex.slice(2, 4), 16)}.${parseInt(hex.slice(4, 6), 16)}`;
    case 'cidr':
      return `10.${parseInt(hex.slice(0, 2), 16)}.${parseInt(hex.slice(2, 4), 16)}.0/24`;
    case 'json':
    case 'jsonb':
      return JSON.stringify(hex);
    case 'bytea':
      return Buffer.from(hex, 'hex');
    default: {
      const { min, max } = lengthLimits(type, restriction);
      // An email stays an email (apps and CHECKs test for "@"), at a domain that cannot receive mail.
      const text = textKind(columnName, tableName) === 'email' || value.includes('@') ? `${hex.slice(0, 16)}@example.invalid` : `h${hex}`;
      return fitLength(text, min, max, faker);
    }
  }
}

function describe(ctx: MaskContext): string {
  return `${ctx.tableName}.${ctx.column.name}`;
}

/** Builds the masker of one column; throws SeedError when the rule cannot apply to the column. */
export function buildMasker(rule: MaskRule, ctx: MaskContext): Masker {
  const { column } = ctx;
  const type = column.type;
  const isArray = type.kind === 'array' && type.element !== undefined;
  const valueType = isArray ? type.element! : type;
  const faker = createFaker(ctx.locale, ctx.referenceDate, derivedSeed(ctx.seed, 'mask'));
  switch (rule.kind) {
    case 'keep':
      return (value) => value;
    case 'null':
      if (column.notNull) throw new SeedError(`Cannot mask ${describe(ctx)} with null: the column is NOT NULL. Use "hash", "fake" or {"fixed": value}.`, { column: column.name });
      return () => null;
    case 'fixed': {
      const fixed = toColumnValue(rule.value, type);
      return (value) => (value === null ? null : fixed);
    }
    case 'hash': {
      if (!HASHABLE.has(valueType.kind) && valueType.kind !== 'enum') {
        throw new SeedError(`Cannot mask ${describe(ctx)} with hash: a ${type.name} cannot hold a hash. Use "fake", "null" or {"fixed": value}.`, { column: column.name });
      }
      if (valueType.kind === 'enum') throw new SeedError(`Cannot mask ${describe(ctx)} with hash: enum ${type.name} only takes its labels. Use "fake" or {"fixed": value}.`, { column: column.name });
      const one = (v: unknown) => (v === null ? null : hashed(valueType, column.name, ctx.tableName, isArray ? { excluded: [], notNull: false } : ctx.restriction, ctx.hashKey, String(v), faker));
      return (value) => (value === null ? null : Array.isArray(value) ? value.map(one) : one(value));
    }
    case 'fake': {
      const generate = columnGenerator({ tableName: ctx.tableName, column, restriction: ctx.restriction, faker, referenceDate: ctx.referenceDate });
      if (!generate) throw new SeedError(`Cannot mask ${describe(ctx)} with fake: there is no generator for ${type.name}. Use "hash", "null" or {"fixed": value}.`, { column: column.name });
      // Seeded by the source value: the same person's email becomes the same fake wherever it appears.
      return (value) => {
        if (value === null) return null;
        faker.seed(derivedSeed(ctx.seed, 'fake', Array.isArray(value) ? JSON.stringify(value) : value));
        return generate();
      };
    }
  }
}
