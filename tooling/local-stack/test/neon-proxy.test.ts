import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { Client, Pool, neonConfig } from '@neondatabase/serverless';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  configureNeonForLocalProxy,
  startNeonProxy,
  startPostgres,
  type NeonProxy,
  type PostgresServer,
} from '../src/index';

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('startNeonProxy with @neondatabase/serverless', () => {
  let server: PostgresServer;
  let proxy: NeonProxy;

  beforeAll(async () => {
    server = await startPostgres();
    proxy = await startNeonProxy({ target: { host: server.host, port: server.port } });
    configureNeonForLocalProxy(proxy);
    return async () => {
      await proxy.stop();
      await server.stop();
    };
  });

  it('answers a real query through a Pool, the password pipelined as on Neon', async () => {
    expect(neonConfig.pipelineConnect).toBe('password');
    const pool = new Pool({ connectionString: server.url() });
    try {
      const { rows } = await pool.query<{ greeting: string; server: string }>(
        "select $1::text as greeting, current_setting('server_version_num') as server",
        ['hello'],
      );
      expect(rows).toEqual([{ greeting: 'hello', server: expect.stringMatching(/^17/) }]);
    } finally {
      await pool.end();
    }
  });

  it('runs an interactive transaction over one WebSocket and rolls it back', async () => {
    const client = new Client({ connectionString: server.url() });
    await client.connect();
    try {
      await client.query('create temporary table scratch (n int)');
      await client.query('begin');
      await client.query('insert into scratch values (1)');
      await client.query('rollback');
      const { rows } = await client.query('select count(*)::int as n from scratch');
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await client.end();
    }
  });

  it.each([
    [
      'a wrong password',
      (url: string) => url.replace(':postgres@', ':wrong@'),
      "password authentication failed for user 'postgres'",
    ],
    [
      'an endpoint host it does not serve',
      (url: string) => url.replace('127.0.0.1', 'ep-elsewhere.example'),
      "The requested endpoint could not be found, or you don't have access to it. Please check the provided ID and try again.",
    ],
  ])("refuses %s with Neon's error, and end() settles", async (_, change, message) => {
    const client = new Client({ connectionString: change(server.url()) });
    const errors: unknown[] = [];
    client.on('error', (error) => errors.push(error)); // with a pipelined password, connect() resolves first
    const failure = await client
      .connect()
      .then(() => client.query('select 1'))
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ severity: 'ERROR', code: 'XX000', message });
    await client.end();
  });

  it('serves /v2 only, the path Neon serves', async () => {
    const legacy = new WebSocket(`ws://${proxy.wsProxy.replace('/v2', '/v1')}`);
    const [error] = (await once(legacy, 'error')) as [Error];
    expect(error.message).toContain('Unexpected server response: 400');
  });

  it('ends the PostgreSQL session when the client sends Terminate', async () => {
    const client = new Client({ connectionString: server.url() });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const pid = rows[0]?.pid;
    expect(pid).toBeTypeOf('number');
    const observer = new pg.Client({ connectionString: server.url() });
    await observer.connect();
    try {
      const sessionExists = async () =>
        (await observer.query('select 1 from pg_stat_activity where pid = $1', [pid])).rowCount === 1;
      expect(await sessionExists()).toBe(true);
      await client.end();
      await waitFor(async () => !(await sessionExists()));
    } finally {
      await observer.end();
    }
  });
});

