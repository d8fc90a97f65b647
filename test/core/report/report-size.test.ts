/**
 * GitHub rejects a comment over 65,536 characters and a job summary over 1 MiB, whole. Huge
 * reports are cut per section, and the verdict, the migration table and the footer always stay.
 */
import type { Finding } from '../../../packages/core/src/model';
import { renderMarkdown, renderPullRequestComment, renderResolvedComment } from '../../../packages/core/src/report/markdown';
import { COMMENT_LIMIT, JOB_SUMMARY_LIMIT } from '../../../packages/core/src/report/markdown-budget';
import { countFindings, type ValidateReport } from '../../../packages/core/src/report/summary';
import { htmlProblems, renderLikeGitHub, visibleText } from '../../support/cmark';

const FOOTER = 'suppress a reviewed finding with';

function hugeReport(files: number, findingsPerFile: number, messageChars: number): ValidateReport {
  const migrations = Array.from({ length: files }, (_, i) => {
    const version = String(20240101000000 + i);
    return { path: `supabase/migrations/${version}_change_${i}.sql`, version, name: `change_${i}`, checksum: 'c'.repeat(64), kind: 'schema' as const, transactional: true, statements: 3, checked: true };
  });
  const findings: Finding[] = migrations.flatMap((m) =>
    Array.from({ length: findingsPerFile }, (_, line) => ({
      ruleId: 'dry-run-error',
      severity: 'error' as const,
      message: `${'x'.repeat(messageChars)} end`,
      file: m.path,
      line: line + 1,
      column: 1,
      source: 'dry-run' as const,
    })),
  );
  const counts = countFindings(findings);
  return { tool: { name: 'migration-gate', version: '9.9.9' }, directory: 'supabase/migrations', migrations, findings, pendingVersions: migrations.map((m) => m.version!), counts, failOn: 'error', failed: true };
}

describe('report size', () => {
  it('a 70,000-character error makes a comment within 65,536 characters, verdict and table intact', () => {
    const report = hugeReport(1, 1, 70_000);
    const comment = renderPullRequestComment(report);

    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT.max);
    const html = renderLikeGitHub(comment);
    expect(htmlProblems(html, { verdict: 'Migration Gate:', lastText: FOOTER, ownLinkPrefixes: [] })).toEqual([]);
    expect(visibleText(html)).toContain('x… (68004 more characters)');
    expect(html).toContain('<td><code>20240101000000_change_0.sql</code></td>');
  });

  it('thousands of findings: the comment keeps every migration row and says how many findings it left out', () => {
    const report = hugeReport(300, 10, 500);
    for (const comment of [renderPullRequestComment(report), renderResolvedComment(report)]) {
      expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT.max);
      const html = renderLikeGitHub(comment);
      expect(htmlProblems(html, { verdict: 'Migration Gate:', lastText: FOOTER, ownLinkPrefixes: [] })).toEqual([]);
      expect((html.match(/<td><code>2024\d+_change_\d+\.sql<\/code><\/td>/g) ?? []).length).toBe(300);
      const shownFindings = (html.match(/<td>:x: error<\/td>/g) ?? []).length;
      expect(shownFindings).toBeGreaterThan(0);
      expect(visibleText(html)).toContain(`… ${3000 - shownFindings} more findings, see the job summary / JSON report.`);
    }
  });

  it('the job summary stays under 1 MiB and points at the JSON report', () => {
    const report = hugeReport(2_000, 10, 2_000);
    const summary = renderMarkdown(report, { extraSections: ['### Dry-run\n' + 'y'.repeat(2_000_000)] });

    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT.max);
    expect(summary).toContain('more findings, see the JSON report.');
    expect(summary).toContain('_Section "Dry-run" left out (too long for this page), see the JSON report._');
    expect(summary.trimEnd().endsWith('in the migration header</sub>')).toBe(true);
  });
});
