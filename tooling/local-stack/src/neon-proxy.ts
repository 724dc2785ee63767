import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { neonConfig } from '@neondatabase/serverless';
import ws, { WebSocketServer } from 'ws';
import { httpErrorBody } from './neon-errors';
import { FAULTS_PATH, NeonFaults } from './neon-faults';
import { createSqlOverHttp } from './neon-sql-over-http';
import { serveNeonWebSocket } from './neon-websocket';

export interface NeonProxy {
  port: number;
  /** The endpoint host connection strings must name (Neon's `ep-….neon.tech`); default: the target's host. */
  endpointHost: string;
  /** Value for neonConfig.wsProxy: '127.0.0.1:<port>/v2' (the driver appends `?address=host:port`). */
  wsProxy: string;
  /** Value for neonConfig.fetchEndpoint: 'http://127.0.0.1:<port>/sql'. */
  fetchEndpoint: string;
  stop(): Promise<void>;
}

export interface StartNeonProxyOptions {
  /** The one PostgreSQL server this proxy forwards to. */
  target: { host: string; port: number };
  /** Omitted or 0 → a free port. */
  port?: number;
  /** The endpoint host it serves; omitted → `target.host`, the host in the URLs startPostgres() returns. */
  endpointHost?: string;
  /** Neon's limits for SQL over HTTP: 10 MiB each way by default. */
  maxRequestBytes?: number;
  maxResponseBytes?: number;
  /** Serve the fault-injection endpoint (README § Fault injection); off by default. */
  faults?: boolean;
}

const HOST = '127.0.0.1';
const WEBSOCKET_PATH = '/v2'; // the path Neon serves, and the driver's default wsProxy
const SQL_PATH = '/sql';
const TEN_MIB = 10 * 1024 * 1024;

/**
 * The local stand-in for Neon's proxy on one port: PostgreSQL over WebSockets on /v2 (cleartext
 * password from the client, the proxy logs in to PostgreSQL itself) and SQL over HTTP on /sql. It
 * only ever connects to `target`, so it can never be an open proxy.
 */
export async function startNeonProxy(options: StartNeonProxyOptions): Promise<NeonProxy> {
  const endpointHost = options.endpointHost ?? options.target.host;
  const faults = options.faults ? new NeonFaults() : undefined;
  const sqlOverHttp = createSqlOverHttp({
    target: options.target,
    endpointHost,
    maxRequestBytes: options.maxRequestBytes ?? TEN_MIB,
    maxResponseBytes: options.maxResponseBytes ?? TEN_MIB,
    faults,
  });
  // Idle keep-alive sockets outlive the driver's fetch (undici: 4 s), so a request never lands on a
  // socket this proxy is closing that instant (a reset under load).
  const httpServer = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    const path = new URL(request.url ?? '/', 'http://proxy.invalid').pathname;
    if (path === SQL_PATH && request.method === 'POST') return sqlOverHttp.handle(request, response);
    if (path === FAULTS_PATH && faults) return void faults.handle(request, response);
    const status = path === SQL_PATH ? 405 : 404;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(httpErrorBody(status === 405 ? 'method not allowed' : 'not found')));
  });
  await listen(httpServer, options.port ?? 0);
  const webSockets = new WebSocketServer({ server: httpServer, path: WEBSOCKET_PATH });
  webSockets.on('connection', (client, request) =>
    serveNeonWebSocket(client, request, { target: options.target, endpointHost, faults }),
  );
  const { port } = httpServer.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    port,
    endpointHost,
    wsProxy: `${HOST}:${port}${WEBSOCKET_PATH}`,
    fetchEndpoint: `http://${HOST}:${port}${SQL_PATH}`,
    stop: () =>
      (stopping ??= (async () => {
        for (const client of webSockets.clients) client.terminate();
        webSockets.close();
        httpServer.closeAllConnections();
        httpServer.close();
        await Promise.all([once(httpServer, 'close'), sqlOverHttp.close()]);
      })()),
  };
}

/**
 * The driver settings for this proxy (README § The Neon proxy). Only what cannot be as on Neon is
 * changed: plain ws:// and http:// to localhost instead of TLS to `<endpoint>.neon.tech`, and no write
 * coalescing. `pipelineConnect` keeps its default ('password'), as against Neon.
 * neon-drizzle's `src/data/client.ts` sets the same itself, so the app folder stands alone.
 */
export function configureNeonForLocalProxy(proxy: Pick<NeonProxy, 'wsProxy' | 'fetchEndpoint'>): void {
  neonConfig.webSocketConstructor = ws;
  neonConfig.wsProxy = proxy.wsProxy;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.coalesceWrites = false;
  neonConfig.fetchEndpoint = proxy.fetchEndpoint;
}

async function listen(httpServer: Server, port: number): Promise<void> {
  httpServer.listen({ host: HOST, port, exclusive: true });
  try {
    await once(httpServer, 'listening');
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    throw inUse
      ? new Error(`Cannot start the Neon proxy: port ${port} on ${HOST} is already in use.`)
      : error;
  }
}
