/**
 * Markdown rendered the way GitHub renders comments and job summaries: cmark-gfm with tables,
 * autolinks and the tag filter, raw HTML allowed (GitHub sanitises it afterwards, but a comment,
 * an `<img>` or a link still gets through). The Debian package `cmark-gfm` is installed by
 * `.ci/run`.
 *
 * `htmlProblems` lists what untrusted text must never achieve in that HTML.
 */
import { execFileSync } from 'node:child_process';

export function renderLikeGitHub(markdown: string): string {
  try {
    return execFileSync('cmark-gfm', ['-e', 'table', '-e', 'autolink', '-e', 'tagfilter', '--unsafe'], { input: markdown, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('cmark-gfm is not installed: apt-get install -y cmark-gfm (.ci/run does this).');
    throw error;
  }
}

export interface SafetyExpectations {
  /** Headings (any level) whose text contains this, exactly once: the verdict. */
  verdict?: string;
  /** Text that must still be rendered at the end (the footer): nothing swallowed it. */
  lastText: string;
  /** Links we write ourselves; any other `<a href>` came from untrusted text. */
  ownLinkPrefixes: string[];
  /** Mentions we write on purpose (an approver, the override's actor). */
  ownMentions?: string[];
}

/** Text outside `<code>`/`<pre>`, where GitHub links mentions. */
function textOutsideCode(html: string): string {
  return html.replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '');
}

export function htmlProblems(html: string, expect: SafetyExpectations): string[] {
  const problems: string[] = [];
  let outside = textOutsideCode(html);
  for (const login of expect.ownMentions ?? []) outside = outside.split(`@${login}`).join('');
  const mention = /(^|[^\w`])@[A-Za-z0-9]/.exec(outside.replace(/<!-- -->/g, '\u0000'));
  if (mention) problems.push(`a live @mention: …${outside.slice(Math.max(0, mention.index - 40), mention.index + 40)}…`);
  if (/<img\b/i.test(html)) problems.push('a live <img> tag');
  for (const href of html.matchAll(/<a href="([^"]*)"/g)) {
    if (!expect.ownLinkPrefixes.some((prefix) => href[1]!.startsWith(prefix))) problems.push(`a link we did not write: ${href[1]}`);
  }
  const withoutClosedComments = html.replace(/<!--[\s\S]*?-->/g, '');
  if (withoutClosedComments.includes('<!--')) problems.push('an unclosed HTML comment hides the rest');
  if (!withoutClosedComments.includes(expect.lastText)) problems.push(`"${expect.lastText}" is not rendered: something swallowed the end`);
  if (expect.verdict) {
    const headings = [...html.matchAll(/<h[1-6]>([\s\S]*?)<\/h[1-6]>/g)].filter((h) => h[1]!.includes(expect.verdict!));
    if (headings.length !== 1) problems.push(`${headings.length} headings contain "${expect.verdict}"`);
  }
  for (const table of html.matchAll(/<table>([\s\S]*?)<\/table>/g)) {
    const columns = (table[1]!.match(/<th\b/g) ?? []).length;
    for (const row of table[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
      const cells = (row[1]!.match(/<td\b/g) ?? []).length;
      if (cells > 0 && cells !== columns) problems.push(`a table row with ${cells} cells under ${columns} headers: ${row[1]!.slice(0, 200)}`);
    }
  }
  return problems;
}

/** The text of an HTML fragment as a reader sees it: tags dropped, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
