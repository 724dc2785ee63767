import { type PostgresServer } from '@parity/local-stack';
import { createSupabaseClient } from '@parity/supabase/src/data/supabase/node';
import { applyMigrations } from '@parity/supabase/test/apply-migrations';
import { startSupabaseApi } from '@parity/supabase-offline';

/** The supabase app's migrations (Supabase CLI) and the offline API over them. */
export async function setUpSupabase(postgres: PostgresServer, name: string) {
  const databaseUrl = await postgres.createDatabase(name);
  await applyMigrations(databaseUrl);
  const api = await startSupabaseApi({ databaseUrl });
  let requests = 0;
  const counting: typeof fetch = (input, init) => {
    requests++;
    return fetch(input, init);
  };
  return {
    databaseUrl,
    stop: () => api.stop(),
    requests: () => requests,
    client: () => createSupabaseClient({ url: api.url, key: api.anonKey, fetch: counting }),
    /** The smallest request a Supabase client makes: GoTrue's health check, no SQL behind it. */
    health: async () => {
      const response = await counting(`${api.url}/auth/v1/health`, { headers: { apikey: api.anonKey } });
      if (!response.ok) throw new Error(`GET /auth/v1/health: ${response.status}`);
      return response.text();
    },
  };
}
