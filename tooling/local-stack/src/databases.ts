import pg from 'pg';

/** Builds the URL of another database on the same server as `serverUrl`. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

// CREATE DATABASE has no IF NOT EXISTS, and two test runs may race to create the same name.
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

/** Creates `name` on the server behind `adminUrl` unless it exists already. */
export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (existing.rowCount !== 0) return;
    await client.query(`create database ${client.escapeIdentifier(name)}`);
  } catch (error) {
    const code = error instanceof pg.DatabaseError ? error.code : undefined;
    if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) throw error;
  } finally {
    await client.end();
  }
}

const OBJECT_IN_USE = '55006';

/**
 * The local counterpart of a Neon branch: a copy of `source` made with CREATE DATABASE … TEMPLATE.
 * PostgreSQL copies only a database nobody is connected to, so the source is closed to new sessions,
 * its open ones (a running dev app's pool, which reconnects) are ended, and it is reopened afterwards.
 */
export async function branchDatabase(adminUrl: string, source: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const sourceId = client.escapeIdentifier(source);
  try {
    await client.query(`alter database ${sourceId} allow_connections false`);
    try {
      await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [
        source,
      ]);
      await client.query(`create database ${client.escapeIdentifier(name)} template ${sourceId}`);
    } finally {
      await client.query(`alter database ${sourceId} allow_connections true`);
    }
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === OBJECT_IN_USE)
      throw new Error(`Could not copy ${source}: a session is still connected to it (${error.message})`, {
        cause: error,
      });
    throw error;
  } finally {
    await client.end();
  }
}

/** Drops a branch made by branchDatabase, ending its sessions first (as deleting a Neon branch does). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database ${client.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}
