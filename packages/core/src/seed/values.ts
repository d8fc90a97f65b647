/**
 * Realistic values for one column: what the column's name suggests (email, first name, price,
 * created_at, ...) shaped by its SQL type (length, precision, enum labels, array, json) and by
 * the restrictions read from CHECK constraints. Values are returned in the form node-postgres
 * sends unchanged: strings for dates, numerics and JSON (no local-time-zone conversions, no
 * floating-point rounding), numbers for integers and floats, arrays for array columns.
 */
import type { Faker } from '@faker-js/faker';
import type { ColumnRestriction } from './checks';
import type { ColumnInfo, SqlType, TypeKind } from './introspect';

export type ValueGenerator = () => unknown;

export interface ColumnContext {
  /** Table name without schema, for names whose meaning depends on the table (`products.name`). */
  tableName: string;
  column: Pick<ColumnInfo, 'name' | 'type'>;
  restriction: ColumnRestriction;
  faker: Faker;
  referenceDate: Date;
}

/** `avatarURL`, `avatar_url` → [avatar, url] */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function has(tokens: string[], ...words: string[]): boolean {
  return words.some((w) => tokens.includes(w));
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses')) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

const PERSON_TABLES = ['user', 'profile', 'customer', 'author', 'member', 'employee', 'person', 'people', 'contact', 'account', 'staff', 'student', 'teacher', 'patient', 'owner', 'client', 'subscriber', 'participant', 'driver', 'guest'];
const PRODUCT_TABLES = ['product', 'item', 'sku', 'article', 'good', 'listing', 'offer'];
const COMPANY_TABLES = ['company', 'organization', 'organisation', 'org', 'team', 'tenant', 'workspace', 'vendor', 'supplier', 'brand', 'merchant', 'business'];
const TAG_TABLES = ['tag', 'category', 'label', 'topic', 'genre', 'keyword', 'skill'];

/** What a text column holds, judged from its name (and its table's name for a bare `name`). */
export type TextKind =
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'middleName'
  | 'fullName'
  | 'username'
  | 'phone'
  | 'imageUrl'
  | 'url'
  | 'streetAddress'
  | 'city'
  | 'state'
  | 'countryCode'
  | 'country'
  | 'zipCode'
  | 'company'
  | 'jobTitle'
  | 'slug'
  | 'title'
  | 'paragraph'
  | 'ip'
  | 'userAgent'
  | 'color'
  | 'currency'
  | 'code'
  | 'secret'
  | 'timeZone'
  | 'locale'
  | 'sex'
  | 'fileName'
  | 'mimeType'
  | 'domain'
  | 'iban'
  | 'cardNumber'
  | 'productName'
  | 'word'
  | 'words';

export function textKind(columnName: string, tableName: string): TextKind {
  const t = nameTokens(columnName);
  const table = nameTokens(tableName).map(singular);
  if (has(t, 'email', 'mail') || t.join('').includes('email')) return 'email';
  if (has(t, 'firstname', 'forename') || (has(t, 'first', 'given') && has(t, 'name'))) return 'firstName';
  if (has(t, 'lastname', 'surname') || (has(t, 'last', 'family') && has(t, 'name'))) return 'lastName';
  if (has(t, 'middle') && has(t, 'name')) return 'middleName';
  if (has(t, 'username', 'login', 'handle', 'nickname') || (has(t, 'user', 'screen', 'nick') && has(t, 'name'))) return 'username';
  if (has(t, 'fullname', 'displayname') || (has(t, 'name') && has(t, 'full', 'display', 'contact', 'author', 'customer', 'owner', 'legal', 'billing', 'shipping'))) return 'fullName';
  if (has(t, 'phone', 'mobile', 'telephone', 'tel', 'fax', 'cell', 'msisdn')) return 'phone';
  if (has(t, 'avatar', 'image', 'photo', 'picture', 'thumbnail', 'logo', 'icon', 'banner', 'cover', 'img')) return 'imageUrl';
  if (has(t, 'url', 'website', 'homepage', 'link', 'href', 'uri', 'site')) return 'url';
  if (has(t, 'ip')) return 'ip';
  if (has(t, 'street', 'address', 'addr', 'line1', 'line2')) return 'streetAddress';
  if (has(t, 'city', 'town', 'locality')) return 'city';
  if (has(t, 'country') && has(t, 'code', 'iso')) return 'countryCode';
  if (has(t, 'country')) return 'country';
  if (has(t, 'state', 'province', 'region', 'county') && !has(t, 'status')) return 'state';
  if (has(t, 'zip', 'zipcode', 'postal', 'postcode')) return 'zipCode';
  if (has(t, 'company', 'organization', 'organisation', 'employer', 'business')) return 'company';
  if (has(t, 'job', 'occupation', 'profession')) return 'jobTitle';
  if (has(t, 'slug')) return 'slug';
  if (has(t, 'agent')) return 'userAgent';
  if (has(t, 'color', 'colour')) return 'color';
  if (has(t, 'currency')) return 'currency';
  if (has(t, 'iban')) return 'iban';
  if (has(t, 'card') && has(t, 'number', 'no', 'pan')) return 'cardNumber';
  if (has(t, 'password', 'hash', 'digest', 'token', 'secret', 'key', 'salt', 'signature', 'nonce')) return 'secret';
  if (has(t, 'timezone', 'tz') || (has(t, 'time') && has(t, 'zone'))) return 'timeZone';
  if (has(t, 'locale', 'language', 'lang')) return 'locale';
  if (has(t, 'gender', 'sex')) return 'sex';
  if (has(t, 'mime', 'mimetype') || (has(t, 'content', 'media') && has(t, 'type'))) return 'mimeType';
  if (has(t, 'filename', 'file', 'path')) return 'fileName';
  if (has(t, 'domain', 'hostname', 'host')) return 'domain';
  if (has(t, 'sku', 'code', 'reference', 'ref', 'serial', 'barcode', 'isbn', 'coupon', 'voucher')) return 'code';
  if (has(t, 'title', 'subject', 'headline', 'caption', 'heading')) return 'title';
  if (has(t, 'description', 'bio', 'about', 'summary', 'body', 'content', 'notes', 'note', 'comment', 'message', 'text', 'excerpt', 'details', 'instructions', 'reason', 'feedback', 'review')) return 'paragraph';
  if (has(t, 'status', 'type', 'kind', 'category', 'tag', 'tags', 'label', 'role', 'source', 'channel', 'method', 'plan', 'tier', 'level', 'mode', 'stage')) return 'word';
  if (has(t, 'name') || has(t, 'names')) {
    if (table.some((w) => PERSON_TABLES.includes(w))) return 'fullName';
    if (table.some((w) => PRODUCT_TABLES.includes(w))) return 'productName';
    if (table.some((w) => COMPANY_TABLES.includes(w))) return 'company';
    if (table.some((w) => TAG_TABLES.includes(w))) return 'word';
    if (table.includes('city')) return 'city';
    if (table.includes('country')) return 'country';
    return 'words';
  }
  return 'words';
}

const LOCALES = ['en-US', 'en-GB', 'fr-FR', 'de-DE', 'es-ES', 'pt-BR', 'ja-JP', 'nl-NL', 'it-IT', 'sv-SE'];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function textOfKind(kind: TextKind, f: Faker): string {
  switch (kind) {
    case 'email':
      return f.internet.email().toLowerCase();
    case 'firstName':
      return f.person.firstName();
    case 'lastName':
      return f.person.lastName();
    case 'middleName':
      return f.person.middleName();
    case 'fullName':
      return f.person.fullName();
    case 'username':
      return f.internet.username().toLowerCase();
    case 'phone':
      return f.phone.number();
    case 'imageUrl':
      return f.image.avatar();
    case 'url':
      return f.internet.url();
    case 'streetAddress':
      return f.location.streetAddress();
    case 'city':
      return f.location.city();
    case 'state':
      return f.location.state();
    case 'countryCode':
      return f.location.countryCode();
    case 'country':
      return f.location.country();
    case 'zipCode':
      return f.location.zipCode();
    case 'company':
      return f.company.name();
    case 'jobTitle':
      return f.person.jobTitle();
    case 'slug':
      return f.lorem.slug({ min: 2, max: 4 });
    case 'title':
      return capitalise(f.lorem.words({ min: 3, max: 7 }));
    case 'paragraph':
      return f.lorem.sentences({ min: 1, max: 3 });
    case 'ip':
      return f.internet.ipv4();
    case 'userAgent':
      return f.internet.userAgent();
    case 'color':
      return f.color.human();
    case 'currency':
      return f.finance.currencyCode();
    case 'code':
      return f.string.alphanumeric({ length: 10, casing: 'upper' });
    case 'secret':
      return f.string.alphanumeric(40);
    case 'timeZone':
      return f.location.timeZone();
    case 'locale':
      return f.helpers.arrayElement(LOCALES);
    case 'sex':
      return f.person.sex();
    case 'fileName':
      return f.system.fileName();
    case 'mimeType':
      return f.system.mimeType();
    case 'domain':
      return f.internet.domainName();
    case 'iban':
      return f.finance.iban();
    case 'cardNumber':
      return f.finance.creditCardNumber();
    case 'productName':
      return f.commerce.productName();
    case 'word':
      return f.lorem.word();
    case 'words':
      return capitalise(f.lorem.words({ min: 1, max: 3 }));
  }
}

interface NumericRange {
  min: number;
  max: number;
  /** Digits after the decimal point; 0 for integers. */
  scale: number;
}

const INTEGER_LIMITS: Partial<Record<TypeKind, [number, number]>> = {
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  bigint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function suggestedRange(columnName: string, referenceYear: number): Omit<NumericRange, 'scale'> | undefined {
  const t = nameTokens(columnName);
  if (has(t, 'price', 'amount', 'cost', 'total', 'subtotal', 'balance', 'fee', 'salary', 'revenue', 'budget', 'tax', 'discount', 'paid', 'spend', 'income', 'payment', 'charge', 'credit', 'debit', 'value'))
    return { min: 1, max: 1000 };
  if (has(t, 'quantity', 'qty', 'units')) return { min: 1, max: 20 };
  if (has(t, 'count', 'stock', 'inventory', 'views', 'likes', 'visits', 'clicks', 'downloads', 'followers')) return { min: 0, max: 500 };
  if (has(t, 'age')) return { min: 18, max: 90 };
  if (has(t, 'rating', 'stars')) return { min: 1, max: 5 };
  if (has(t, 'score', 'percent', 'percentage', 'pct', 'progress')) return { min: 0, max: 100 };
  if (has(t, 'lat', 'latitude')) return { min: -90, max: 90 };
  if (has(t, 'lng', 'lon', 'long', 'longitude')) return { min: -180, max: 180 };
  if (has(t, 'year')) return { min: 1970, max: referenceYear };
  if (has(t, 'position', 'rank', 'sort', 'order', 'priority', 'sequence', 'seq', 'index', 'idx', 'step')) return { min: 1, max: 100 };
  if (has(t, 'duration', 'seconds', 'secs', 'minutes', 'mins', 'timeout', 'ttl')) return { min: 1, max: 3600 };
  if (has(t, 'weight', 'height', 'width', 'length', 'size', 'depth', 'distance')) return { min: 1, max: 500 };
  return undefined;
}

function numericRange(ctx: ColumnContext, type: SqlType): NumericRange {
  const { restriction } = ctx;
  const kind = type.kind;
  const integerLimits = INTEGER_LIMITS[kind];
  const scale = integerLimits ? 0 : kind === 'numeric' ? (type.scale ?? 2) : kind === 'money' ? 2 : 4;
  const step = scale === 0 ? 1 : 10 ** -scale;
  let [typeMin, typeMax] = integerLimits ?? [-1e9, 1e9];
  if (kind === 'numeric' && type.precision !== undefined) {
    typeMax = 10 ** (type.precision - (type.scale ?? 0)) - step;
    typeMin = -typeMax;
  }
  let lower = typeMin;
  let upper = typeMax;
  if (restriction.min && typeof restriction.min.value === 'number') lower = Math.max(lower, restriction.min.inclusive ? restriction.min.value : restriction.min.value + step);
  if (restriction.max && typeof restriction.max.value === 'number') upper = Math.min(upper, restriction.max.inclusive ? restriction.max.value : restriction.max.value - step);
  if (scale === 0) {
    lower = Math.ceil(lower);
    upper = Math.floor(upper);
  }
  // Contradictory constraints: any value fails, so offer one and let Postgres name the constraint.
  if (lower > upper) return { min: lower, max: lower, scale };
  const suggested = suggestedRange(ctx.column.name, ctx.referenceDate.getUTCFullYear()) ?? (scale === 0 ? { min: 1, max: 10000 } : { min: 0, max: 1000 });
  const min = Math.max(lower, suggested.min);
  const max = Math.min(upper, suggested.max);
  if (min <= max) return { min, max, scale };
  // The name's usual range does not fit the constraints: stay inside the constraints, near the low end.
  return { min: lower, max: Math.min(upper, lower + Math.max(suggested.max - suggested.min, 10)), scale };
}

function numberGenerator(ctx: ColumnContext, type: SqlType): ValueGenerator {
  const range = numericRange(ctx, type);
  const f = ctx.faker;
  if (range.scale === 0) return () => f.number.int({ min: range.min, max: range.max });
  const asString = type.kind === 'numeric' || type.kind === 'money';
  return () => {
    const value = f.number.float({ min: range.min, max: range.max, fractionDigits: range.scale });
    return asString ? value.toFixed(range.scale) : value;
  };
}

const DAY_MS = 86_400_000;

type TimeWindow = { from: Date; to: Date };

function timeWindow(ctx: ColumnContext): TimeWindow {
  const t = nameTokens(ctx.column.name);
  const now = ctx.referenceDate.getTime();
  let window: TimeWindow;
  if (has(t, 'birth', 'birthday', 'dob', 'born', 'birthdate')) window = { from: new Date(now - 80 * 365 * DAY_MS), to: new Date(now - 18 * 365 * DAY_MS) };
  else if (has(t, 'expires', 'expiry', 'expiration', 'due', 'deadline', 'ends', 'end', 'until', 'scheduled', 'renews', 'renewal', 'next', 'upcoming'))
    window = { from: new Date(now + DAY_MS), to: new Date(now + 365 * DAY_MS) };
  else if (has(t, 'updated', 'modified', 'changed', 'last', 'seen', 'deleted', 'archived', 'cancelled', 'canceled', 'revoked', 'banned', 'completed', 'confirmed', 'verified'))
    window = { from: new Date(now - 365 * DAY_MS), to: new Date(now) };
  else window = { from: new Date(now - 3 * 365 * DAY_MS), to: new Date(now) };
  const { min, max } = ctx.restriction;
  const parse = (value: number | string) => new Date(typeof value === 'number' ? value : `${value}${/^\d{4}-\d{2}-\d{2}$/.test(value) ? 'T00:00:00Z' : ''}`);
  const lower = min ? parse(min.value) : undefined;
  const upper = max ? parse(max.value) : undefined;
  let from = window.from;
  let to = window.to;
  if (lower && !Number.isNaN(lower.getTime())) from = new Date(Math.max(from.getTime(), lower.getTime() + (min!.inclusive ? 0 : DAY_MS)));
  if (upper && !Number.isNaN(upper.getTime())) to = new Date(Math.min(to.getTime(), upper.getTime() - (max!.inclusive ? 0 : DAY_MS)));
  if (from.getTime() > to.getTime()) {
    // The constraint's window lies outside the name's usual one: use the constraint's.
    from = lower && !Number.isNaN(lower.getTime()) ? new Date(lower.getTime() + DAY_MS) : new Date(to.getTime() - 365 * DAY_MS);
    to = upper && !Number.isNaN(upper.getTime()) ? new Date(upper.getTime() - DAY_MS) : new Date(from.getTime() + 365 * DAY_MS);
  }
  return { from, to };
}

/** Formats a date the way the column's type reads it, in UTC. */
export function formatTemporal(date: Date, kind: TypeKind): string {
  const iso = date.toISOString();
  switch (kind) {
    case 'date':
      return iso.slice(0, 10);
    case 'timestamp':
      return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
    case 'time':
      return iso.slice(11, 19);
    case 'timetz':
      return `${iso.slice(11, 19)}+00`;
    default:
      return iso;
  }
}

function temporalGenerator(ctx: ColumnContext, kind: TypeKind): ValueGenerator {
  const window = timeWindow(ctx);
  const f = ctx.faker;
  return () => formatTemporal(f.date.between(window), kind);
}

function booleanGenerator(ctx: ColumnContext): ValueGenerator {
  const t = nameTokens(ctx.column.name);
  const probability = has(t, 'deleted', 'archived', 'banned', 'blocked', 'disabled', 'suspended', 'spam', 'flagged', 'locked')
    ? 0.1
    : has(t, 'active', 'enabled', 'verified', 'published', 'visible', 'confirmed', 'public', 'available', 'approved')
      ? 0.8
      : 0.5;
  return () => ctx.faker.datatype.boolean({ probability });
}

function jsonDocument(columnName: string, f: Faker): unknown {
  const t = nameTokens(columnName);
  if (has(t, 'settings', 'preferences', 'prefs', 'config', 'options')) {
    return { theme: f.helpers.arrayElement(['light', 'dark', 'system']), notifications: f.datatype.boolean(), language: f.helpers.arrayElement(LOCALES) };
  }
  if (has(t, 'address', 'location')) {
    return { street: f.location.streetAddress(), city: f.location.city(), postal_code: f.location.zipCode(), country: f.location.countryCode() };
  }
  if (has(t, 'tags', 'labels', 'keywords', 'list', 'items')) return f.lorem.words({ min: 1, max: 4 }).split(' ');
  return { source: f.helpers.arrayElement(['web', 'ios', 'android', 'api', 'import']), version: f.number.int({ min: 1, max: 5 }), note: f.lorem.sentence() };
}

/** Trims or pads text to the column's length limits; never leaves surrounding spaces. */
export function fitLength(text: string, minLength: number, maxLength: number, f: Faker): string {
  let value = text;
  while (value.length < minLength) value = `${value} ${f.lorem.word()}`.trim();
  if (value.length > maxLength) value = value.slice(0, maxLength).trimEnd();
  // Trimming may take it under the minimum again (a space at the cut): fill with letters instead.
  if (value.length < minLength) value = value.padEnd(minLength, 'x');
  return value;
}

export function lengthLimits(type: SqlType, restriction: ColumnRestriction): { min: number; max: number } {
  const max = Math.min(type.maxLength ?? Infinity, restriction.maxLength ?? Infinity);
  const min = Math.max(restriction.minLength ?? 0, type.kind === 'char' ? (type.maxLength ?? 1) : 0);
  return { min, max: Number.isFinite(max) ? max : 10_000 };
}

function textGenerator(ctx: ColumnContext, type: SqlType): ValueGenerator {
  const kind = textKind(ctx.column.name, ctx.tableName);
  const { min, max } = lengthLimits(type, ctx.restriction);
  const f = ctx.faker;
  return () => fitLength(textOfKind(kind, f), min, max, f);
}

function networkGenerator(ctx: ColumnContext, kind: TypeKind): ValueGenerator {
  const f = ctx.faker;
  if (kind === 'cidr') return () => `${f.internet.ipv4().split('.').slice(0, 3).join('.')}.0/24`;
  if (kind === 'macaddr') return () => f.internet.mac();
  return () => f.internet.ipv4();
}

/** A generator of the type alone; undefined when this module has none for it. */
function typeGenerator(ctx: ColumnContext, type: SqlType): ValueGenerator | undefined {
  const f = ctx.faker;
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'numeric':
    case 'real':
    case 'double':
    case 'money':
      return numberGenerator(ctx, type);
    case 'text':
    case 'char':
      return textGenerator(ctx, type);
    case 'boolean':
      return booleanGenerator(ctx);
    case 'date':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
    case 'timetz':
      return temporalGenerator(ctx, type.kind);
    case 'interval':
      return () => `${f.number.int({ min: 1, max: 90 })} days ${f.number.int({ min: 0, max: 23 })} hours`;
    case 'uuid':
      return () => f.string.uuid();
    case 'json':
    case 'jsonb':
      return () => JSON.stringify(jsonDocument(ctx.column.name, f));
    case 'inet':
    case 'cidr':
    case 'macaddr':
      return networkGenerator(ctx, type.kind);
    case 'bytea':
      return () => Buffer.from(f.string.hexadecimal({ length: 32, prefix: '' }), 'hex');
    case 'tsvector':
      return () => f.lorem.words({ min: 2, max: 6 });
    case 'enum':
      return type.labels && type.labels.length > 0 ? () => f.helpers.arrayElement(type.labels!) : undefined;
    case 'array': {
      const element = type.element;
      if (!element || element.kind === 'array') return undefined;
      const elementName = singular(nameTokens(ctx.column.name).pop() ?? ctx.column.name);
      const elementGenerator = typeGenerator({ ...ctx, column: { name: elementName, type: element }, restriction: { excluded: [], notNull: false } }, element);
      if (!elementGenerator) return undefined;
      return () => Array.from({ length: f.number.int({ min: 0, max: 4 }) }, elementGenerator);
    }
    default:
      return undefined;
  }
}

/**
 * The generator for a column, honouring its CHECK restrictions; undefined when the type has no
 * generator here (the caller then uses the column's default, a null, or asks for a configured one).
 */
export function columnGenerator(ctx: ColumnContext): ValueGenerator | undefined {
  const { restriction, faker: f } = ctx;
  const type = ctx.column.type;
  if (restriction.allowed) {
    const allowed = restriction.allowed.filter((v) => v !== null && (type.kind !== 'enum' || type.labels?.includes(String(v))));
    if (allowed.length > 0) return () => f.helpers.arrayElement(allowed);
  }
  const generate = typeGenerator(ctx, type);
  if (!generate || restriction.excluded.length === 0) return generate;
  const excluded = new Set(restriction.excluded.map(String));
  return () => {
    let value = generate();
    for (let attempt = 0; attempt < 20 && excluded.has(String(value)); attempt++) value = generate();
    return value;
  };
}

/**
 * Converts a configured or faker-made value (a Date, an object for a json column) to what the
 * column's type accepts through node-postgres.
 */
export function toColumnValue(value: unknown, type: SqlType): unknown {
  if (value === null || value === undefined) return null;
  // A configured value is the JSON document itself, so a string becomes a JSON string.
  if (type.kind === 'json' || type.kind === 'jsonb') return JSON.stringify(value);
  if (value instanceof Date) return ['date', 'timestamp', 'timestamptz', 'time', 'timetz'].includes(type.kind) ? formatTemporal(value, type.kind) : value.toISOString();
  if (type.kind === 'array' && Array.isArray(value)) return value.map((v) => toColumnValue(v, type.element ?? type));
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && !Buffer.isBuffer(value) && !Array.isArray(value)) return JSON.stringify(value);
  return value;
}
