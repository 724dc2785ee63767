import { Client, Pool, neon, neonConfig } from '@neondatabase/serverless';
import type { Logger } from 'drizzle-orm';
import { drizzle as drizzleHttp } from 'drizzle-orm/neon-http';
import { drizzle as drizzleWebSocket } from 'drizzle-orm/neon-serverless';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import ws from 'ws';
import * as schema from './schema';

/**
 * How the data layer reaches Neon (README § Which driver): `http` sends every statement as one HTTPS
 * request (`neon()`, drizzle-orm/neon-http), `websocket` keeps sessions in a Pool over WebSockets
 * (drizzle-orm/neon-serverless). Every data-layer operation is written once and runs on both.
 */
export type NeonDriver = 'http' | 'websocket';
export const NEON_DRIVERS: readonly NeonDriver[] = ['http', 'websocket'];

export interface DatabaseOptions {
  /** A postgres:// URL: a Neon database, or the local one behind NEON_WS_PROXY. */
  databaseUrl: string;
  driver: NeonDriver;
  /** host:port/v2 of the local Neon proxy (its /sql answers HTTP); unset for real Neon. */
  wsProxy?: string | undefined;
  logger?: Logger | boolean;
}

/** What both drivers' Drizzle instances are: every query the data layer builds runs on either. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema> & { driver: NeonDriver };

/**
 * The only settings that differ from Neon's defaults locally (see tooling/local-stack's README): plain
 * ws:// and http:// to the local proxy, and no write coalescing on localhost.
 */
function useLocalProxy(wsProxy: string): void {
  neonConfig.wsProxy = wsProxy;
  neonConfig.fetchEndpoint = `http://${new URL(`ws://${wsProxy}`).host}/sql`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.coalesceWrites = false;
}

function configureDriver(wsProxy: string | undefined): void {
  neonConfig.webSocketConstructor ??= ws; // Node < 22 has no global WebSocket
  if (wsProxy) useLocalProxy(wsProxy);
}

/**
 * The WebSocket pool. pg emits a dropped connection as an 'error' event on the client as well as
 * failing its query; the pool listens only on idle clients, and Drizzle's transaction() holds a
 * checked-out one (Better Auth's sign-up), so without this listener a WebSocket cut inside a
 * transaction would crash the server with an uncaught exception. The query's own rejection still
 * reaches the caller, and the pool discards the dead client on release.
 */
function sessionPool(connectionString: string): Pool {
  const pool = new Pool({ connectionString });
  pool.on('connect', (client: Client) => client.on('error', () => undefined));
  // An idle session that dies (PostgreSQL restarted, Neon suspended the compute) is dropped by the
  // pool and reported here; unheard, the pool's 'error' event would end the process.
  pool.on('error', (error: Error) =>
    console.warn(`neon-drizzle: idle database session lost (${error.message})`),
  );
  return pool;
}

export function createDatabase({ databaseUrl, driver, wsProxy, logger }: DatabaseOptions): Database {
  configureDriver(wsProxy);
  const options = { schema, logger: logger ?? process.env.DRIZZLE_LOG === '1' };
  const db: PgDatabase<PgQueryResultHKT, typeof schema> =
    driver === 'http'
      ? drizzleHttp({ client: neon(databaseUrl), ...options })
      : drizzleWebSocket({ client: sessionPool(databaseUrl), ...options });
  return Object.assign(db, { driver });
}

/** Closes the WebSocket pool; the HTTP driver holds no connection. */
export async function endDatabase(db: Database): Promise<void> {
  const client: unknown = (db as { $client?: unknown }).$client;
  if (client instanceof Pool) await client.end();
}

/**
 * A hot read of a fixed shape, prepared once per Database: Drizzle builds its SQL once, and over
 * WebSockets PostgreSQL parses and plans it once per session (a named, protocol-level prepared
 * statement, which Neon's PgBouncer keeps in transaction mode). Over HTTP only the build is saved.
 */
export function preparedRead<Query>(prepare: (db: Database) => Query): (db: Database) => Query {
  const prepared = new WeakMap<Database, Query>();
  return (db) => {
    let query = prepared.get(db);
    if (query === undefined) prepared.set(db, (query = prepare(db)));
    return query;
  };
}

/** NEON_DRIVER: `http` or `websocket` (the default, see README § Which driver). */
export function driverFromEnv(value = process.env.NEON_DRIVER): NeonDriver {
  if (value === undefined || value === '') return 'websocket';
  if (!NEON_DRIVERS.includes(value as NeonDriver))
    throw new Error(`NEON_DRIVER must be one of ${NEON_DRIVERS.join(', ')}, not ${value}`);
  return value as NeonDriver;
}

function databaseFromEnv(driver = driverFromEnv()): Database {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  return createDatabase({ databaseUrl, driver, wsProxy: process.env.NEON_WS_PROXY });
}

let current: Database | undefined;
let currentForAuth: Database | undefined;

/** The app's database, created on first use from DATABASE_URL, NEON_DRIVER (and NEON_WS_PROXY locally). */
export function getDb(): Database {
  return (current ??= databaseFromEnv());
}

/**
 * Better Auth's database: always a WebSocket pool. Its sign-up writes user, account and session in
 * several statements that must commit together, and only a session has interactive transactions;
 * over HTTP one by one, a connection lost between them left a user without an account (issue 18's
 * fault tests). With NEON_DRIVER=http the data layer's one-statement writes still go over HTTP.
 */
export function getAuthDb(): Database {
  const db = getDb();
  if (db.driver === 'websocket') return db;
  return (currentForAuth ??= databaseFromEnv('websocket'));
}

/** Ends the pools; the next getDb() / getAuthDb() opens new ones. */
export async function closeDb(): Promise<void> {
  const open = [current, currentForAuth];
  current = currentForAuth = undefined;
  await Promise.all(open.map((db) => db && endDatabase(db)));
}

/**
 * One session on the direct endpoint (DATABASE_URL_UNPOOLED, as Neon's Vercel integration names
 * it): LISTEN needs a session of its own, which Neon's PgBouncer pooler (transaction mode) does not
 * keep. Locally there is no pooler and DATABASE_URL is already direct.
 */
export function createDirectClient(): Client {
  const databaseUrl = process.env.DATABASE_URL_UNPOOLED ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  configureDriver(process.env.NEON_WS_PROXY);
  return new Client({ connectionString: databaseUrl });
}
