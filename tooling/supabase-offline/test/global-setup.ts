import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startPostgres } from '@parity/local-stack';
import pg from 'pg';
import { type TestProject } from 'vitest/node';
import { startSupabaseApi } from '../src/index';

declare module 'vitest' {
  export interface ProvidedContext {
    supabaseUrl: string;
    anonKey: string;
    serviceRoleKey: string;
    jwtSecret: string;
    databaseUrl: string;
  }
}

const fixturesDir = join(import.meta.dirname, 'fixtures');

async function applyFixtures(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const file of (await readdir(fixturesDir)).filter((name) => name.endsWith('.sql')).sort()) {
      await client.query(await readFile(join(fixturesDir, file), 'utf8'));
    }
  } finally {
    await client.end();
  }
}

/** Postgres from the local stack, a fresh database with the fixture schema, and the API on a free port. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgres();
  const databaseName = `supabase_offline_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await postgres.createDatabase(databaseName);
  await applyFixtures(databaseUrl);
  const api = await startSupabaseApi({ databaseUrl });
  project.provide('supabaseUrl', api.url);
  project.provide('anonKey', api.anonKey);
  project.provide('serviceRoleKey', api.serviceRoleKey);
  project.provide('jwtSecret', api.jwtSecret);
  project.provide('databaseUrl', databaseUrl);
  return async () => {
    await api.stop();
    const admin = new pg.Client({ connectionString: postgres.url() });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
    await postgres.stop();
  };
}
