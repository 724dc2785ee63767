import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NeonProxy, type PostgresServer, startNeonProxy, startPostgres } from '@parity/local-stack';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signUpWithPassword } from '../src/auth/accounts';
import { auditLog } from '../src/data/audit';
import { closeDb, getDb } from '../src/data/client';
import { runMigrations } from '../src/data/migrate';
import { createPost, getPost } from '../src/data/posts';

// Issue 18: PostgreSQL restarted under a running app. This file runs the data layer on a server of
// its own (same data dir, same port across the restart, behind the same Neon proxy): the pool's
// sessions die with the server, and the app must neither crash nor need a restart itself.

let dataDir: string;
let port: number;
let postgres: PostgresServer;
let proxy: NeonProxy;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'parity-restart-'));
  // A server of its own: startPostgres() would otherwise reuse the shared one in DATABASE_URL.
  delete process.env.DATABASE_URL;
  postgres = await startPostgres({ dataDir });
  port = postgres.port;
  const databaseUrl = await postgres.createDatabase('restart');
  proxy = await startNeonProxy({ target: { host: postgres.host, port } });
  await runMigrations({ databaseUrl, wsProxy: proxy.wsProxy });
  // This worker's data layer (getDb() reads these on first use) talks to this server only.
  await closeDb();
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEON_WS_PROXY = proxy.wsProxy;
});

afterAll(async () => {
  await closeDb();
  await proxy?.stop();
  await postgres?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it('serves the next request after PostgreSQL restarts, with every committed write still there', async () => {
  const actor = await signUpWithPassword({
    email: 'restart@example.com',
    name: 'Restart',
    password: 'correct horse battery staple',
  });
  // Several pooled sessions open and idle, as a running app's are.
  const before = await Promise.all(
    [1, 2, 3, 4].map((n) => createPost(actor, { title: `Before ${n}`, published: true, tags: ['r'] })),
  );

  const restarted = postgres.port;
  await postgres.stop();
  // startPostgres() uses the server in DATABASE_URL when set: unset while it starts this one again.
  const databaseUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  postgres = await startPostgres({ dataDir, port });
  process.env.DATABASE_URL = databaseUrl;
  expect(postgres.port).toBe(restarted);

  // The pool drops its dead sessions; the next write and read work, and nothing was lost.
  const after = await createPost(actor, { title: 'After the restart', published: true, tags: ['r'] });
  for (const post of [...before, after]) {
    expect(await getPost(actor, post.id)).toMatchObject({ id: post.id, title: post.title, tags: ['r'] });
    expect((await auditLog(actor, post.id)).map((entry) => entry.action)).toEqual(['create']);
  }
  expect(getDb().driver).toBe(process.env.NEON_DRIVER === 'http' ? 'http' : 'websocket');
});
