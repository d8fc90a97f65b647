/**
 * Untrusted text in what we write to GitHub, checked on the HTML GitHub's renderer (cmark-gfm)
 * makes of it. The validate report is built from real adversarial migrations, replayed on the
 * suite's PostgreSQL: enum labels, a column name and a column default written to close the
 * schema diff's fence, add a second "passed" heading, mention people, load a remote image and
 * open an HTML comment that would hide the rest; a Postgres error message and a `gate:allow`
 * reason doing the same; and a file name with backticks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../../packages/core/src/config';
import { buildDryRunStep } from '../../../packages/core/src/dry-run/validate-step';
import type { DeployResult } from '../../../packages/core/src/deploy';
import { renderAppliedNotice, renderDeployMarkdown, renderOverrideFollowUpIssue, renderOverrideNotice } from '../../../packages/core/src/report/deploy-markdown';
import { renderMarkdown, renderPullRequestComment } from '../../../packages/core/src/report/markdown';
import { mdCode, mdFence, mdText } from '../../../packages/core/src/report/markdown-safe';
import { validate, type ValidateResult } from '../../../packages/core/src/validate';
import { htmlProblems, renderLikeGitHub, visibleText } from '../../support/cmark';
import { serverUrl } from '../../support/database';
import { removeTempRepos, TempRepo } from '../git/temp-repo';

const FIXTURES = path.join(__dirname, '../../fixtures/report/injection');
const BLOB = 'https://github.com/acme/app/blob/0123abc/';
const RUN = 'https://github.com/acme/app/actions/runs/42';
const FOOTER = 'suppress a reviewed finding with';
const WEIRD_FILE = '2024_`` @octocat <img src=x> <!--.sql';

/** A repository whose main has the first fixture and whose pull request adds the adversarial ones. */
async function adversarialReport(): Promise<ValidateResult> {
  const repo = TempRepo.init('mg-injection-');
  const [base, ...added] = readdirSync(FIXTURES).sort();
  repo.write(`migrations/${base}`, readFileSync(path.join(FIXTURES, base!)));
  repo.commit('base');
  repo.git('checkout', '--quiet', '-b', 'feature');
  for (const file of added) repo.write(`migrations/${file}`, readFileSync(path.join(FIXTURES, file)));
  repo.write(`migrations/${WEIRD_FILE}`, 'select 1;\n');
  repo.commit('adversarial');
  return validate({
    root: repo.root,
    config: defaultConfig(),
    migrationsDir: 'migrations',
    base: { ref: 'main' },
    boundary: repo.root,
    dryRun: buildDryRunStep({ shadowDatabaseUrl: serverUrl(), supabaseBaseline: false }),
  });
}

describe('validate report rendered by cmark-gfm', () => {
  let result: ValidateResult;
  beforeAll(async () => {
    result = await adversarialReport();
  }, 60_000);
  afterAll(removeTempRepos);

  const options = () => ({ blobUrl: BLOB, runUrl: RUN, extraSections: result.extraMarkdown });
  const expectations = { verdict: 'Migration Gate:', lastText: FOOTER, ownLinkPrefixes: [BLOB, RUN] };

  it('the fixtures really carry the attacks into the report', () => {
    const markdownSource = [renderMarkdown(result.report, options())].join('');
    // Sanity: without these the test below would prove nothing.
    expect(result.report.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['dry-run-error', 'file-name', 'ban-drop-column']));
    expect(result.report.findings.find((f) => f.ruleId === 'dry-run-error')!.message).toContain('<img src="https://evil.example/error.png">');
    expect(markdownSource).toContain('evil.example/default.png');
    expect(markdownSource).toContain('#### Schema changes');
  });

  it.each([
    ['job summary', () => renderMarkdown(result.report, options())],
    ['pull-request comment', () => renderPullRequestComment(result.report, options())],
  ])('%s: no mention, image, foreign link, second verdict, hidden tail or broken table', (_name, render) => {
    const html = renderLikeGitHub(render());
    expect(htmlProblems(html, expectations)).toEqual([]);
    expect(html).toContain('<h3>:x: Migration Gate: changes needed</h3>');
  });

  it('shows the untrusted text as written: the default stays inside the schema diff block', () => {
    const html = renderLikeGitHub(renderMarkdown(result.report, options()));
    const diff = /<pre><code class="language-diff">([\s\S]*?)<\/code><\/pre>/.exec(html);
    expect(diff).not.toBeNull();
    const block = visibleText(diff![1]!);
    expect(block).toContain('### :white_check_mark: Migration Gate: passed');
    expect(block).toContain('<img src="https://evil.example/default.png">');
    expect(block).toContain("'@octocat <!--'");
    // A line break inside a value is shown, not obeyed: each change stays on one line of the diff.
    expect(block.split('\n').every((line) => /^[+~-] /.test(line) || line === '')).toBe(true);
    expect(visibleText(html)).toContain('Allowed: @octocat said ``ok`` <img src="https://evil.example/allow.png"> <!-- hides the rest');
    expect(visibleText(html)).toContain(WEIRD_FILE);
  });
});

