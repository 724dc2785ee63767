import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPostgres, type PostgresServer } from '../src/index';

async function queryOne<T>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(sql);
    return rows[0] as T;
  } finally {
    await client.end();
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startPostgres', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('starts PostgreSQL 17 on a free port and leaves neither a process nor data behind on stop', async () => {
    const server = await startPostgres();
    const { server_version_num, data_directory } = await queryOne<{
      server_version_num: string;
      data_directory: string;
    }>(
      server.url(),
      "select current_setting('server_version_num') as server_version_num, current_setting('data_directory') as data_directory",
    );
    const postmasterPid = Number(readFileSync(join(data_directory, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(Number(server_version_num)).toBeGreaterThanOrEqual(170000);
    expect(isRunning(postmasterPid)).toBe(true);

    await server.stop();

    expect(isRunning(postmasterPid)).toBe(false);
    expect(existsSync(data_directory)).toBe(false);
    await expect(queryOne(server.url(), 'select 1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('runs two servers at once without collisions', async () => {
    const servers = await Promise.all([startPostgres(), startPostgres()]);
    try {
      const [first, second] = servers as [PostgresServer, PostgresServer];
      expect(first.port).not.toBe(second.port);
      const firstUrl = await first.createDatabase('parity_test');
      const secondUrl = await second.createDatabase('parity_test');
      await queryOne(firstUrl, 'create table only_on_first (id int)');
      const { found } = await queryOne<{ found: string | null }>(
        secondUrl,
        "select to_regclass('only_on_first')::text as found",
      );
      expect(found).toBeNull();
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  });

  it('creates databases idempotently', async () => {
    const server = await startPostgres();
    try {
      const url = await server.createDatabase('twice');
      expect(await server.createDatabase('twice')).toBe(url);
      expect(await queryOne(url, 'select current_database() as name')).toEqual({ name: 'twice' });
    } finally {
      await server.stop();
    }
  });

  it('fails with a clear message when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(startPostgres({ port })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('includes the postgres log tail when the server itself refuses to start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parity-pg-broken-'));
    try {
      const server = await startPostgres({ dataDir });
      await server.stop();
      await writeFile(join(dataDir, 'PG_VERSION'), '9\n');
      await expect(startPostgres({ dataDir })).rejects.toThrow(/postgres log[\s\S]*incompatible with server/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps a persistent data dir across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parity-pg-persistent-'));
    try {
      const first = await startPostgres({ dataDir });
      await queryOne(first.url(), 'create table kept (id int)');
      await first.stop();
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);

      const second = await startPostgres({ dataDir });
      const { found } = await queryOne<{ found: string }>(
        second.url(),
        "select to_regclass('kept')::text as found",
      );
      await second.stop();
      expect(found).toBe('kept');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('uses the server in DATABASE_URL instead of starting one', async () => {
    const server = await startPostgres();
    try {
      vi.stubEnv('DATABASE_URL', server.url());
      const external = await startPostgres();
      expect(external.port).toBe(server.port);
      const url = await external.createDatabase('from_env');
      await external.stop();
      expect(await queryOne(url, 'select current_database() as name')).toEqual({ name: 'from_env' });
    } finally {
      await server.stop();
    }
  });
});
