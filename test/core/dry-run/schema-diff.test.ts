import { diffSchemaSnapshots, emptySchemaSnapshot, type SchemaSnapshot } from '../../../packages/core/src/dry-run/schema-diff';

function column(table: string, name: string, type: string, position: number, extra: Partial<SchemaSnapshot['columns'][string]> = {}) {
  return { [`${table}.${name}`]: { table, name, type, notNull: false, default: null, identity: null, generated: null, position, ...extra } };
}

function baseSnapshot(): SchemaSnapshot {
  const s = emptySchemaSnapshot();
  s.schemas.public = {};
  s.tables['public.profiles'] = { kind: 'table', rowSecurity: true, forceRowSecurity: false };
  s.tables['public.legacy'] = { kind: 'table', rowSecurity: false, forceRowSecurity: false };
  Object.assign(s.columns, column('public.profiles', 'id', 'uuid', 1, { notNull: true }), column('public.profiles', 'age', 'integer', 2), column('public.legacy', 'id', 'integer', 1));
  s.constraints['public.profiles.profiles_pkey'] = { table: 'public.profiles', name: 'profiles_pkey', type: 'primary key', definition: 'PRIMARY KEY (id)' };
  s.constraints['public.legacy.legacy_pkey'] = { table: 'public.legacy', name: 'legacy_pkey', type: 'primary key', definition: 'PRIMARY KEY (id)' };
  s.indexes['public.legacy_id_idx'] = { table: 'public.legacy', definition: 'CREATE INDEX legacy_id_idx ON public.legacy USING btree (id)' };
  s.policies['public.profiles.read own'] = { table: 'public.profiles', name: 'read own', command: 'SELECT', permissive: true, roles: ['authenticated'], using: '(auth.uid() = id)', withCheck: null };
  s.functions['public.is_adult(uuid)'] = { kind: 'function', returns: 'boolean', language: 'sql', securityDefiner: false, volatility: 'stable', config: [], definitionHash: 'a' };
  s.enums['public.mood'] = { labels: ['sad', 'ok'] };
  return s;
}

describe('diffSchemaSnapshots', () => {
  it('reports nothing for identical snapshots', () => {
    expect(diffSchemaSnapshots(baseSnapshot(), baseSnapshot())).toEqual([]);
  });

  it('lists a new table once, with its columns in order, and its constraints and policies separately', () => {
    const after = baseSnapshot();
    after.tables['public.posts'] = { kind: 'table', rowSecurity: true, forceRowSecurity: false };
    Object.assign(after.columns, column('public.posts', 'title', 'text', 2, { notNull: true }), column('public.posts', 'id', 'bigint', 1, { notNull: true, identity: 'always' }));
    after.constraints['public.posts.posts_pkey'] = { table: 'public.posts', name: 'posts_pkey', type: 'primary key', definition: 'PRIMARY KEY (id)' };
    after.policies['public.posts.public read'] = { table: 'public.posts', name: 'public read', command: 'SELECT', permissive: true, roles: ['anon', 'authenticated'], using: 'true', withCheck: null };

    const changes = diffSchemaSnapshots(baseSnapshot(), after);
    expect(changes.map((c) => [c.kind, c.action, c.name])).toEqual([
      ['table', 'added', 'public.posts'],
      ['constraint', 'added', 'public.posts.posts_pkey'],
      ['policy', 'added', 'public.posts.public read'],
    ]);
    expect(changes[0].summary).toBe('table public.posts added (id bigint generated always as identity not null, title text not null), row level security enabled');
    expect(changes[2].summary).toBe('policy "public read" on public.posts for select to anon, authenticated using (true) added');
  });

  it('reports column type, nullability and default changes field by field', () => {
    const after = baseSnapshot();
    after.columns['public.profiles.age'] = { ...after.columns['public.profiles.age'], type: 'bigint', notNull: true, default: '0' };
    const [change] = diffSchemaSnapshots(baseSnapshot(), after);
    expect(change).toMatchObject({ kind: 'column', action: 'changed', name: 'public.profiles.age', table: 'public.profiles' });
    expect(change.fields).toEqual([
      { field: 'type', before: 'integer', after: 'bigint' },
      { field: 'notNull', before: false, after: true },
      { field: 'default', before: null, after: '0' },
    ]);
    expect(change.summary).toBe('column public.profiles.age: type: integer → bigint; not null: no → yes; default: none → 0');
  });

  it('does not list the columns, indexes and constraints of a dropped table', () => {
    const after = baseSnapshot();
    delete after.tables['public.legacy'];
    delete after.columns['public.legacy.id'];
    delete after.constraints['public.legacy.legacy_pkey'];
    delete after.indexes['public.legacy_id_idx'];
    expect(diffSchemaSnapshots(baseSnapshot(), after)).toEqual([{ kind: 'table', action: 'dropped', name: 'public.legacy', summary: 'table public.legacy dropped' }]);
  });

  it('reports RLS being turned off, policy and function changes, and new enum values', () => {
    const after = baseSnapshot();
    after.tables['public.profiles'] = { ...after.tables['public.profiles'], rowSecurity: false };
    after.policies['public.profiles.read own'] = { ...after.policies['public.profiles.read own'], roles: ['anon', 'authenticated'] };
    after.functions['public.is_adult(uuid)'] = { ...after.functions['public.is_adult(uuid)'], securityDefiner: true, config: ['search_path=""'], definitionHash: 'b' };
    after.enums['public.mood'] = { labels: ['sad', 'ok', 'happy'] };
    const summaries = diffSchemaSnapshots(baseSnapshot(), after).map((c) => c.summary);
    expect(summaries).toEqual([
      "enum public.mood: values added: 'happy'",
      'table public.profiles: row level security disabled',
      'policy "read own" on public.profiles changed: roles: authenticated → anon, authenticated',
      'function public.is_adult(uuid): security definer: no → yes; settings: none → search_path=""',
    ]);
  });

  it('says a function body changed when nothing else about it did', () => {
    const after = baseSnapshot();
    after.functions['public.is_adult(uuid)'] = { ...after.functions['public.is_adult(uuid)'], definitionHash: 'c' };
    expect(diffSchemaSnapshots(baseSnapshot(), after).map((c) => c.summary)).toEqual(['function public.is_adult(uuid): body changed']);
  });

  it('reports tables joining a publication and dropped functions', () => {
    const after = baseSnapshot();
    after.publicationTables['supabase_realtime:public.profiles'] = { publication: 'supabase_realtime', table: 'public.profiles' };
    delete after.functions['public.is_adult(uuid)'];
    expect(diffSchemaSnapshots(baseSnapshot(), after).map((c) => `${c.action} ${c.kind}: ${c.summary}`)).toEqual([
      'dropped function: function public.is_adult(uuid) dropped',
      'added publication: table public.profiles added to publication supabase_realtime',
    ]);
  });
});
