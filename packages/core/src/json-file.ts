/**
 * Reading the JSON configuration files people edit by hand (`.migration-gate.json`, a seed
 * configuration). Two things editors do that `JSON.parse` reports badly are handled here:
 * a UTF-8 byte order mark (Windows editors add one; JSON allows a parser to ignore it, so it is
 * skipped) and a file that says `null` (valid JSON, but no configuration: refused by name
 * rather than silently taken as "all defaults").
 */
import * as path from 'node:path';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Parses `text`, the contents of `file`, as a JSON object. Throws an Error that names the file and
 * says what is wrong: not JSON (with the parser's message), or JSON that is not an object.
 */
export function parseJsonObject(text: string, file: string): Record<string, unknown> {
  const name = path.basename(file);
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (err) {
    throw new Error(`${name} is not valid JSON: ${(err as Error).message}`);
  }
  if (raw === null) throw new Error(`${name} contains null: it must be a JSON object (write {} to use every default).`);
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(`${name} must contain a JSON object, not ${Array.isArray(raw) ? 'an array' : `a ${typeof raw}`} (write {} to use every default).`);
  }
  return raw as Record<string, unknown>;
}
