import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import { httpErrorBody, neonMessages } from './neon-errors';
import type { NeonFaults } from './neon-faults';
import { type ArrayElementTypes, jsonValue, parameterText } from './neon-json';
import type { LoginTarget } from './postgres-login';

export interface SqlOverHttpOptions {
  target: LoginTarget;
  /** The one endpoint host served; a connection string naming another is refused as on Neon. */
  endpointHost: string;
  maxRequestBytes: number;
  maxResponseBytes: number;
  faults?: NeonFaults | undefined;
}

export interface SqlOverHttp {
  handle(request: IncomingMessage, response: ServerResponse): void;
  close(): Promise<void>;
}

/** The headers Neon reads (http_util.rs in neondatabase/neon); Node lower-cases header names. */
const HEADER = {
  connectionString: 'neon-connection-string',
  rawTextOutput: 'neon-raw-text-output',
  arrayMode: 'neon-array-mode',
  isolationLevel: 'neon-batch-isolation-level',
  readOnly: 'neon-batch-read-only',
  deferrable: 'neon-batch-deferrable',
} as const;

const ISOLATION_LEVELS: Record<string, string> = {
  ReadUncommitted: 'read uncommitted',
  ReadCommitted: 'read committed',
  RepeatableRead: 'repeatable read',
  Serializable: 'serializable',
};

const INVALID_PASSWORD = '28P01';
// Values reach us as PostgreSQL's text: the response carries that text, the client parses it.
const RAW_TEXT: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value };

interface QueryData {
  query: string;
  params: (string | null)[];
  arrayMode: boolean | undefined;
}
type Payload = { single: QueryData } | { batch: QueryData[] };

interface Settings {
  rawText: boolean;
  arrayMode: boolean;
  isolationLevel: string | undefined;
  readOnly: boolean;
  deferrable: boolean;
}

/** An armed fault cuts the request's connection instead of answering (neon-faults.ts). */
class DroppedByFault extends Error {}

/** Neon's answer to a request it refuses: an HTTP status and its error JSON. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly databaseError?: pg.DatabaseError,
  ) {
    super(message);
  }
}

/**
 * Neon's SQL-over-HTTP endpoint (POST /sql), as `neon()` and `drizzle-orm/neon-http` use it: one query,
 * or a batch run as one non-interactive transaction that commits only if every statement succeeds.
 * Hand-written because Neon's is part of its Rust proxy; connections are pg pools per credentials,
 * as Neon keeps a pool per endpoint, database and role.
 */
