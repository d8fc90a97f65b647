import { NO_VIOLATIONS, type Rule } from './rule';
import { violation, type PgNode } from './sql';

const REALTIME_PUBLICATION = 'supabase_realtime';

export const banDropRealtimePublication: Rule = {
  id: 'ban-drop-realtime-publication',
  summary: 'DROP, CREATE or ALTER ... SET TABLE of the supabase_realtime publication.',
  rationale:
    'Supabase Realtime streams changes of exactly the tables in the supabase_realtime publication, which the platform creates and ' +
    'to which tables are added from migrations and from the dashboard. Dropping it stops realtime for every table at once; ' +
    'recreating it (an old quickstart pattern: drop, then `create publication supabase_realtime for table ...`) or replacing its ' +
    'list with SET TABLE keeps only the tables named there, and every other subscriber silently stops receiving changes. An error.',
  safeAlternative: 'Add or remove single tables: ALTER PUBLICATION supabase_realtime ADD TABLE public.x; (or DROP TABLE public.x).',
  defaultSeverity: 'error',
  kinds: ['DropStmt', 'CreatePublicationStmt', 'AlterPublicationStmt'],
  supabaseOnly: true,
  checkStatement(statement, context) {
    const node = statement.node;
    switch (statement.kind) {
      case 'DropStmt':
        if (node.removeType !== 'OBJECT_PUBLICATION' || !(node.objects ?? []).some((o: PgNode) => o.String?.sval === REALTIME_PUBLICATION)) return NO_VIOLATIONS;
        return [violation(context, statement, undefined, 'Dropping the supabase_realtime publication stops Supabase Realtime for every table in it.')];
      case 'CreatePublicationStmt':
        if (node.pubname !== REALTIME_PUBLICATION) return NO_VIOLATIONS;
        return [
          violation(
            context,
            statement,
            undefined,
            'Recreating the supabase_realtime publication keeps only the tables named here: every table added to it before (by migrations or the dashboard) stops sending realtime changes.',
          ),
        ];
      case 'AlterPublicationStmt':
        if (node.pubname !== REALTIME_PUBLICATION || node.action !== 'AP_SetObjects') return NO_VIOLATIONS;
        return [violation(context, statement, undefined, 'SET TABLE replaces the whole table list of supabase_realtime: every table not named here stops sending realtime changes.')];
      default:
        return NO_VIOLATIONS;
    }
  },
};
