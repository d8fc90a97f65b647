/**
 * Passwords written into migrations (`CREATE ROLE app LOGIN PASSWORD '...'`, `ALTER USER ...
 * ENCRYPTED PASSWORD '...'`) are replaced by `'***'` wherever statement text is shown, logged or
 * stored for display: report excerpts, deploy errors, the history's `statements` and audit rows.
 *
 * The literal after the keyword PASSWORD is found at any quoting depth, so the same secret inside
 * dynamic SQL (`execute 'create role x password ''secret'''`) is redacted too: at depth n a literal
 * opens with n quotes, and its own quotes are doubled at every level, so it ends in the first run
 * of quotes whose length modulo 2n is at least n (the rest of that run closes the outer levels). Dollar-quoted literals (`PASSWORD $$secret$$`) are
 * handled at the top level. What cannot be recognised (a password built by `format('%L', ...)`
 * or concatenation) is left as written.
 */

export const REDACTED = '***';

const PASSWORD_KEYWORD = /\bpassword\s+(?=E?'|\$[A-Za-z_0-9]*\$)/gi;

/** End of a quoted literal that opened with `depth` quotes at `start` (just after them), or -1. */
function quotedLiteralEnd(text: string, start: number, depth: number): number {
  let i = start;
  while (i < text.length) {
    const next = text.indexOf("'", i);
    if (next < 0) return -1;
    let run = next;
    while (run < text.length && text[run] === "'") run++;
    // 2n·j escaped quotes, then the n that close this literal, then up to n-1 closing outer ones.
    const extra = ((run - next) % (2 * depth)) - depth;
    if (extra >= 0) return run - extra;
    i = run;
  }
  return -1;
}

/** End of an `E'...'` literal, where a backslash escapes the next character (`\\'` included). */
function escapeStringEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'") {
      if (text[i + 1] !== "'") return i + 1;
      i++;
    }
  }
  return -1;
}

function literalEnd(text: string, start: number): { end: number; open: string; close: string } | undefined {
  const dollar = /^\$[A-Za-z_0-9]*\$/.exec(text.slice(start));
  if (dollar) {
    const tag = dollar[0];
    const close = text.indexOf(tag, start + tag.length);
    return close < 0 ? { end: text.length, open: tag, close: '' } : { end: close + tag.length, open: tag, close: tag };
  }
  let i = start;
  const prefix = text[i] === 'E' || text[i] === 'e' ? text[i++] : '';
  let depth = 0;
  while (text[i + depth] === "'") depth++;
  // An empty literal at depth n is 2n quotes: nothing to hide.
  if (depth === 0) return undefined;
  const end = prefix && depth === 1 ? escapeStringEnd(text, i + 1) : quotedLiteralEnd(text, i + depth, depth);
  const quotes = "'".repeat(depth);
  // Unterminated: an excerpt cut inside the literal. Everything after the quote is hidden.
  if (end < 0) return { end: text.length, open: `${prefix}${quotes}`, close: '' };
  return { end, open: `${prefix}${quotes}`, close: quotes };
}

/** `text` with every literal that follows the keyword PASSWORD replaced by `'***'`. */
export function redactPasswords(text: string): string {
  if (!/password/i.test(text)) return text;
  let out = '';
  let copied = 0;
  for (const match of text.matchAll(PASSWORD_KEYWORD)) {
    const literalStart = match.index! + match[0].length;
    if (literalStart < copied) continue;
    const literal = literalEnd(text, literalStart);
    if (!literal) continue;
    out += text.slice(copied, literalStart) + literal.open + REDACTED + literal.close;
    copied = literal.end;
  }
  return out + text.slice(copied);
}
