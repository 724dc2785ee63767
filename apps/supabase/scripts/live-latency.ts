/**
 * `pnpm --filter @parity/supabase bench:live`: how long a published post takes to reach another
 * visitor's open page. PostgreSQL, the migrations and the offline Supabase API start here; a writer
 * publishes 100 posts one after another through the data layer, and an anonymous subscriber, on the
 * same channel the home page opens (watchPostChanges 'feed'), times each from the start of the write
 * to the arrival of its change. Prints p50 and p95.
 */
import { randomBytes } from 'node:crypto';
import { startPostgres } from '@parity/local-stack';
import { startSupabaseApi } from '@parity/supabase-offline';
import packageJson from '../package.json' with { type: 'json' };
import { createPost, signUp, watchPostChanges } from '../src/data';
import { createSupabaseClient } from '../src/data/supabase/node';
import { applyMigrations } from '../test/apply-migrations';

const CHANGES = 100;

const postgres = await startPostgres();
try {
  const databaseUrl = await postgres.createDatabase(packageJson.parity.database);
  await applyMigrations(databaseUrl);
  const api = await startSupabaseApi({ databaseUrl });
  try {
    const writer = createSupabaseClient({ url: api.url, key: api.anonKey });
    await signUp(
      writer,
      { email: `bench-${randomBytes(4).toString('hex')}@example.com`, name: 'Bench' },
      'bench password',
    );
    const reader = createSupabaseClient({ url: api.url, key: api.anonKey });
    let arrived: () => void = () => undefined;
    let joined: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (joined = resolve));
    const stop = watchPostChanges(reader, 'feed', { onChange: () => arrived(), onJoin: () => joined() });
    await ready;
    const latencies: number[] = [];
    const writes: number[] = [];
    for (let index = 0; index < CHANGES; index += 1) {
      const delivered = new Promise<void>((resolve) => (arrived = resolve));
      const started = performance.now();
      await createPost(writer, { title: `Bench ${index}`, published: true });
      writes.push(performance.now() - started);
      await delivered;
      latencies.push(performance.now() - started);
    }
    stop();
    await reader.removeAllChannels();
    for (const list of [latencies, writes]) list.sort((a, b) => a - b);
    const at = (share: number, list = latencies) => list[Math.ceil(share * list.length) - 1]!.toFixed(0);
    console.log(
      `supabase: ${CHANGES} changes, write start → subscriber: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms; the write alone: p50 ${at(0.5, writes)} ms`,
    );
  } finally {
    await api.stop();
  }
} finally {
  await postgres.stop();
}