export function createSqlOverHttp(options: SqlOverHttpOptions): SqlOverHttp {
  const pools = new Map<string, pg.Pool>();
  const arrayTypes = new Map<string, Promise<ArrayElementTypes>>();

  async function connect(url: URL): Promise<pg.PoolClient> {
    const config = {
      host: options.target.host,
      port: options.target.port,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: decodeURIComponent(url.pathname.slice(1)),
      application_name: url.searchParams.get('application_name') ?? undefined,
      options: url.searchParams.get('options') ?? undefined,
    };
    const key = JSON.stringify(config);
    let pool = pools.get(key);
    if (!pool) {
      pool = new pg.Pool({ ...config, max: 10 });
      pool.on('error', () => undefined); // an idle connection PostgreSQL dropped: the pool replaces it
      pools.set(key, pool);
    }
    try {
      return await pool.connect();
    } catch (error) {
      if (pool.totalCount === 0) {
        pools.delete(key);
        void pool.end();
      }
      if (!(error instanceof pg.DatabaseError)) throw error;
      if (error.code === INVALID_PASSWORD) throw new HttpError(400, neonMessages.passwordFailed(config.user));
      throw new HttpError(400, error.message, error);
    }
  }

  async function respond(
    request: IncomingMessage,
  ): Promise<{ body: unknown; headers: Record<string, string> }> {
    const url = connectionUrl(request, options.endpointHost);
    const settings = readSettings(request);
    const payload = parsePayload(await readBody(request, options.maxRequestBytes));
    const statements = 'single' in payload ? [payload.single] : payload.batch;
    const fault = options.faults?.takeStatement(statements.map((data) => data.query).join('\n'), 'http');
    if (fault === 'before') throw new DroppedByFault();
    const client = await connect(url);
    let broken = true;
    try {
      const elements = settings.rawText ? new Map<number, number>() : await arrayElementTypes(client, url);
      const run = (data: QueryData) => runQuery(client, data, settings, elements, options.maxResponseBytes);
      if ('single' in payload) {
        const body = await run(payload.single);
        // Like Neon, only a connection back at rest returns to the pool (not one left inside BEGIN).
        broken = client.getTransactionStatus() !== 'I';
        if (fault === 'after') throw new DroppedByFault();
        return { body, headers: {} };
      }
      const results = await inTransaction(client, settings, async () => {
        const collected = [];
        for (const data of payload.batch) collected.push(await run(data));
        return collected;
      });
      broken = false;
      if (fault === 'after') throw new DroppedByFault();
      return { body: { results }, headers: batchHeaders(settings) };
    } finally {
      client.release(broken);
    }
  }

  async function arrayElementTypes(client: pg.PoolClient, url: URL): Promise<ArrayElementTypes> {
    const key = url.pathname;
    let types = arrayTypes.get(key);
    if (!types) {
      types = client
        .query<{ oid: number; typelem: number }>(
          "select oid::int, typelem::int from pg_type where typcategory = 'A'",
        )
        .then(({ rows }) => new Map(rows.map((row) => [row.oid, row.typelem])));
      arrayTypes.set(key, types);
    }
    return types;
  }

  return {
    handle(request, response) {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, {
          'content-type': 'application/json',
          'access-control-allow-origin': '*',
          ...headers,
        });
        response.end(JSON.stringify(body));
      };
      respond(request).then(
        ({ body, headers }) => send(200, body, headers),
        (error: unknown) => {
          if (error instanceof DroppedByFault) return void request.socket.destroy();
          if (error instanceof HttpError)
            return send(error.status, httpErrorBody(error.message, error.databaseError));
          if (error instanceof pg.DatabaseError) return send(400, httpErrorBody(error.message, error));
          send(500, httpErrorBody(error instanceof Error ? error.message : String(error)));
        },
      );
    },
    async close() {
      const ending = [...pools.values()].map((pool) => pool.end());
      pools.clear();
      await Promise.all(ending);
    },
  };
}

