/**
 * Seed throughput: 100k synthetic rows across 10 tables (foreign keys, uniques, checks, an enum,
 * json, inet, arrays) on the embedded PostgreSQL server, against a baseline measured in the same
 * run: the same number of rows written by `insert ... select ... from generate_series` on the same
 * schema, i.e. what the server can do when no row crosses the wire.
 *
 *   node bench/run-ts.js bench/seed.ts [total-rows]
 */
import { Client } from 'pg';
import { startPostgres } from '../packages/core/src/db/server';
import { seedDatabase } from '../packages/core/src/seed/seed';

const TOTAL_ROWS = Number(process.argv[2] ?? 100_000);
const TABLES = 10;
const PER_TABLE = Math.floor(TOTAL_ROWS / TABLES);

const SCHEMA = `
  create type task_status as enum ('todo', 'doing', 'review', 'done');
  create table accounts (id bigint generated always as identity primary key, email text not null unique, full_name text not null, created_at timestamptz not null);
  create table organizations (id uuid primary key default gen_random_uuid(), name text not null unique, website text, created_at timestamptz not null);
  create table memberships (account_id bigint not null references accounts, organization_id uuid not null references organizations,
                            role text not null check (role in ('owner', 'admin', 'member')), joined_at timestamptz not null, primary key (account_id, organization_id));
  create table projects (id serial primary key, organization_id uuid not null references organizations, name text not null, description text,
                         budget numeric(12, 2) not null check (budget > 0));
  create table tasks (id bigint generated always as identity primary key, project_id int not null references projects, title varchar(120) not null,
                      status task_status not null, priority int not null check (priority between 1 and 5), due_at timestamptz);
  create table comments (id bigint generated always as identity primary key, task_id bigint not null references tasks, author_id bigint not null references accounts,
                         body text not null check (char_length(body) >= 5), created_at timestamptz not null);
  create table tags (id int primary key, label text not null unique);
  create table task_tags (task_id bigint not null references tasks, tag_id int not null references tags, primary key (task_id, tag_id));
  create table events (id uuid primary key, account_id bigint references accounts, ip_address inet, user_agent text, payload jsonb not null, occurred_at timestamptz not null);
  create table invoices (id bigint generated always as identity primary key, organization_id uuid not null references organizations,
                         amount numeric(10, 2) not null check (amount > 0), currency char(3) not null, paid boolean not null, issued_on date not null, tags text[]);`;

/** The same row count, generated inside the server: the ceiling for any client-side seeder. */
function baselineStatements(n: number): string[] {
  return [
    `insert into accounts (email, full_name, created_at) select 'user' || i || '@example.com', 'Name ' || md5(i::text), now() - i * interval '1 minute' from generate_series(1, ${n}) i`,
    `insert into organizations (name, website, created_at) select 'Org ' || i, 'https://' || md5(i::text) || '.example', now() from generate_series(1, ${n}) i`,
    `insert into memberships select a.id, o.id, (array['owner', 'admin', 'member'])[1 + a.rn % 3], now()
       from (select id, row_number() over () as rn from accounts) a join (select id, row_number() over () as rn from organizations) o using (rn)`,
    `insert into projects (organization_id, name, description, budget)
       select o.id, 'Project ' || o.rn, md5(o.rn::text), 100 + o.rn from (select id, row_number() over () as rn from organizations) o`,
    `insert into tasks (project_id, title, status, priority, due_at)
       select 1 + i % ${n}, 'Task ' || md5(i::text), (array['todo', 'doing', 'review', 'done']::task_status[])[1 + i % 4], 1 + i % 5, now() + i * interval '1 hour' from generate_series(1, ${n}) i`,
    `insert into comments (task_id, author_id, body, created_at) select 1 + i % ${n}, 1 + (i * 7) % ${n}, 'Comment ' || md5(i::text), now() from generate_series(1, ${n}) i`,
    `insert into tags select i, 'tag-' || i from generate_series(1, ${n}) i`,
    `insert into task_tags select i, 1 + (i * 13) % ${n} from generate_series(1, ${n}) i`,
    `insert into events select gen_random_uuid(), 1 + i % ${n}, ('10.0.' || (i % 250) || '.' || (i % 200))::inet, 'Mozilla/5.0', jsonb_build_object('i', i), now() from generate_series(1, ${n}) i`,
    `insert into invoices (organization_id, amount, currency, paid, issued_on, tags)
       select o.id, 10 + o.rn, 'EUR', o.rn % 2 = 0, current_date, array['a', 'b'] from (select id, row_number() over () as rn from organizations) o`,
  ];
}

async function freshDatabase(adminUrl: string, name: string): Promise<Client> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(SCHEMA);
  return client;
}

async function countRows(client: Client): Promise<number> {
  const { rows } = await client.query(
    `select sum(n)::int as total from (${['accounts', 'organizations', 'memberships', 'projects', 'tasks', 'comments', 'tags', 'task_tags', 'events', 'invoices']
      .map((t) => `select count(*) as n from ${t}`)
      .join(' union all ')}) counts`,
  );
  return rows[0].total;
}

async function main(): Promise<void> {
  const server = await startPostgres({ label: 'mg-bench-seed' });
  try {
    const baselineClient = await freshDatabase(server.url, 'bench_baseline');
    const baselineStart = process.hrtime.bigint();
    await baselineClient.query('begin');
    for (const statement of baselineStatements(PER_TABLE)) await baselineClient.query(statement);
    await baselineClient.query('commit');
    const baselineSeconds = Number(process.hrtime.bigint() - baselineStart) / 1e9;
    const baselineRows = await countRows(baselineClient);
    await baselineClient.end();

    const seedClient = await freshDatabase(server.url, 'bench_seed');
    const seedStart = process.hrtime.bigint();
    const result = await seedDatabase(seedClient, { seed: 1, rows: PER_TABLE, root: __dirname });
    const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
    const seededRows = await countRows(seedClient);
    await seedClient.end();
    if (seededRows !== result.rowsInserted || seededRows !== PER_TABLE * TABLES) throw new Error(`expected ${PER_TABLE * TABLES} rows, found ${seededRows}`);

    const seedRate = seededRows / seedSeconds;
    const baselineRate = baselineRows / baselineSeconds;
    const rejected = result.tables.reduce((sum, t) => sum + t.rejected, 0);
    const linked = result.tables.reduce((sum, t) => sum + t.updated, 0);
    process.stdout.write(
      [
        `seed: ${seededRows} rows across ${TABLES} tables in ${seedSeconds.toFixed(2)} s = ${Math.round(seedRate)} rows/s (rejected and regenerated: ${rejected}, linked after insert: ${linked})`,
        `baseline (insert ... select generate_series, same schema): ${baselineRows} rows in ${baselineSeconds.toFixed(2)} s = ${Math.round(baselineRate)} rows/s`,
        `ratio: the seeder runs at ${((seedRate / baselineRate) * 100).toFixed(1)}% of the baseline (baseline is ${(baselineRate / seedRate).toFixed(1)}x faster)`,
      ].join('\n') + '\n',
    );
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
