import { Client, Pool, neonConfig } from '@neondatabase/serverless';
import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-serverless';
import ws from 'ws';
import * as schema from './schema';

export interface DatabaseOptions {
  /** A postgres:// URL: a Neon database, or the local one behind NEON_WS_PROXY. */
  databaseUrl: string;
  /** host:port/path of a local WebSocket-to-TCP proxy; unset for real Neon. */
  wsProxy?: string | undefined;
  logger?: Logger | boolean;
}

/** The Neon driver's WebSocket settings for the local proxy (plain ws:// to a TCP_NODELAY proxy). */
function useLocalProxy(wsProxy: string): void {
  neonConfig.webSocketConstructor = ws;
  neonConfig.wsProxy = () => wsProxy;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  neonConfig.coalesceWrites = false;
}

function configureDriver(wsProxy: string | undefined): void {
  if (wsProxy) useLocalProxy(wsProxy);
  else neonConfig.webSocketConstructor ??= ws; // Node < 22 has no global WebSocket
}

export function createDatabase({ databaseUrl, wsProxy, logger }: DatabaseOptions) {
  configureDriver(wsProxy);
  const pool = new Pool({ connectionString: databaseUrl });
  return drizzle({ client: pool, schema, logger: logger ?? process.env.DRIZZLE_LOG === '1' });
}

export type Database = ReturnType<typeof createDatabase>;
/** A transaction handle or the database itself: what every write helper takes. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

function databaseFromEnv(): Database {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  return createDatabase({ databaseUrl, wsProxy: process.env.NEON_WS_PROXY });
}

let current: Database | undefined;

/** The app's database, created on first use from DATABASE_URL (and NEON_WS_PROXY locally). */
export function getDb(): Database {
  return (current ??= databaseFromEnv());
}

/** Ends the pool; the next getDb() opens a new one. */
export async function closeDb(): Promise<void> {
  const db = current;
  current = undefined;
  await db?.$client.end();
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
