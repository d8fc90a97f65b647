/**
 * The drift report as GitHub renders it (cmark-gfm): names from the database are untrusted text;
 * none may ping anyone, add a link or an image, break the table or swallow the rest of the report.
 */
import { emptySchemaSnapshot } from '../../../packages/core/src/dry-run/schema-diff';
import { compareSnapshots, draftCapture, renderDriftMarkdown, resolveExclusions, type DriftReport } from '../../../packages/core/src/drift';
import { loadParser } from '../../../packages/core/src/parser';
import { htmlProblems, renderLikeGitHub, visibleText } from '../../support/cmark';

beforeAll(() => loadParser());

const HOSTILE = 'x|y @octocat ![i](https://evil.example/p.png) <!-- `` ``` **';

function hostileReport(): DriftReport {
  const replayed = emptySchemaSnapshot();
  replayed.schemas.public = {};
  const database = emptySchemaSnapshot();
  database.schemas.public = {};
  database.tables[`public.${HOSTILE}`] = { kind: 'table', rowSecurity: true, forceRowSecurity: false };
  database.columns[`public.${HOSTILE}.@admin`] = { table: `public.${HOSTILE}`, name: '@admin', type: 'text', notNull: false, default: "'https://evil.example'::text", identity: null, generated: null, position: 1 };
  database.enums[`public.${HOSTILE}_kind`] = { labels: ['@everyone', '</details>', '| a | b |'] };
  database.policies[`public.${HOSTILE}.read @all`] = { table: `public.${HOSTILE}`, name: 'read @all', command: 'SELECT', permissive: true, roles: ['anon'], using: "(name = '@octocat')", withCheck: null };
  const { differences, notes } = compareSnapshots(replayed, database, resolveExclusions({ supabase: true }));
  return {
    status: 'drift',
    message: `Drift: @octocat differs from what its applied migrations build in ${differences.length} place(s).`,
    target: { host: '127.0.0.1', port: 5432, database: '@prod_db', serverVersion: '17.10' },
    excluded: { schemas: ['auth'], extensions: [] },
    differences,
    notes: [...notes, 'a note about @someone'],
    draft: draftCapture(differences, { latestVersion: '20240101000000', now: new Date('2025-01-01T00:00:00Z'), database: '@prod_db' }),
    timings: { targetMs: 1, replayMs: 1, compareMs: 1, totalMs: 3 },
  };
}

it('renders hostile names as text: no mention, link, image or broken table, and nothing swallowed', () => {
  const report = hostileReport();
  expect(report.differences.map((d) => d.kind)).toEqual(['enum', 'table', 'policy']);
  const html = renderLikeGitHub(renderDriftMarkdown(report));
  expect(htmlProblems(html, { verdict: 'Schema drift: 3 differences', lastText: '</details>', ownLinkPrefixes: [] })).toEqual([]);
  const text = visibleText(html);
  expect(text).toContain(`public.${HOSTILE}`);
  expect(text).toContain('@everyone');
});

it('keeps an issue-sized report under GitHub\'s comment limit, saying what it left out', () => {
  const report = hostileReport();
  const many = Array.from({ length: 3000 }, (_, i) => ({ ...report.differences[1], name: `public.table_${i}_${'x'.repeat(40)}` }));
  const markdown = renderDriftMarkdown({ ...report, differences: many }, { limit: { max: 65_536, measure: (t) => t.length, restIn: 'the workflow run' } });
  expect(markdown.length).toBeLessThanOrEqual(65_536);
  expect(markdown).toMatch(/_… \d+ more differences, see the workflow run\._/);
});