describe('startNeonProxy at the socket level', () => {
  let target: ReturnType<typeof createServer>;
  let proxy: NeonProxy;
  const accepted: { socket: Socket; received: Buffer[] }[] = [];

  beforeAll(async () => {
    // A plain TCP listener stands in for PostgreSQL here, to watch exactly what the proxy does to the socket.
    // It lets every login in at once (AuthenticationOk), as a server with `trust` authentication would.
    target = createServer((socket) => {
      const received: Buffer[] = [];
      socket.on('data', (chunk) => {
        if (received.length === 0) socket.write(authenticationOk);
        received.push(chunk);
      });
      accepted.push({ socket, received });
    });
    target.listen({ host: '127.0.0.1', port: 0 });
    await once(target, 'listening');
    const { port } = target.address() as { port: number };
    proxy = await startNeonProxy({ target: { host: '127.0.0.1', port } });
    return async () => {
      await proxy.stop();
      target.close();
    };
  });

  const startupMessage = Buffer.from([0, 0, 0, 8, 0, 3, 0, 0]);
  const passwordMessage = Buffer.concat([
    Buffer.from('p'),
    Buffer.from([0, 0, 0, 13]),
    Buffer.from('postgres\0'),
  ]);
  const authenticationCleartextPassword = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);
  const authenticationOk = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]);
  // A Query message whose text contains 'X', 0, 0, 0, 4 — the bytes of a Terminate message.
  const queryContainingTerminateBytes = Buffer.concat([
    Buffer.from('Q'),
    Buffer.from([0, 0, 0, 10]),
    Buffer.from('X\u0000\u0000\u0000\u0004\u0000', 'latin1'),
  ]);
  const terminate = Buffer.from([0x58, 0, 0, 0, 4]);

  /** Startup, the proxy's password request, the password: then the proxy has logged in to the target. */
  async function connectClient(
    query = '?address=127.0.0.1:5432',
  ): Promise<{ client: WebSocket; socket: Socket; received: Buffer[] }> {
    const before = accepted.length;
    const client = new WebSocket(`ws://${proxy.wsProxy}${query}`);
    await once(client, 'open');
    const passwordRequest = once(client, 'message');
    client.send(startupMessage);
    expect((await passwordRequest)[0]).toEqual(authenticationCleartextPassword);
    const greeting = once(client, 'message');
    client.send(passwordMessage);
    expect((await greeting)[0]).toEqual(authenticationOk);
    await waitFor(async () => accepted.length > before);
    const connection = accepted[accepted.length - 1];
    if (!connection) throw new Error('The proxy opened no connection to its target');
    return { client, ...connection };
  }

  it("logs in with the client's startup message, then forwards bytes both ways, only to its target", async () => {
    // The port in ?address= is never dialled: the proxy only knows its target.
    const { client, socket, received } = await connectClient('?address=127.0.0.1:1');
    client.send(queryContainingTerminateBytes);
    const expected = Buffer.concat([startupMessage, queryContainingTerminateBytes]);
    await waitFor(async () => Buffer.concat(received).length >= expected.length);
    expect(Buffer.concat(received)).toEqual(expected);
    const reply = once(client, 'message');
    socket.write(Buffer.from('Z'));
    expect((await reply)[0]).toEqual(Buffer.from('Z'));
    expect(client.readyState).toBe(WebSocket.OPEN);
    client.close();
    await once(socket, 'end');
  });

  it('closes both sides after a Terminate split across frames, without the client closing', async () => {
    const { client, socket } = await connectClient();
    const socketEnded = once(socket, 'end');
    const clientClosed = once(client, 'close');
    client.send(queryContainingTerminateBytes);
    client.send(terminate.subarray(0, 2));
    client.send(terminate.subarray(2));
    await socketEnded;
    const [code] = await clientClosed;
    expect(code).toBe(1000);
  });

  it('closes the WebSocket when the database side closes', async () => {
    const { client, socket } = await connectClient();
    const clientClosed = once(client, 'close');
    socket.destroy();
    const [code] = await clientClosed;
    expect(code).toBe(1000);
    expect(client.readyState).toBe(WebSocket.CLOSED);
  });

  it('reports a taken port clearly', async () => {
    await expect(
      startNeonProxy({ target: { host: '127.0.0.1', port: 1 }, port: proxy.port }),
    ).rejects.toThrow(`port ${proxy.port} on 127.0.0.1 is already in use`);
  });
});