describe('markdown-safe helpers on the renderer', () => {
  const render = (markdown: string) => renderLikeGitHub(markdown);

  it('inline code outgrows any backtick run and keeps edge backticks and spaces', () => {
    for (const value of ['a``b', '`start', 'end`', ' spaced ', '```', 'x | y']) {
      const html = render(`before ${mdCode(value)} after`);
      expect(visibleText(/<code>([\s\S]*?)<\/code>/.exec(html)![1]!)).toBe(value);
    }
  });

  it('a fence no line of the content can close', () => {
    const content = '````\n```\n# heading\n````';
    const html = render(`${mdFence(content, 'sql')}\n\nafter`);
    expect(visibleText(/<pre><code class="language-sql">([\s\S]*?)<\/code><\/pre>/.exec(html)![1]!)).toBe(`${content}\n`);
    expect(html).toContain('<p>after</p>');
  });

  it('text renders as written and links nothing', () => {
    const attack = '@octocat a@b.example https://evil.example www.evil.example &#64;team <b>bold</b> *em* [x](https://evil.example) ![i](https://evil.example/i.png) $x$';
    const html = render(mdText(attack));
    expect(visibleText(html).trim()).toBe(attack);
    expect(htmlProblems(html, { lastText: '$x$', ownLinkPrefixes: [] })).toEqual([]);
  });
});

describe('deploy markdown with an adversarial override and review', () => {
  const reason = '@octocat look: <img src="https://evil.example/r.png"> <!-- ``` \n### :white_check_mark: applied';
  const result = {
    outcome: 'failed',
    ok: false,
    dryRun: false,
    message: 'Migration failed: @octocat `` <!-- \n| broken |',
    migrations: [
      {
        version: '20240502000000',
        name: 'x`` @octocat',
        file: 'migrations/20240502000000_x.sql',
        status: 'failed',
        durationMs: 3,
        attempts: 1,
        transactional: true,
        statementsRun: [],
        statementsNotRun: [],
        error: { kind: 'sql', message: 'boom @octocat <img src=x>', detail: '<!--', hint: '```', file: 'migrations/20240502000000_x.sql', line: 1, column: 1 },
      },
    ],
    drift: [],
    notes: [],
    forwardFix: 'Fix @octocat <!--',
    audit: { id: 7, recorded: true, durationMs: 10, restorePoint: null },
  } as unknown as DeployResult;
  const override = { actor: 'release-lead', reason, basis: 'release-lead has the maintain role', bypassedGates: ['lint'], allowed: true };
  const gates = {
    override,
    approval: { status: 'approved', approvers: ['approver-1'], required: true, reviews: [{ login: 'approver-1', state: 'approved', comment: 'ok @everyone <!--' }] },
  };
  const expectations = { lastText: '', ownLinkPrefixes: [RUN], ownMentions: ['release-lead', 'approver-1'] };

  it.each([
    ['job summary', () => renderDeployMarkdown(result, { environment: 'production', runUrl: RUN, gates }), 'workflow run'],
    ['notice on the pull requests', () => renderOverrideNotice({ environment: 'production', versions: ['20240502000000'], result, runUrl: RUN, override }), 'Migration failed'],
    ['applied notice', () => renderAppliedNotice({ environment: 'production', versions: ['20240502000000'], runUrl: RUN, runNumber: '9', override }), 'applied to'],
    ['follow-up issue', () => renderOverrideFollowUpIssue({ environment: 'production', versions: ['20240502000000'], result, override, runUrl: RUN }), 'Please review'],
  ])('%s', (_name, render, lastText) => {
    const html = renderLikeGitHub(render());
    expect(htmlProblems(html, { ...expectations, lastText })).toEqual([]);
    expect(visibleText(html)).toContain('Reason: @octocat look: <img src="https://evil.example/r.png"> <!-- ```  ### :white_check_mark: applied');
  });
});