/** Neon's get_conn_info: the connection string names scheme, role, password, database and endpoint. */
function connectionUrl(request: IncomingMessage, endpointHost: string): URL {
  const header = request.headers[HEADER.connectionString];
  if (typeof header !== 'string') throw new HttpError(400, `invalid header: ${HEADER.connectionString}`);
  let url: URL;
  try {
    url = new URL(header);
  } catch (error) {
    throw new HttpError(400, `invalid connection string: ${(error as Error).message}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new HttpError(400, 'incorrect scheme');
  if (url.pathname.length <= 1) throw new HttpError(400, 'missing database name');
  if (!url.username) throw new HttpError(400, 'missing username');
  // Neon accepts a JWT instead only on endpoints set up for it (Neon RLS); none is, here.
  if (!url.password || request.headers.authorization !== undefined)
    throw new HttpError(400, 'missing authentication credentials: required password');
  if (!url.hostname) throw new HttpError(400, 'missing hostname');
  if (url.hostname !== endpointHost) throw new HttpError(400, neonMessages.endpointNotFound);
  return url;
}

/** Anything but exactly 'true' is false, as on Neon; only the isolation level can be invalid. */
function readSettings(request: IncomingMessage): Settings {
  const isTrue = (name: string) => request.headers[name] === 'true';
  const level = request.headers[HEADER.isolationLevel];
  if (level !== undefined && (typeof level !== 'string' || !(level in ISOLATION_LEVELS)))
    throw new HttpError(400, 'invalid isolation level');
  return {
    rawText: isTrue(HEADER.rawTextOutput),
    arrayMode: isTrue(HEADER.arrayMode),
    isolationLevel: level,
    readOnly: isTrue(HEADER.readOnly),
    deferrable: isTrue(HEADER.deferrable),
  };
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => new HttpError(413, `request is too large (max is ${limit} bytes)`);
  if (Number(request.headers['content-length']) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Neon's payload: `{ query, params?, arrayMode? }` or `{ queries: [those] }`; other keys are ignored. */
function parsePayload(body: string): Payload {
  const invalid = (reason: string) => new HttpError(400, `could not parse the HTTP request body: ${reason}`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw invalid((error as Error).message);
  }
  const queryData = (value: unknown): QueryData | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    const { query, params = [], arrayMode } = value as Record<string, unknown>;
    if (typeof query !== 'string' || !Array.isArray(params)) return undefined;
    if (arrayMode !== undefined && arrayMode !== null && typeof arrayMode !== 'boolean') return undefined;
    return { query, params: params.map(parameterText), arrayMode: arrayMode ?? undefined };
  };
  const single = queryData(json);
  if (single) return { single };
  const queries = (json as { queries?: unknown } | null)?.queries;
  const batch = Array.isArray(queries) ? queries.map(queryData) : undefined;
  if (batch && batch.every((data) => data !== undefined)) return { batch: batch as QueryData[] };
  throw invalid('data did not match any variant of untagged enum Payload');
}

async function runQuery(
  client: pg.PoolClient,
  data: QueryData,
  settings: Settings,
  arrayElements: ArrayElementTypes,
  maxResponseBytes: number,
) {
  // Extended protocol always, as Neon's proxy queries: one statement per query string.
  const config: pg.QueryArrayConfig & { queryMode: 'extended' } = {
    text: data.query,
    values: data.params,
    rowMode: 'array',
    types: RAW_TEXT,
    queryMode: 'extended',
  };
  const result = await client.query(config);
  const asArray = data.arrayMode ?? settings.arrayMode;
  const value = (text: string | null, column: number) =>
    text === null || settings.rawText
      ? text
      : jsonValue(text, result.fields[column]!.dataTypeID, arrayElements);
  const rows = result.rows.map((row: (string | null)[]) =>
    asArray
      ? row.map(value)
      : Object.fromEntries(row.map((text, column) => [result.fields[column]!.name, value(text, column)])),
  );
  if (Buffer.byteLength(JSON.stringify(rows)) > maxResponseBytes)
    throw new HttpError(507, `response is too large (max is ${maxResponseBytes} bytes)`);
  return {
    command: result.command,
    rowCount: result.rowCount,
    rows,
    fields: result.fields.map(({ name, dataTypeID, tableID, columnID, dataTypeSize, dataTypeModifier }) => ({
      name,
      dataTypeID,
      tableID,
      columnID,
      dataTypeSize,
      dataTypeModifier,
      format: 'text',
    })),
    rowAsArray: asArray,
  };
}

async function inTransaction<T>(
  client: pg.PoolClient,
  settings: Settings,
  work: () => Promise<T>,
): Promise<T> {
  const modes = [
    settings.isolationLevel && `isolation level ${ISOLATION_LEVELS[settings.isolationLevel]}`,
    settings.readOnly && 'read only',
    settings.deferrable && 'deferrable',
  ].filter(Boolean);
  await client.query(`start transaction ${modes.join(', ')}`);
  try {
    const result = await work();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

function batchHeaders(settings: Settings): Record<string, string> {
  const headers: Record<string, string> = {};
  if (settings.readOnly) headers['Neon-Batch-Read-Only'] = 'true';
  if (settings.deferrable) headers['Neon-Batch-Deferrable'] = 'true';
  if (settings.isolationLevel) headers['Neon-Batch-Isolation-Level'] = settings.isolationLevel;
  return headers;
}
