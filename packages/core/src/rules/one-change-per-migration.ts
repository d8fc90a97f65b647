import { NO_VIOLATIONS, type Rule } from './rule';
import { violation } from './sql';

export const oneChangePerMigration: Rule = {
  id: 'one-change-per-migration',
  summary: 'One migration changes existing tables that are unrelated to each other.',
  rationale:
    'Every lock a migration takes is held until it commits, so changing several busy tables in one transaction blocks all of them ' +
    'for the sum of the steps and invites deadlocks; and a file that does two things cannot ship, fail or be reverted one at a ' +
    'time. Tables count as related when a foreign key links them or one statement touches both; new tables are not counted. A notice.',
  safeAlternative: 'Give each unrelated change its own migration (they can share a pull request).',
  defaultSeverity: 'notice',
  checkMigration(context) {
    const groups = context.state.changeGroups();
    if (groups.length < 2) return NO_VIOLATIONS;
    const second = context.migration.statements[groups[1].firstStatementIndex];
    const described = groups.map((g) => g.tables.join(' + ')).join('; ');
    return [violation(context, second, undefined, `This migration changes ${groups.length} unrelated groups of existing tables (${described}); this statement starts the second.`)];
  },
};
