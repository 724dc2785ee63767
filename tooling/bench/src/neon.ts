import { randomBytes } from 'node:crypto';
import { Client, neonConfig } from '@neondatabase/serverless';
import { type PostgresServer, startNeonProxy } from '@parity/local-stack';
import { runMigrations } from '@parity/neon-drizzle/src/data/migrate';

export interface NeonSetup {
  databaseUrl: string;
  stop(): Promise<void>;
  /** Statements the Neon driver has sent so far (each one a round trip). */
  statements(): number;
}

/**
 * The neon-drizzle app's database behind the local Neon proxy, migrated, with the env its data
 * layer reads set before that layer is imported.
 */
export async function setUpNeon(
  postgres: PostgresServer,
  name: string,
  driver: 'websocket' | 'http',
): Promise<NeonSetup> {
  const databaseUrl = await postgres.createDatabase(name);
  const proxy = await startNeonProxy({ target: { host: postgres.host, port: postgres.port } });
  await runMigrations({ databaseUrl, wsProxy: proxy.wsProxy });
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEON_WS_PROXY = proxy.wsProxy;
  process.env.NEON_DRIVER = driver;
  process.env.BETTER_AUTH_SECRET = randomBytes(32).toString('base64');
  process.env.BETTER_AUTH_URL = 'http://localhost:3001';
  // Counting at the driver: every query a Client sends is one round trip over the WebSocket, every
  // request neon() sends one over HTTP.
  let sent = 0;
  neonConfig.fetchFunction = (...args: Parameters<typeof fetch>) => {
    sent++;
    return fetch(...args);
  };
  const query = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: Parameters<typeof query>) {
    sent++;
    return query.apply(this, args);
  } as typeof query;
  return { databaseUrl, stop: () => proxy.stop(), statements: () => sent };
}
