/**
 * The shared Playwright suite (tooling/e2e) against this app's production build: PostgreSQL with the
 * migrations (Supabase CLI) and the offline Supabase API behind `next start` on a free port.
 * `pnpm turbo run e2e --filter @parity/supabase` builds first.
 */
import { fileURLToPath } from 'node:url';
import { runSuiteAgainstApp } from '@parity/e2e/run-app';
import { startPostgres } from '@parity/local-stack';
import { startSupabaseApi } from '@parity/supabase-offline';
import packageJson from '../package.json' with { type: 'json' };
import { applyMigrations } from '../test/apply-migrations';

await runSuiteAgainstApp({
  app: 'supabase',
  appRoot: fileURLToPath(new URL('..', import.meta.url)),
  async start({ onStop }) {
    const postgres = await startPostgres();
    onStop(() => postgres.stop());
    const databaseUrl = await postgres.createDatabase(packageJson.parity.database);
    await applyMigrations(databaseUrl);
    const supabaseConfig = fileURLToPath(new URL('../supabase/config.toml', import.meta.url));
    let api = await startSupabaseApi({ databaseUrl, supabaseConfig });
    onStop(() => api.stop());
    return {
      env: { SUPABASE_URL: api.url, SUPABASE_ANON_KEY: api.anonKey },
      services: `Supabase API on ${api.url}`,
      databaseUrl,
      // Every socket and pool closed, then the same port and keys again: a project's restart.
      async restart() {
        await api.stop();
        api = await startSupabaseApi({
          databaseUrl,
          supabaseConfig,
          port: Number(new URL(api.url).port),
          jwtSecret: api.jwtSecret,
          signingKey: api.signingKey,
        });
      },
    };
  },
});
