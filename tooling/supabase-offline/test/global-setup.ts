import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type TestProject } from 'vitest/node';
import { startSupabaseApi } from '../src/index';
import { startTestPostgres } from './postgres';

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

export async function applyFixtures(databaseUrl: string): Promise<void> {
  const files = (await readdir(fixturesDir)).filter((name) => name.endsWith('.sql')).sort();
  await onServer(databaseUrl, async (client) => {
    for (const file of files) await client.query(await readFile(join(fixturesDir, file), 'utf8'));
  });
}

export async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database with the fixture schema on a throwaway server, and the API on a free port. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startTestPostgres();
  const databaseName = `supabase_offline_${randomBytes(4).toString('hex')}`;
  await onServer(postgres.url, (client) => client.query(`create database ${databaseName}`));
  const databaseUrl = Object.assign(new URL(postgres.url), { pathname: `/${databaseName}` }).toString();
  await applyFixtures(databaseUrl);
  // As a current project: ES256 access tokens, the auth settings of a config.toml.
  const api = await startSupabaseApi({ databaseUrl, supabaseConfig: join(fixturesDir, 'config.toml') });
  project.provide('supabaseUrl', api.url);
  project.provide('anonKey', api.anonKey);
  project.provide('serviceRoleKey', api.serviceRoleKey);
  project.provide('jwtSecret', api.jwtSecret);
  project.provide('databaseUrl', databaseUrl);
  return async () => {
    await api.stop();
    await onServer(postgres.url, (client) =>
      client.query(`drop database if exists ${databaseName} with (force)`),
    );
    await postgres.stop();
  };
}
