import { Pool, neon } from '@neondatabase/serverless';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configureNeonForLocalProxy,
  startNeonProxy,
  startPostgres,
  type NeonFault,
  type NeonProxy,
  type PostgresServer,
} from '../src/index';

// The proxy's fault injection (README § Fault injection) through the real driver: a connection cut
// at each point of a write leaves it applied entirely or not at all, the caller gets an error, and
// the next query on the same pool works.
describe('Neon proxy fault injection', () => {
  let server: PostgresServer;
  let proxy: NeonProxy;
  let direct: pg.Client;
  let pool: Pool;

  const arm = async (faults: NeonFault[]) => {
    const response = await fetch(proxy.fetchEndpoint.replace('/sql', '/_parity/faults'), {
      method: 'POST',
      body: JSON.stringify({ faults }),
    });
    expect(response.status).toBe(204);
  };
  const fired = async (): Promise<NeonFault[]> =>
    (
      (await (await fetch(proxy.fetchEndpoint.replace('/sql', '/_parity/faults'))).json()) as {
        fired: NeonFault[];
      }
    ).fired;
  const rows = async () =>
    (await direct.query<{ n: number }>('select n from ledger order by n')).rows.map((r) => r.n);

  beforeAll(async () => {
    server = await startPostgres();
    proxy = await startNeonProxy({ target: { host: server.host, port: server.port }, faults: true });
    configureNeonForLocalProxy(proxy);
    direct = new pg.Client({ connectionString: server.url() });
    await direct.connect();
    await direct.query('create table ledger (n int primary key)');
    pool = new Pool({ connectionString: server.url() });
  });

  afterAll(async () => {
    await pool?.end();
    await direct?.end();
    await proxy?.stop();
    await server?.stop();
  });

  // One interactive transaction of two inserts, as a multi-statement write sends it over WebSockets.
  async function transfer(a: number, b: number): Promise<void> {
    const client = await pool.connect();
    // A checked-out client reports its dropped connection as an 'error' event too (pg's rule: whoever
    // holds a client listens); the failed query below carries the same error to the caller.
    const ignore = () => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query('insert into ledger values ($1)', [a]);
      await client.query('insert into ledger values ($1)', [b]);
      await client.query('COMMIT');
    } catch (error) {
      broken = error as Error;
      throw error;
    } finally {
      client.off('error', ignore);
      client.release(broken);
    }
  }

  it.each([
    ['after BEGIN', { sql: 'insert into ledger', at: 'before' }, []],
    ['between statements', { sql: 'insert into ledger', at: 'after' }, []],
    ['before COMMIT', { sql: 'COMMIT', at: 'before' }, []],
    ['after COMMIT (the answer lost)', { sql: 'COMMIT', at: 'after' }, [1, 2]],
  ] as const)(
    'a WebSocket cut %s: all or nothing, an error, and the pool goes on',
    async (_point, fault, applied) => {
      await direct.query('truncate ledger');
      await arm([{ ...fault, transport: 'websocket' }]);
      await expect(transfer(1, 2)).rejects.toThrow();
      expect(await fired()).toHaveLength(1);
      expect(await rows()).toEqual(applied);
      // The pool replaces the dead session: the next write succeeds.
      await direct.query('truncate ledger');
      await transfer(3, 4);
      expect(await rows()).toEqual([3, 4]);
    },
  );

  it.each([
    ['before the statement', 'before', []],
    ['after it committed (the answer lost)', 'after', [1, 2]],
  ] as const)('SQL over HTTP cut %s: a batch transaction is all or nothing', async (_point, at, applied) => {
    await direct.query('truncate ledger');
    const sql = neon(server.url());
    await arm([{ sql: 'insert into ledger', at, transport: 'http' }]);
    await expect(
      sql.transaction([sql`insert into ledger values (1)`, sql`insert into ledger values (2)`]),
    ).rejects.toThrow();
    expect(await rows()).toEqual(applied);
    await sql`insert into ledger values (5)`;
    expect(await rows()).toEqual([...applied, 5]);
  });

  it('is off by default: no endpoint, nothing dropped', async () => {
    const plain = await startNeonProxy({ target: { host: server.host, port: server.port } });
    try {
      const response = await fetch(plain.fetchEndpoint.replace('/sql', '/_parity/faults'), {
        method: 'POST',
        body: JSON.stringify({ faults: [{ sql: '.', at: 'before' }] }),
      });
      expect(response.status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
