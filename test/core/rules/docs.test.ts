/**
 * docs/rules/ is generated from each rule's documentation and its tested fixtures, so the examples
 * in the docs are exactly the ones the rule tests prove. Regenerate after changing a rule:
 *   UPDATE_RULE_DOCS=1 npx jest test/core/rules/docs
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ruleDocs, type RuleDocs } from '../../../packages/core/src/rules';
import { RULE_FIXTURES } from './fixtures';

const DOCS_DIR = path.join(__dirname, '..', '..', '..', 'docs', 'rules');

function fixture(id: string, file: string): string {
  return readFileSync(path.join(RULE_FIXTURES, id, file), 'utf8').trimEnd();
}

function ruleMarkdown(docs: RuleDocs): string {
  const files = readdirSync(path.join(RULE_FIXTURES, docs.id));
  const context = files.includes('before.sql') ? ['Given an earlier migration:', '', '```sql', fixture(docs.id, 'before.sql'), '```', ''] : [];
  return [
    `# ${docs.id}`,
    '',
    `Default severity: **${docs.defaultSeverity}**${docs.supabaseOnly ? ' · Supabase projects only' : ''}`,
    '',
    docs.summary,
    '',
    '## Why',
    '',
    docs.rationale,
    '',
    '## Instead',
    '',
    docs.safeAlternative,
    '',
    '## Example',
    '',
    ...context,
    'Reported:',
    '',
    '```sql',
    fixture(docs.id, 'fires.sql'),
    '```',
    '',
    'Not reported:',
    '',
    '```sql',
    fixture(docs.id, 'safe.sql'),
    '```',
    '',
    '## Configure',
    '',
    `Change the severity or turn the rule off in \`.migration-gate.json\`: \`"rules": { "${docs.id}": "warning" }\` (or \`"off"\`). ` +
      `To accept one finding for a stated reason, add \`-- gate:allow ${docs.id} <reason>\` to the top of the migration.`,
    '',
  ].join('\n');
}

function indexMarkdown(all: RuleDocs[]): string {
  return [
    '# Lint rules',
    '',
    'Generated from the rule definitions in `packages/core/src/rules/`; examples are the tested fixtures.',
    '',
    '| Rule | Default | Reports |',
    '| --- | --- | --- |',
    ...all.map((d) => `| [${d.id}](${d.id}.md) | ${d.defaultSeverity}${d.supabaseOnly ? ' (Supabase)' : ''} | ${d.summary.replace(/\|/g, '\\|')} |`),
    '',
  ].join('\n');
}

describe('rule documentation', () => {
  const all = ruleDocs();
  const expected = new Map<string, string>([['README.md', indexMarkdown(all)], ...all.map((d) => [`${d.id}.md`, ruleMarkdown(d)] as [string, string])]);

  if (process.env.UPDATE_RULE_DOCS) {
    mkdirSync(DOCS_DIR, { recursive: true });
    for (const [file, text] of expected) writeFileSync(path.join(DOCS_DIR, file), text);
  }

  it.each([...expected.keys()])('docs/rules/%s is up to date', (file) => {
    const target = path.join(DOCS_DIR, file);
    expect(existsSync(target) ? readFileSync(target, 'utf8') : `(missing ${file})`).toBe(expected.get(file));
  });

  it('has no page for a rule that no longer exists', () => {
    expect(readdirSync(DOCS_DIR).filter((f) => !expected.has(f))).toEqual([]);
  });
});
