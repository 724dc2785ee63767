import { fileURLToPath } from 'node:url';
import { startPostgres } from '@parity/local-stack';
import { startSupabaseApi } from '@parity/supabase-offline';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from './apply-migrations';

export interface SupabaseTarget {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  /** The hostile suite signs expired tokens with it (a real project: its legacy JWT secret). */
  jwtSecret: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of a migrated database of its own, for the SQL-level RLS tests. */
    rlsDatabaseUrl: string;
    /** Superuser URL of the offline API's database (test/restart.test.ts starts an API of its own on it). */
    apiDatabaseUrl: string;
    supabase: SupabaseTarget;
  }
}

/**
 * PostgreSQL (embedded, or DATABASE_URL's server) with the migrations applied by the Supabase
 * CLI, and the offline Supabase API over it — unless SUPABASE_URL, SUPABASE_ANON_KEY and
 * SUPABASE_SERVICE_ROLE_KEY (plus SUPABASE_JWT_SECRET for the hostile suite) point the contract
 * and hostile suites at a real project. The RLS suite always runs on the local database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgres();
  const stops: Array<() => Promise<void>> = [() => postgres.stop()];
  // Last started, first stopped; every stop runs even if an earlier one fails.
  const stopAll = async () => {
    const failures: unknown[] = [];
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'Stopping the test stack failed');
  };
  try {
    // Two databases, so the contract suite's resets never meet the RLS suite's fixtures.
    const [apiDatabaseUrl, rlsDatabaseUrl] = await Promise.all([
      postgres.createDatabase('supabase'),
      postgres.createDatabase('supabase_rls'),
    ]);
    // One after the other: roles are cluster-wide, and both runs would create them.
    for (const url of [apiDatabaseUrl, rlsDatabaseUrl]) await applyMigrations(url);
    project.provide('rlsDatabaseUrl', rlsDatabaseUrl);
    project.provide('apiDatabaseUrl', apiDatabaseUrl);
    project.provide('supabase', await supabaseTarget(apiDatabaseUrl, stops));
    return stopAll;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function supabaseTarget(
  databaseUrl: string,
  stops: Array<() => Promise<void>>,
): Promise<SupabaseTarget> {
  const { SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY, SUPABASE_JWT_SECRET } = process.env;
  if (SUPABASE_URL && SUPABASE_ANON_KEY && SUPABASE_SERVICE_ROLE_KEY) {
    if (!SUPABASE_JWT_SECRET) {
      throw new Error(
        'SUPABASE_JWT_SECRET (the project JWT secret) is needed too: the hostile suite signs tokens',
      );
    }
    return {
      url: SUPABASE_URL,
      anonKey: SUPABASE_ANON_KEY,
      serviceRoleKey: SUPABASE_SERVICE_ROLE_KEY,
      jwtSecret: SUPABASE_JWT_SECRET,
    };
  }
  // GoTrue applies the project's auth settings, as `supabase start` does; password hashes at
  // GoTrue's test cost, since the suites sign up hundreds of accounts.
  const api = await startSupabaseApi({
    databaseUrl,
    // Fault injection on (see "Fault injection" in tooling/supabase-offline/README.md) for test/faults.test.ts.
    faults: true,
    supabaseConfig: fileURLToPath(new URL('../supabase/config.toml', import.meta.url)),
    passwordHashing: 'quick',
  });
  stops.push(() => api.stop());
  return { url: api.url, anonKey: api.anonKey, serviceRoleKey: api.serviceRoleKey, jwtSecret: api.jwtSecret };
}
