import { NeonDbError, neon } from '@neondatabase/serverless';
import { sql as drizzleSql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-http';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  configureNeonForLocalProxy,
  startNeonProxy,
  startPostgres,
  type NeonProxy,
  type PostgresServer,
} from '../src/index';

// One statement covering the types whose text form the driver parses: results must equal pg's.
const TYPES_QUERY = `select $1::timestamptz as at, $2::date as day, '2024-02-29 12:34:56.789'::timestamp as local,
  123456789012345678::int8 as big, 1.10::numeric(10, 2) as price, 3.5::float8 as ratio, 7::int2 as small,
  array[1, null, 3]::int[] as ints, array['a"b', 'c,d', null, '']::text[] as texts,
  '{"k": [1, "x", null]}'::jsonb as doc, '[1,2]'::json as list, null::text as nothing, $3::bytea as bytes,
  true as flag, 'f'::bool as off, '6e2b5f1c-8a50-4a4c-9d55-0d8a3b2f9c11'::uuid as id,
  interval '1 day 2 hours' as span, $4::text[] as param_array, $5::jsonb as param_json, $6::int as param_null`;
const TYPES_PARAMS = [
  new Date('2024-01-02T03:04:05.678Z'),
  '2024-01-02',
  Buffer.from([0, 1, 254, 255]),
  ['x', 'y"z', null],
  { nested: [1, 'b', null] },
  null,
];

