/**
 * The one escaping layer for everything Migration Gate writes to GitHub as markdown: job
 * summaries, pull-request comments, deploy notices, override and follow-up issue bodies.
 *
 * Text that came from a migration, the database or a person (identifiers, enum labels, defaults,
 * Postgres messages, file names, `gate:allow` and override reasons) is untrusted: it must render
 * as the characters it contains and nothing else. GitHub renders with cmark-gfm (tables,
 * autolinks, tag filter) and then turns `@name` in text into mentions, so each helper here
 * neutralises one context:
 *
 * - `mdText`: inline text. ASCII punctuation that starts markdown or HTML is backslash-escaped
 *   (CommonMark allows escaping any ASCII punctuation), line breaks become spaces, `@` gets an
 *   empty HTML comment after it so that GitHub sees no mention or e-mail address; the escaped
 *   `:` and `.` also keep `https://` and `www.` from becoming autolinks.
 * - `mdCode`: inline code, fenced by a backtick run longer than any run inside, padded with spaces.
 * - `mdCell`: any inline markdown made safe as a table cell (line breaks and every `|`).
 * - `mdFence`: a fenced block whose fence outgrows every backtick run of its content.
 * - `mdMessage`: our own messages, which quote SQL in backticks: those spans stay code spans
 *   (re-fenced with `mdCode`), everything else goes through `mdText`.
 *
 * Untrusted text is also clipped (`clipText`) before escaping, never after, so that truncation
 * cannot cut an escape in half.
 */

const LINE_BREAKS = /\r\n|\r|\n|\u2028|\u2029/g;

/** Punctuation that can open markdown or HTML constructs in inline text. */
const INLINE_SPECIALS = /[\\`*_{}[\]()<>#+\-!|~&=:.^$"']/g;

/** An empty HTML comment: invisible, but splits the text node so GitHub links no `@name`. */
const MENTION_BREAK = '<!-- -->';

/** Untrusted text as inline markdown that renders exactly as written, on one line. */
export function mdText(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(INLINE_SPECIALS, (c) => `\\${c}`)
    .replace(/@/g, `@${MENTION_BREAK}`);
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** Untrusted text as an inline code span: nothing inside it is interpreted. */
export function mdCode(text: string): string {
  const flat = text.replace(LINE_BREAKS, ' ');
  const fence = '`'.repeat(longestBacktickRun(flat) + 1);
  // The parser strips one space from each side when both are there: pad when the content begins
  // or ends with a backtick (it would merge with the fence) or a space (it would be stripped).
  const pad = flat === '' || /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Inline markdown as the content of a table cell: one line, and no `|` that could end the cell. */
export function mdCell(markdown: string): string {
  return markdown.replace(LINE_BREAKS, ' ').replace(/\|/g, '\\|');
}

/** One table row from cells of inline markdown. */
export function mdRow(cells: readonly string[]): string {
  return `| ${cells.map(mdCell).join(' | ')} |`;
}

/** A fenced code block that no line of `content` can close. */
export function mdFence(content: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
  const body = content.replace(/\r\n|\r/g, '\n').replace(/\n+$/, '');
  return `${fence}${info}\n${body}\n${fence}`;
}

/**
 * A message we wrote around untrusted values, e.g. "Column `public.t.x` is added NOT NULL": the
 * code spans it carries are kept as code, the rest is escaped. Spans are re-fenced, so a value
 * with a backtick inside cannot end its span early.
 */
export function mdMessage(message: string): string {
  return message
    .replace(LINE_BREAKS, ' ')
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? mdCode(part.slice(1, -1)) : mdText(part)))
    .join('');
}

/** A `@login` mention of a GitHub account we looked up ourselves (approvers, the override actor). */
export function mdMention(login: string): string {
  // GitHub logins are letters, digits and single hyphens; anything else is shown, not linked.
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login) ? `@${login}` : mdText(`@${login}`);
}

/** Shortens untrusted text before it is escaped, saying how much was left out. */
export function clipText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)`;
}

/** HTML-escapes text for the few places we write HTML ourselves (`<summary>`). */
export function htmlText(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/@/g, `@${MENTION_BREAK}`);
}
