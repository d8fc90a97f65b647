import type { Finding } from '../../../packages/core/src/model';
import { formatJson } from '../../../packages/core/src/report/json';
import { renderMarkdown, renderPullRequestComment, VALIDATE_COMMENT_MARKER } from '../../../packages/core/src/report/markdown';
import { mdMessage } from '../../../packages/core/src/report/markdown-safe';
import { formatSarif } from '../../../packages/core/src/report/sarif';
import { countFindings, type ValidateReport } from '../../../packages/core/src/report/summary';
import { formatText } from '../../../packages/core/src/report/text';

const file = 'supabase/migrations/20240410083000_add_posts_status.sql';

function finding(overrides: Partial<Finding>): Finding {
  return { ruleId: 'rule', severity: 'error', message: 'm', file, line: 1, column: 1, source: 'lint', ...overrides };
}

function report(findings: Finding[], failOn: 'error' | 'warning' = 'error'): ValidateReport {
  const counts = countFindings(findings);
  return {
    tool: { name: 'migration-gate', version: '9.9.9' },
    directory: 'supabase/migrations',
    base: { ref: 'main', commit: 'abc', newestVersion: '20240301100000' },
    migrations: [
      { path: file, version: '20240410083000', name: 'add_posts_status', checksum: 'c'.repeat(64), kind: 'schema', transactional: true, statements: 3, checked: true },
      { path: 'supabase/migrations/20240301100000_create_posts.sql', version: '20240301100000', name: 'create_posts', checksum: 'd'.repeat(64), kind: 'schema', transactional: true, statements: 4, checked: false },
    ],
    findings,
    pendingVersions: ['20240410083000'],
    counts,
    failOn,
    failed: counts.errors > 0 || (failOn === 'warning' && counts.warnings > 0),
  };
}

const sample = [
  finding({ ruleId: 'ban-drop-column', line: 6, message: 'Dropping column "avatar_url" loses data | forever.', hint: 'Stop reading it first, drop it later.' }),
  finding({ ruleId: 'require-concurrent-index', severity: 'warning', line: 4, column: 1, message: 'Index built without CONCURRENTLY.' }),
  finding({ ruleId: 'require-lock-timeout', severity: 'warning', line: 2, message: 'No lock_timeout.', suppressed: { reason: 'table is tiny', line: 1 } }),
];

describe('text reporter', () => {
  it('prints file:line:column, severity, message and rule, sorted by position, then the verdict', () => {
    const text = formatText(report(sample), { color: false });
    expect(text).toBe(
      [
        `${file}:2:1  allowed  No lock_timeout.  [require-lock-timeout]`,
        '    allowed by gate:allow on line 1: table is tiny',
        `${file}:4:1  warning  Index built without CONCURRENTLY.  [require-concurrent-index]`,
        `${file}:6:1  error  Dropping column "avatar_url" loses data | forever.  [ban-drop-column]`,
        '    -> Stop reading it first, drop it later.',
        '',
        'FAILED  1 new migration checked against main in supabase/migrations: 1 error, 1 warning, 0 notices, 1 allowed.',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked', () => {
    expect(formatText(report(sample), { color: true })).toContain('\u001b[31merror\u001b[39m');
    expect(formatText(report(sample), { color: false })).not.toContain('\u001b[');
  });

  it('explains why warnings failed under fail-on warning', () => {
    const text = formatText(report([sample[1]], 'warning'), { color: false });
    expect(text).toContain('FAILED');
    expect(text).toContain('Warnings fail this run because fail-on is "warning".');
  });
});

describe('JSON reporter', () => {
  it('gives every finding file, line, column, ruleId, severity and message', () => {
    const parsed = JSON.parse(formatJson(report(sample)));
    expect(parsed.findings[0]).toEqual(expect.objectContaining({ file, line: 2, column: 1, ruleId: 'require-lock-timeout', severity: 'warning', message: 'No lock_timeout.' }));
    expect(parsed.counts).toEqual({ errors: 1, warnings: 1, notices: 0, suppressed: 1 });
    expect(parsed.pendingVersions).toEqual(['20240410083000']);
    expect(parsed.migrations[0].checksum).toHaveLength(64);
  });
});

describe('SARIF reporter', () => {
  it('writes SARIF 2.1.0 results with rule metadata and in-source suppressions', () => {
    const sarif = JSON.parse(
      formatSarif(report(sample), [
        { id: 'ban-drop-column', summary: 'Dropping a column', rationale: 'Data loss.', safeAlternative: 'Expand and contract.', defaultSeverity: 'error' },
      ]),
    );
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['require-lock-timeout', 'require-concurrent-index', 'ban-drop-column']);
    expect(run.tool.driver.rules[2]).toMatchObject({ shortDescription: { text: 'Dropping a column' }, help: { text: 'Expand and contract.' } });
    const drop = run.results.find((r: { ruleId: string }) => r.ruleId === 'ban-drop-column');
    expect(drop).toMatchObject({ level: 'error', ruleIndex: 2, locations: [{ physicalLocation: { artifactLocation: { uri: file }, region: { startLine: 6, startColumn: 1 } } }] });
    expect(run.results[0].suppressions).toEqual([{ kind: 'inSource', justification: 'table is tiny' }]);
  });
});

describe('markdown reporter', () => {
  it('renders a verdict, a table per migration and each finding at its line with the safe alternative', () => {
    const md = renderMarkdown(report(sample), { blobUrl: 'https://github.com/o/r/blob/sha/', runUrl: 'https://github.com/o/r/actions/runs/1' });
    expect(md).toContain('### :x: Migration Gate: changes needed');
    expect(md).toContain('1 new migration checked against `main` in `supabase/migrations`: 1 error, 1 warning, 1 allowed.');
    expect(md).toContain('| `20240410083000_add_posts_status.sql` | schema | 3 | :x: 1 error, 1 warning, 1 allowed |');
    expect(md).toContain(
      `| [L6](https://github.com/o/r/blob/sha/${file}#L6) | :x: error | \`ban-drop-column\` | Dropping column \\"avatar\\_url\\" loses data \\\\| forever\\.<br>**Instead:** Stop reading it first, drop it later\\. |`,
    );
    expect(md).toContain('Allowed: table is tiny');
    expect(md).toContain('[workflow run](https://github.com/o/r/actions/runs/1)');
    expect(md).not.toContain('create_posts'); // older migrations give context only
  });

  it('keeps code spans of messages as code and escapes the rest for a table cell', () => {
    expect(mdMessage("Add `set lock_timeout = '5s';` before <this>_one\nline")).toBe("Add `set lock_timeout = '5s';` before \\<this\\>\\_one line");
    expect(mdMessage('`a | b` and a lone ` backtick')).toBe('`a | b` and a lone \\` backtick');
  });

  it('marks the PR comment so it can be found and updated in place', () => {
    const body = renderPullRequestComment(report([]));
    expect(body.startsWith(`${VALIDATE_COMMENT_MARKER}\n### :white_check_mark: Migration Gate: passed`)).toBe(true);
  });
});