describe('SQL over HTTP through neon() and drizzle-orm/neon-http', () => {
  let server: PostgresServer;
  let proxy: NeonProxy;
  let plain: pg.Pool;
  let url: string;

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase('http_test');
    proxy = await startNeonProxy({
      target: { host: server.host, port: server.port },
      maxRequestBytes: 64 * 1024,
      maxResponseBytes: 64 * 1024,
    });
    configureNeonForLocalProxy(proxy);
    plain = new pg.Pool({ connectionString: url });
    await plain.query(`create table items (
      id integer primary key, name text not null constraint items_name_short check (length(name) < 20))`);
  });

  afterAll(async () => {
    await plain.end();
    await proxy.stop();
    await server.stop();
  });

  beforeEach(async () => {
    await plain.query('truncate items');
  });

  const count = async () =>
    (await plain.query<{ n: number }>('select count(*)::int as n from items')).rows[0]!.n;

  it('returns the same values as pg for dates, numerics, arrays, json, nulls and bytea', async () => {
    const sql = neon(url);
    const viaHttp = await sql.query(TYPES_QUERY, TYPES_PARAMS);
    const viaPg = await plain.query(TYPES_QUERY, TYPES_PARAMS);
    expect(viaHttp).toEqual(viaPg.rows);
    expect(viaHttp[0]).toMatchObject({ big: '123456789012345678', price: '1.10', param_null: null });
    expect(viaHttp[0]!.bytes).toEqual(Buffer.from([0, 1, 254, 255]));
  });

  it('matches pg on fields, command and rowCount with fullResults, and on array mode', async () => {
    const sql = neon(url, { fullResults: true });
    const insert = await sql.query('insert into items values (1, $1), (2, $2) returning *', ['a', 'b']);
    const pgSelect = await plain.query({ text: 'select * from items order by id', rowMode: 'array' });
    const select = await sql.query('select * from items order by id', [], { arrayMode: true });
    expect({ command: insert.command, rowCount: insert.rowCount }).toEqual({
      command: 'INSERT',
      rowCount: 2,
    });
    expect({ ...select, fields: select.fields.map((field) => ({ ...field })) }).toMatchObject({
      command: pgSelect.command,
      rowCount: pgSelect.rowCount,
      rows: pgSelect.rows,
      fields: pgSelect.fields.map((field) => ({ ...field })),
      rowAsArray: true,
    });
  });

  it('reports PostgreSQL errors as NeonDbError with the fields pg reports', async () => {
    await plain.query("insert into items values (1, 'a')");
    const statement = "insert into items values (1, 'b')";
    const viaHttp = await neon(url)
      .query(statement)
      .catch((error: unknown) => error);
    const viaPg = await plain.query(statement).catch((error: unknown) => error);
    expect(viaHttp).toBeInstanceOf(NeonDbError);
    expect(viaPg).toBeInstanceOf(pg.DatabaseError);
    const fields = [
      'message',
      'code',
      'detail',
      'constraint',
      'table',
      'schema',
      'severity',
      'routine',
    ] as const;
    const pick = (error: unknown) =>
      Object.fromEntries(fields.map((f) => [f, (error as Record<string, unknown>)[f]]));
    expect(pick(viaHttp)).toEqual(pick(viaPg));
    expect(pick(viaHttp)).toMatchObject({
      code: '23505',
      constraint: 'items_pkey',
      detail: 'Key (id)=(1) already exists.',
    });
  });

  it('runs sql.transaction() as one transaction: a failing statement rolls the whole batch back', async () => {
    const sql = neon(url);
    const failed = await sql
      .transaction([
        sql`insert into items values (1, 'kept?')`,
        sql`insert into items values (2, ${'x'.repeat(30)})`,
      ])
      .catch((error: unknown) => error);
    expect(failed).toMatchObject({ name: 'NeonDbError', code: '23514', constraint: 'items_name_short' });
    expect(await count()).toBe(0);
    const [inserted, selected] = await sql.transaction([
      sql`insert into items values (1, 'one') returning id`,
      sql`select name from items`,
    ]);
    expect({ inserted, selected }).toEqual({ inserted: [{ id: 1 }], selected: [{ name: 'one' }] });
  });

  it('applies the isolation level, read-only and deferrable options of a batch', async () => {
    const sql = neon(url);
    const [settings] = await sql.transaction(
      [
        sql`select current_setting('transaction_isolation') as isolation,
                   current_setting('transaction_read_only') as read_only,
                   current_setting('transaction_deferrable') as deferrable`,
      ],
      { isolationLevel: 'Serializable', readOnly: true, deferrable: true },
    );
    expect(settings).toEqual([{ isolation: 'serializable', read_only: 'on', deferrable: 'on' }]);
    await expect(
      sql.transaction([sql`insert into items values (1, 'no')`], { readOnly: true }),
    ).rejects.toMatchObject({ code: '25006' });
    expect(await count()).toBe(0);
  });

  it('runs drizzle-orm/neon-http queries and db.batch (one transaction)', async () => {
    const items = pgTable('items', { id: integer('id').primaryKey(), name: text('name').notNull() });
    const db = drizzle({ client: neon(url) });
    const [created, listed] = await db.batch([
      db.insert(items).values({ id: 1, name: 'drizzle' }).returning(),
      db.select().from(items),
    ]);
    expect({ created, listed }).toEqual({
      created: [{ id: 1, name: 'drizzle' }],
      listed: [{ id: 1, name: 'drizzle' }],
    });
    await expect(
      db.batch([
        db.insert(items).values({ id: 2, name: 'b' }),
        db.insert(items).values({ id: 1, name: 'dup' }),
      ]),
    ).rejects.toThrow();
    expect(await db.select().from(items)).toEqual([{ id: 1, name: 'drizzle' }]);
    expect(await db.execute(drizzleSql`select count(*)::int as n from ${items}`)).toMatchObject({
      rows: [{ n: 1 }],
    });
  });

  it('returns no connection left inside BEGIN to the pool, so the next request commits on its own', async () => {
    const sql = neon(url);
    await sql`begin`;
    await sql`insert into items values (1, 'open')`;
    // Had the insert run inside the open transaction, no other session would see it.
    expect(await count()).toBe(1);
  });

  describe('bad input: Neon statuses and error JSON, nothing applied', () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(proxy.fetchEndpoint, {
        method: 'POST',
        body,
        headers: { 'Neon-Connection-String': url, 'Neon-Raw-Text-Output': 'true', ...headers },
      });
    const insertBody = JSON.stringify({ query: "insert into items values (1, 'x')", params: [] });

    // Headers are built per test: the database URL exists only once beforeAll has run.
    const withUrl = (change: (url: string) => string) => () => ({ 'Neon-Connection-String': change(url) });
    it.each([
      ['a body that is not JSON', '{"query": ', () => ({}), 'could not parse the HTTP request body'],
      [
        'a body of the wrong shape',
        '{"queries": [{"params": []}]}',
        () => ({}),
        'could not parse the HTTP request body',
      ],
      [
        'an unknown isolation level',
        insertBody,
        () => ({ 'Neon-Batch-Isolation-Level': 'Snapshot' }),
        'invalid isolation level',
      ],
      [
        'a wrong password',
        insertBody,
        withUrl((u) => u.replace(':postgres@', ':nope@')),
        "password authentication failed for user 'postgres'",
      ],
      [
        'an unknown endpoint',
        insertBody,
        withUrl((u) => u.replace('127.0.0.1', 'ep-unknown.example')),
        "The requested endpoint could not be found, or you don't have access to it.",
      ],
      [
        'a connection string without a password',
        insertBody,
        withUrl((u) => u.replace(':postgres@', '@')),
        'missing authentication credentials: required password',
      ],
    ])('%s → 400 with a message', async (_, body, headers, message) => {
      const response = await post(body, headers());
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/json');
      const json = (await response.json()) as Record<string, unknown>;
      expect(json.message).toContain(message);
      expect(json).toHaveProperty('code');
      expect(await count()).toBe(0);
    });

    it('a body over the size limit → 413, nothing applied', async () => {
      const body = JSON.stringify({
        query: 'insert into items values (1, $1)',
        params: ['x'.repeat(70_000)],
      });
      const response = await post(body);
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ message: 'request is too large (max is 65536 bytes)' });
      expect(await count()).toBe(0);
    });

    it('a batch whose response is over the limit → 507, its writes rolled back', async () => {
      const sql = neon(url);
      const failed = await sql
        .transaction([sql`insert into items values (1, 'x')`, sql`select repeat('x', 70000) as big`])
        .catch((error: unknown) => error);
      expect(String(failed)).toContain('HTTP status 507');
      expect(await count()).toBe(0);
    });

    it('treats any header value but "true" as false, as Neon does (JSON values instead of raw text)', async () => {
      const response = await post(
        JSON.stringify({ query: "select 1 as n, true as b, '{1,2}'::int[] as a, 9::int8 as big" }),
        {
          'Neon-Raw-Text-Output': 'yes',
          'Neon-Array-Mode': 'TRUE',
        },
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        rows: [{ n: 1, b: true, a: [1, 2], big: '9' }],
        rowAsArray: false,
      });
    });
  });
});
