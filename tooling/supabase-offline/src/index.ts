import { randomBytes } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { type JWK } from 'jose';
import pg from 'pg';
import { AuthApi } from './auth/handler';
import { AuthStore } from './auth/store';
import { authenticatorUrl, bootstrapDatabase } from './bootstrap';
import { defaultAuthSettings, readAuthSettings } from './auth/settings';
import { createApiKeys, type JwtAlgorithm, JwtSigner } from './keys';
import { RealtimeServer } from './realtime';
import { RestApi } from './rest/handler';
import { SchemaCache } from './rest/schema-cache';
import { ApiFaults } from './faults';
import { createApiServer } from './server';

export interface SupabaseApi {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  /** The ES256 signing key (private, with its kid); undefined for an HS256 project. */
  signingKey: JWK | undefined;
  stop(): Promise<void>;
}

// bcrypt's minimum cost (Go's bcrypt.MinCost), GoTrue's QuickHashCost.
const QUICK_HASH_COST = 4;

/**
 * Starts the PostgREST + GoTrue subset over the database at `databaseUrl` (a superuser URL).
 * Requests reach the database as `authenticator`, switching to the JWT's role per transaction;
 * only GoTrue's writes to auth.users use the superuser connection.
 */
export async function startSupabaseApi(options: {
  databaseUrl: string;
  port?: number;
  jwtSecret?: string;
  /**
   * How access tokens are signed: `ES256` (default, as current Supabase projects) with the public
   * key at /auth/v1/.well-known/jwks.json, or `HS256` with the JWT secret, as older projects.
   */
  jwtAlgorithm?: JwtAlgorithm;
  /**
   * The ES256 signing key to keep: pass a stopped API's `signingKey` (with its `port` and
   * `jwtSecret`) to restart it with every session it issued still valid, as on Supabase, whose
   * project keys survive a restart. A new key when omitted.
   */
  signingKey?: JWK;
  /** The project's `supabase/config.toml`, whose `[auth]` settings GoTrue applies. */
  supabaseConfig?: string;
  /**
   * `quick`: bcrypt's minimum cost for new password hashes, as GoTrue's own test suites use
   * (QuickHashCost); for test stacks, where sign-ups dominate. Default: GoTrue's cost, 10.
   */
  passwordHashing?: 'default' | 'quick';
  /** Serve the fault-injection endpoint (README § Fault injection); off by default. */
  faults?: boolean;
}): Promise<SupabaseApi> {
  const jwtSecret = options.jwtSecret ?? randomBytes(32).toString('hex');
  const authSettings = {
    ...(options.supabaseConfig ? await readAuthSettings(options.supabaseConfig) : defaultAuthSettings),
    ...(options.passwordHashing === 'quick' && { passwordHashCost: QUICK_HASH_COST }),
  };
  await bootstrapDatabase(options.databaseUrl);
  // Pipelined: a request's transaction opens in the same round trip as its statement (executor.ts).
  const requestPool = new pg.Pool({
    connectionString: authenticatorUrl(options.databaseUrl),
    max: 10,
    pipeline: true,
  });
  const authPool = new pg.Pool({ connectionString: options.databaseUrl, max: 5 });
  let stopped = false;
  // An idle connection the server ends (restart, shutdown) is dropped by the pool; without a
  // listener, pg would raise it as an uncaught error and end the process. pool.end() resolves
  // before the sockets close, so a server stopped right after stop() still reaches this.
  for (const pool of [requestPool, authPool]) {
    pool.on('error', (error) => {
      if (!stopped) console.warn(`supabase-offline: idle database connection lost (${error.message})`);
    });
  }
  const signer = await JwtSigner.create(jwtSecret, options.jwtAlgorithm, options.signingKey);
  const keys = await createApiKeys(signer);
  const cache = new SchemaCache(requestPool, 'public');
  await cache.get();

  const realtime = new RealtimeServer(options.databaseUrl, signer);
  await realtime.start();
  const server = createApiServer(
    new RestApi(requestPool, cache, signer),
    new AuthApi(new AuthStore(authPool), signer, 'supabase-offline', authSettings),
    realtime,
    keys,
    options.faults ? new ApiFaults() : undefined,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    ...keys,
    jwtSecret,
    signingKey: await signer.signingJwk(),
    async stop() {
      stopped = true;
      server.closeAllConnections();
      await realtime.stop();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await Promise.all([requestPool.end(), authPool.end()]);
    },
  };
}
