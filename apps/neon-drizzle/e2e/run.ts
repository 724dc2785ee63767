/**
 * The shared Playwright suite (tooling/e2e) against this app's production build: PostgreSQL with the
 * migrations and the Neon WebSocket proxy behind `next start` on a free port.
 * `pnpm turbo run e2e --filter @parity/neon-drizzle` builds first.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSuiteAgainstApp } from '@parity/e2e/run-app';
import { startNeonProxy, startPostgres } from '@parity/local-stack';
import packageJson from '../package.json' with { type: 'json' };
import { runMigrations } from '../src/data/migrate';

await runSuiteAgainstApp({
  app: 'neon-drizzle',
  appRoot: fileURLToPath(new URL('..', import.meta.url)),
  async start({ baseUrl, onStop }) {
    // A data directory of our own, kept across restart() (the server in DATABASE_URL is not ours to restart).
    const own = !process.env.DATABASE_URL;
    const dataDir = own ? await mkdtemp(join(tmpdir(), 'parity-e2e-pg-')) : undefined;
    if (dataDir) onStop(() => rm(dataDir, { recursive: true, force: true }));
    let postgres = await startPostgres({ dataDir });
    onStop(() => postgres.stop());
    const databaseUrl = await postgres.createDatabase(packageJson.parity.database);
    const proxy = await startNeonProxy({ target: { host: postgres.host, port: postgres.port } });
    onStop(() => proxy.stop());
    await runMigrations({ databaseUrl, wsProxy: proxy.wsProxy });
    return {
      env: {
        DATABASE_URL: databaseUrl,
        NEON_WS_PROXY: proxy.wsProxy,
        BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
        BETTER_AUTH_URL: baseUrl,
      },
      services: `PostgreSQL through the Neon proxy on ${proxy.wsProxy}`,
      databaseUrl,
      // PostgreSQL stopped and started again on the same port and data: the app keeps running.
      ...(own && {
        async restart() {
          const { port } = postgres;
          await postgres.stop();
          postgres = await startPostgres({ dataDir, port });
        },
      }),
    };
  },
});
