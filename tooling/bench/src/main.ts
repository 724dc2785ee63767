import { mkdir, writeFile } from 'node:fs/promises';
import { getPriority, loadavg } from 'node:os';
import { benchConvex } from './convex-bench';
import { type Load, toConvexMarkdown, toMarkdown } from './report';
import { dataSet } from './seed';
import { benchSql } from './sql-bench';

// pnpm bench -- --posts=100000 [--rounds=100] [--convex-posts=50000] [--convex-rounds=10] [--only=sql|convex]
// (README.md)
const args = new Map(
  process.argv.slice(2).flatMap((arg) => {
    const match = /^--([a-z-]+)=(.+)$/.exec(arg);
    return match ? [[match[1]!, match[2]!] as const] : [];
  }),
);
const POSTS = Number(args.get('posts') ?? 100_000);
// convex-test keeps every document in memory and scans a table per index range: 50,000 posts (and
// their 200,000 links and entries) is the size it holds in reasonable time; never more than POSTS.
const CONVEX_POSTS = Number(args.get('convex-posts') ?? Math.min(POSTS, 50_000));
// neon-drizzle's NEON_DRIVER: the WebSocket Pool (default) or neon() over HTTP.
const DRIVER = args.get('driver') === 'http' ? 'http' : 'websocket';
const ROUNDS = Number(args.get('rounds') ?? 100);
// Each convex-test call costs a table scan per index range: fewer rounds, for its counts more than its times.
const CONVEX_ROUNDS = Number(args.get('convex-rounds') ?? 10);
const ONLY = args.get('only');
const WARM_UP = 5;
// The command that reproduces a table, written above it (without the `--` pnpm passes through).
const command = `pnpm bench -- ${process.argv
  .slice(2)
  .filter((arg) => arg !== '--')
  .join(' ')}`.trim();
/** Runs `work` and the 1-minute load average around it, with the bench's own nice value. */
async function withLoad<T>(work: () => Promise<T>): Promise<[T, Load]> {
  const before = loadavg()[0]!;
  const result = await work();
  return [result, { before, after: loadavg()[0]!, nice: getPriority() }];
}
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

const out = new URL(`../results/`, import.meta.url);
await mkdir(out, { recursive: true });
const write = async (stem: string, json: unknown, markdown: string) => {
  await writeFile(new URL(`${stem}.json`, out), `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(new URL(`${stem}.md`, out), markdown);
  console.log(`\n${markdown}`);
};

if (ONLY !== 'convex') {
  const set = dataSet(POSTS);
  const [{ results, fixedCost }, load] = await withLoad(() =>
    benchSql(set, { rounds: ROUNDS, warmUp: WARM_UP, driver: DRIVER }, log),
  );
  const stem = `sql-${POSTS}${DRIVER === 'http' ? '-neon-http' : ''}`;
  await write(
    stem,
    { posts: POSTS, set, rounds: ROUNDS, command, load, fixedCost, results },
    toMarkdown(POSTS, ROUNDS, results, { command, load, fixedCost }),
  );
}
if (ONLY !== 'sql') {
  const set = dataSet(CONVEX_POSTS);
  log(
    `convex: ${CONVEX_POSTS} posts, ${set.users} users, ${set.tags} tags on convex-test; ${CONVEX_ROUNDS} rounds`,
  );
  const [results, load] = await withLoad(() => benchConvex(set, { rounds: CONVEX_ROUNDS, warmUp: 2 }, log));
  await write(
    `convex-${CONVEX_POSTS}`,
    { posts: CONVEX_POSTS, set, rounds: CONVEX_ROUNDS, command, load, results },
    toConvexMarkdown(CONVEX_POSTS, CONVEX_ROUNDS, results, { command, load }),
  );
}
