import { performance } from 'node:perf_hooks';
import { Client as NeonClient, Pool as NeonPool, neon } from '@neondatabase/serverless';
import pg from 'pg';
import { configureNeonForLocalProxy, startNeonProxy } from './neon-proxy';
import { startPostgres } from './postgres';

// The same indexed queries through the Neon driver + local proxy and through plain node-postgres.
const AUTHORS = 100;
const POSTS_PER_AUTHOR = 200;
const QUERIES = 2_000;
const CONNECTIONS = 200;
const ROUNDS = 20; // alternate drivers every 1/20 of the runs so background load hits both alike
const MAX_RATIO = 1.5;
const MAX_CONNECT_RATIO = 2;

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
    -- every author's posts are 4 in 5 published, spread over time (n / AUTHORS is the author's k-th post)
    select 1 + n % ${AUTHORS}, 'Post ' || n, repeat('Some words of a short post. ', 18), (n / ${AUTHORS}) % 5 <> 0,
           now() - n * interval '1 minute'
    from generate_series(1, ${AUTHORS * POSTS_PER_AUTHOR}) as n;
  analyze;`;

interface Query {
  sql: string;
  params(i: number): unknown[];
}

const AUTHOR_PAGE: Query = {
  sql: `select p.id, p.title, p.content, p.published, p.created_at, u.name as author_name
        from bench_posts p join bench_users u on u.id = p.author_id
        where p.author_id = $1 and p.published and p.deleted_at is null
        order by p.created_at desc, p.id desc limit 21`,
  params: (i) => [1 + ((i * 37) % AUTHORS)],
};
const PRIMARY_KEY: Query = {
  sql: 'select id, name from bench_users where id = $1',
  params: (i) => [1 + ((i * 37) % AUTHORS)],
};

/** One measured operation: the same work through plain pg (`baseline`) and through Neon's driver. */
interface Case {
  name: string;
  neonLabel: string;
  runs: number;
  /** Only these are held to a limit; see README.md § Benchmark for why. */
  maxRatio?: number;
  baseline(i: number): Promise<unknown>;
  neon(i: number): Promise<unknown>;
}

async function time(run: (i: number) => Promise<unknown>, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await run(i);
  return performance.now() - started;
}

async function measure(cases: Case[]): Promise<Array<{ testCase: Case; plainMs: number; neonMs: number }>> {
  const results = [];
  for (const testCase of cases) {
    const warmUp = Math.ceil(testCase.runs / 10);
    await time(testCase.baseline, warmUp);
    await time(testCase.neon, warmUp);
    let plainMs = 0;
    let neonMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      plainMs += await time(testCase.baseline, testCase.runs / ROUNDS);
      neonMs += await time(testCase.neon, testCase.runs / ROUNDS);
    }
    results.push({ testCase, plainMs, neonMs });
  }
  return results;
}

const server = await startPostgres();
const proxy = await startNeonProxy({ target: { host: server.host, port: server.port } });
configureNeonForLocalProxy(proxy);
const databaseUrl = await server.createDatabase('bench');
const plain = new pg.Pool({ connectionString: databaseUrl, max: 1 });
const neonPool = new NeonPool({ connectionString: databaseUrl, max: 1 });
const neonHttp = neon(databaseUrl);
interface Queryable {
  query(text: string, values: unknown[]): Promise<unknown>;
}
const query =
  (pool: Queryable, { sql, params }: Query) =>
  (i: number) =>
    pool.query(sql, params(i));
const cases: Case[] = [
  {
    name: "an author's page (listPosts by author: 21 rows, index + join)",
    neonLabel: 'Pool over WebSocket',
    runs: QUERIES,
    maxRatio: MAX_RATIO,
    baseline: query(plain, AUTHOR_PAGE),
    neon: query(neonPool, AUTHOR_PAGE),
  },
  {
    name: 'a primary-key lookup (1 row)',
    neonLabel: 'Pool over WebSocket',
    runs: QUERIES,
    baseline: query(plain, PRIMARY_KEY),
    neon: query(neonPool, PRIMARY_KEY),
  },
  {
    name: "an author's page over HTTP (one POST /sql per query)",
    neonLabel: 'neon() over HTTP',
    runs: QUERIES / 2,
    baseline: query(plain, AUTHOR_PAGE),
    neon: (i) => neonHttp.query(AUTHOR_PAGE.sql, AUTHOR_PAGE.params(i)),
  },
  {
    name: 'connection setup: connect, one query, end (pipelined cleartext password vs SCRAM)',
    neonLabel: 'Client over WebSocket',
    runs: CONNECTIONS,
    maxRatio: MAX_CONNECT_RATIO,
    baseline: () => connectQueryEnd(new pg.Client({ connectionString: databaseUrl })),
    neon: () => connectQueryEnd(new NeonClient({ connectionString: databaseUrl })),
  },
];

async function connectQueryEnd(
  client: Queryable & { connect(): Promise<unknown>; end(): Promise<unknown> },
): Promise<void> {
  await client.connect();
  await client.query(PRIMARY_KEY.sql, PRIMARY_KEY.params(1));
  await client.end();
}

let passed = true;
try {
  await plain.query(SCHEMA);
  console.log(`Sequential runs per driver and case (after 10% warm-up), alternating every 1/${ROUNDS}`);
  for (const { testCase, plainMs, neonMs } of await measure(cases)) {
    const ratio = neonMs / plainMs;
    const extraMicros = ((neonMs - plainMs) / testCase.runs) * 1000;
    if (testCase.maxRatio && ratio > testCase.maxRatio) passed = false;
    console.log(`\n${testCase.name} — ${testCase.runs} runs`);
    console.log(`  pg (TCP)                               ${(plainMs / testCase.runs).toFixed(3)} ms`);
    console.log(
      `  @neondatabase/serverless, ${testCase.neonLabel.padEnd(21)} ${(neonMs / testCase.runs).toFixed(3)} ms`,
    );
    console.log(
      `  ratio ${ratio.toFixed(2)}${testCase.maxRatio ? ` (limit ${testCase.maxRatio})` : ' (not gated)'}, ` +
        `${extraMicros >= 0 ? '+' : ''}${extraMicros.toFixed(0)} µs per run`,
    );
  }
} finally {
  await Promise.all([plain.end(), neonPool.end()]);
  await proxy.stop();
  await server.stop();
}
if (!passed) process.exitCode = 1;
