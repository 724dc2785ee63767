/**
 * `pnpm --filter @parity/load drive [--smoke]`: puts the app at E2E_BASE_URL under HTTP load the way
 * its pages are read (feed, tag pages, post pages), at each connection level for a fixed time, then
 * as many users writing the way its pages write (writes-convex.ts, writes-next.ts), and writes
 * `results/<app>.json`. tooling/e2e/run-app.ts starts the app and runs this after the suite,
 * so the pages have the posts and tags the suite created. `--smoke` is the version in `npm test`:
 * a few connections and users for two seconds, failing on any error, non-2xx answer, failed write or
 * inconsistency (no time gates).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { coresBusy, processGroup, readCpu, type CpuSeconds } from './cpu';
import { heapAfterGcMb } from './heap';
import type { WriteLevelResult } from './writes';
import { ConvexWrites } from './writes-convex';
import { ServerActionWrites } from './writes-next';

const baseUrl = required('E2E_BASE_URL');
const app = required('E2E_APP');
const smoke = process.argv.includes('--smoke');
// The process group of `next start` (run-app.ts starts it detached), so its workers count too.
const serverGroup = process.env.PARITY_APP_PGID;
// The e2e runner's group: the stand-ins it runs (in-process or as children) and its PostgreSQL.
const runnerGroup = process.env.PARITY_RUNNER_PID
  ? processGroup(Number(process.env.PARITY_RUNNER_PID))
  : null;
const groups = { next: serverGroup ? Number(serverGroup) : null, runner: runnerGroup };
// Absent for Convex: its local deployment keeps its data in the deployment process, not PostgreSQL.
const databaseUrl = process.env.PARITY_APP_DATABASE_URL;
// The build's folder: the SQL apps' pages write through server actions, whose ids it names.
const appRoot = required('PARITY_APP_ROOT');

const levels = smoke ? [4] : [10, 50, 100];
const seconds = smoke ? 2 : Number(process.env.PARITY_LOAD_SECONDS ?? 10);
// After the levels, the 50-connection reads again this many times: the memory trend (below).
const STEADY_ROUNDS = 6;

export interface LevelResult {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  errors: number;
  non2xx: number;
  errorRate: number;
  rssMb: { before: number | null; after: number | null };
  dbConnections: { before: number | null; peak: number | null; after: number | null };
  /** The signed-in writes and bad requests at the same number of concurrent users, after the reads. */
  writes?: WriteLevelResult;
  /** Cores each part kept busy (cpu.ts) during the reads and during the writes. */
  cores: { reads: CpuSeconds; writes: CpuSeconds | null };
  /** The machine's 1-minute load average before the level and after it (other work included). */
  loadAverage: { before: number; after: number };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is unset: run through tooling/e2e/run-app.ts (pnpm load)`);
  return value;
}

/** Resident memory of every process in the server's group, in MB (Linux `ps`). */
function serverRssMb(): number | null {
  if (!serverGroup) return null;
  const out = execFileSync('ps', ['-o', 'rss=', '-g', serverGroup], { encoding: 'utf8' });
  const kb = out
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((n) => n > 0)
    .reduce((sum, n) => sum + n, 0);
  return Math.round(kb / 1024);
}

/** Paths the feed links to: its posts and tag pages, as a reader would follow them. */
async function readingMix(): Promise<string[]> {
  const response = await fetch(`${baseUrl}/`);
  if (!response.ok) throw new Error(`GET / answered ${response.status}`);
  const html = await response.text();
  const links = [...html.matchAll(/href="(\/(?:posts\/[^"/]+|\?tag=[^"]+))"/g)].map((m) =>
    m[1]!.replaceAll('&amp;', '&'),
  );
  const posts = [...new Set(links.filter((l) => l.startsWith('/posts/') && l !== '/posts/new'))];
  const tags = [...new Set(links.filter((l) => l.startsWith('/?tag=')))];
  return ['/', ...tags.slice(0, 3), ...posts.slice(0, 5)];
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

async function run(connections: number, paths: string[], db: pg.Client | null): Promise<LevelResult> {
  const countConnections = async () =>
    db
      ? Number(
          (
            await db.query<{ n: string }>(
              'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
            )
          ).rows[0]!.n,
        )
      : null;
  const rssBefore = serverRssMb();
  const dbBefore = await countConnections();
  let dbPeak = dbBefore;
  const sampler = setInterval(() => {
    void countConnections().then((n) => {
      if (n !== null && (dbPeak === null || n > dbPeak)) dbPeak = n;
    });
  }, 250);
  const times: number[] = [];
  const cpuBefore = readCpu(groups);
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        // Each connection walks the mix in order, like a reader going from the feed to tags and posts.
        requests: paths.map((path) => ({ method: 'GET', path })),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // autocannon reports p97.5 but not p95, so percentiles come from every response time.
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  clearInterval(sampler);
  const reads = coresBusy(cpuBefore, readCpu(groups), (performance.now() - started) / 1000);
  times.sort((a, b) => a - b);
  const requests = result.requests.total;
  // autocannon's `errors` already counts its timeouts (no answer within 10 s).
  const failed = result.errors + result.non2xx;
  return {
    connections,
    seconds,
    requests,
    requestsPerSecond: Math.round(requests / seconds),
    latencyMs: { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) },
    errors: result.errors,
    non2xx: result.non2xx,
    errorRate: requests + result.errors === 0 ? 0 : failed / (requests + result.errors),
    rssMb: { before: rssBefore, after: serverRssMb() },
    dbConnections: { before: dbBefore, peak: dbPeak, after: await countConnections() },
    cores: { reads, writes: null },
    loadAverage: { before: 0, after: 0 },
  };
}

/**
 * The write mix, sent where the app's pages send writes: Convex's pages to the deployment
 * (writes-convex.ts), the others' to their own server actions in Next (writes-next.ts).
 */
function writes(): ConvexWrites | ServerActionWrites {
  if (app === 'convex') return new ConvexWrites(required('CONVEX_URL'));
  if (app === 'neon-drizzle' || app === 'supabase') return new ServerActionWrites(app, baseUrl, appRoot);
  throw new Error(`load: no write mix for ${app}`);
}

function writeResults() {
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    new URL(`${app}.json`, dir),
    `${JSON.stringify({ app, baseUrl, paths, seconds, levels: results, steady }, null, 2)}\n`,
  );
}

const started = performance.now();
const paths = await readingMix();
const db = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : null;
await db?.connect();
const results: LevelResult[] = [];
// After each steady round: RSS, and the V8 heap after a full collection (heap.ts). RSS grows with
// what a level keeps in flight and V8 keeps pages it grew, so it rose over rounds without telling
// why; a leak is the collected heap growing from one round of the same level to the next.
const steady: { rssMb: number | null; heapMb: number | null }[] = [];
const inspectPort = process.env.PARITY_APP_INSPECT_PORT;
try {
  for (const connections of levels) {
    const loadBefore = loadavg()[0]!;
    const level = await run(connections, paths, db);
    // The smoke's users write one round each: every write and refusal once, in seconds.
    const cpuBefore = readCpu(groups);
    const writesStarted = performance.now();
    level.writes = await writes().run(connections, smoke ? 0 : seconds);
    level.cores.writes = coresBusy(cpuBefore, readCpu(groups), (performance.now() - writesStarted) / 1000);
    level.loadAverage = { before: round(loadBefore), after: round(loadavg()[0]!) };
    results.push(level);
    // Written after every level, so a run stopped part-way keeps the levels it finished.
    if (!smoke) writeResults();
    console.log(
      `load (${app}): ${connections} connections: ${level.requestsPerSecond} req/s, p50/p95/p99 ` +
        `${level.latencyMs.p50}/${level.latencyMs.p95}/${level.latencyMs.p99} ms, ` +
        `${level.errors} errors, ${level.non2xx} non-2xx, RSS ${level.rssMb.before}→${level.rssMb.after} MB, ` +
        `DB connections ${level.dbConnections.before}/${level.dbConnections.peak}/${level.dbConnections.after}, ` +
        `cores busy (reads) ${JSON.stringify(level.cores.reads)}, load average ${level.loadAverage.before}→${level.loadAverage.after}`,
    );
    const w = level.writes;
    if (w) {
      console.log(
        `load (${app}): ${w.users} users writing: ${w.requestsPerSecond} req/s, p50/p95/p99 ` +
          `${w.latencyMs.p50}/${w.latencyMs.p95}/${w.latencyMs.p99} ms (refused ones ` +
          `${w.refusedLatencyMs.p50}/${w.refusedLatencyMs.p95}/${w.refusedLatencyMs.p99} ms), contract errors ${JSON.stringify(w.contractErrors)}, ` +
          `${w.failures.length} failures, ${w.inconsistencies.length} inconsistencies, cores busy ${JSON.stringify(level.cores.writes)}`,
      );
      for (const line of [...w.failures, ...w.inconsistencies].slice(0, 10)) console.error(`  ${line}`);
    }
  }
  for (let round = 0; !smoke && round < STEADY_ROUNDS; round++) {
    const rssMb = (await run(50, paths, db)).rssMb.after;
    steady.push({ rssMb, heapMb: inspectPort ? await heapAfterGcMb(Number(inspectPort)) : null });
    writeResults();
  }
  if (!smoke) {
    const trend = steady.map((r) => `RSS ${r.rssMb}, heap ${r.heapMb}`).join(' → ');
    console.log(`load (${app}): after each steady round of 50 connections: ${trend} MB`);
  }
} finally {
  await db?.end();
}

if (smoke) {
  const bad = results.filter(
    (r) =>
      r.errors > 0 ||
      r.non2xx > 0 ||
      r.requests === 0 ||
      !r.writes ||
      r.writes.failures.length > 0 ||
      r.writes.inconsistencies.length > 0 ||
      r.writes.requests === 0,
  );
  if (bad.length > 0) {
    console.error(`load smoke (${app}): failed requests or writes under load on ${paths.join(', ')}`);
    process.exit(1);
  }
  console.log(`load smoke (${app}): passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
