/**
 * `pnpm --filter @parity/neon-drizzle bench:live`: how long a published post takes to reach the
 * /api/live route's listener. PostgreSQL, the Neon proxy and the migrations start here; a writer
 * publishes 100 posts one after another through the data layer, and a subscriber of
 * watchPostChanges (what /api/live streams from) times each from the start of the write to its
 * notification, for a signed-out visitor's 'feed' scope. Prints p50 and p95. The route's own hop to
 * the browser (one write on an open HTTP response) is not included.
 */
import { startNeonProxy, startPostgres } from '@parity/local-stack';
import packageJson from '../package.json' with { type: 'json' };
import { closeDb, getDb } from '../src/data/client';
import { staleScopes, watchPostChanges } from '../src/data/live';
import { runMigrations } from '../src/data/migrate';
import { createPost } from '../src/data/posts';
import { users } from '../src/data/schema';

const CHANGES = 100;

const postgres = await startPostgres();
const proxy = await startNeonProxy({ target: { host: postgres.host, port: postgres.port } });
try {
  const databaseUrl = await postgres.createDatabase(packageJson.parity.database);
  await runMigrations({ databaseUrl, wsProxy: proxy.wsProxy });
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEON_WS_PROXY = proxy.wsProxy;
  const [writer] = await getDb()
    .insert(users)
    .values({ email: 'bench@example.com', name: 'Bench' })
    .returning({ userId: users.id });
  let arrived: () => void = () => undefined;
  const stop = await watchPostChanges((event) => {
    if (event !== 'reconnected' && staleScopes(event, null).includes('feed')) arrived();
  });
  const latencies: number[] = [];
  const writes: number[] = [];
  for (let index = 0; index < CHANGES; index += 1) {
    const delivered = new Promise<void>((resolve) => (arrived = resolve));
    const started = performance.now();
    await createPost(writer!, { title: `Bench ${index}`, published: true });
    writes.push(performance.now() - started);
    await delivered;
    latencies.push(performance.now() - started);
  }
  stop();
  await closeDb();
  for (const list of [latencies, writes]) list.sort((a, b) => a - b);
  const at = (share: number, list = latencies) => list[Math.ceil(share * list.length) - 1]!.toFixed(0);
  console.log(
    `neon-drizzle: ${CHANGES} changes, write start → listener: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms; the write alone: p50 ${at(0.5, writes)} ms`,
  );
} finally {
  await proxy.stop();
  await postgres.stop();
}
