import { randomBytes } from 'node:crypto';
import { startNeonProxy, startPostgres } from '@parity/local-stack';
import packageJson from '../package.json' with { type: 'json' };
import { runMigrations } from '../src/data/migrate';

/**
 * vitest globalSetup: an embedded PostgreSQL 17 (or the server in DATABASE_URL), the app's
 * database migrated through the Neon driver, and the Neon proxy the driver talks to (WebSocket and
 * HTTP). With CONTRACT_DATABASE_URL the suites run against exactly that database instead — a Neon
 * branch (the preview workflow), or a local one from `parity-stack branch` with NEON_WS_PROXY set —
 * after applying the migrations to it. The test workers inherit DATABASE_URL, NEON_WS_PROXY and
 * Better Auth's settings, exactly what the app reads.
 */
export default async function setup(): Promise<() => Promise<void>> {
  process.env.BETTER_AUTH_SECRET = randomBytes(32).toString('base64');
  process.env.BETTER_AUTH_URL = 'http://localhost:3001';
  const branchUrl = process.env.CONTRACT_DATABASE_URL;
  if (branchUrl) {
    await runMigrations({ databaseUrl: branchUrl, wsProxy: process.env.NEON_WS_PROXY });
    process.env.DATABASE_URL = branchUrl;
    return async () => undefined;
  }
  const stops: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const postgres = await startPostgres();
    stops.push(() => postgres.stop());
    const databaseUrl = await postgres.createDatabase(packageJson.parity.database);
    // Fault injection on (see "Fault injection" in tooling/local-stack/README.md) for test/faults.test.ts.
    const proxy = await startNeonProxy({
      target: { host: postgres.host, port: postgres.port },
      faults: true,
    });
    stops.push(() => proxy.stop());
    await runMigrations({ databaseUrl, wsProxy: proxy.wsProxy });
    process.env.DATABASE_URL = databaseUrl;
    process.env.NEON_WS_PROXY = proxy.wsProxy;
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
