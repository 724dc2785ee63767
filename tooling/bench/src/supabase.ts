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
  };
}
