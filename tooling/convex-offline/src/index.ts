import { randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { ConvexApp } from './app';

export { ConvexApp } from './app';
export { generateAuthKeys } from './auth';
import { generateAuthKeys, TokenVerifier } from './auth';
import { Deployment } from './deployment';
import { ConvexFaults, FAULTS_PATH } from './faults';
import { handleApiRequest, readBody, RequestError } from './http-api';
import { MutationLog, SyncSession } from './sync';

export interface ConvexOfflineOptions {
  /** The app's folder, the one holding `convex/`. */
  appDir: string;
  /** The cloud URL's port (clients, HTTP API); 0 picks a free one. */
  port?: number;
  /** The site URL's port (HTTP actions, convex/http.ts); 0 picks a free one. */
  sitePort?: number;
  /** The app's own URL, given to the functions as SITE_URL (Convex Auth redirects to it). */
  siteUrl?: string;
  /** More deployment environment variables (`npx convex env set`). */
  env?: Record<string, string>;
  /** Reload the functions when a file in `convex/` changes, as `npx convex dev` pushes them. */
  watch?: boolean;
  /** Serve the fault-injection endpoint (README § Fault injection); off by default. */
  faults?: boolean;
  log?: (line: string) => void;
}

export interface ConvexOffline {
  /** The deployment URL: CONVEX_URL, NEXT_PUBLIC_CONVEX_URL, CONVEX_SELF_HOSTED_URL. */
  url: string;
  /** The HTTP actions' URL, CONVEX_SITE_URL. */
  siteUrl: string;
  /** CONVEX_SELF_HOSTED_ADMIN_KEY: the CLI's and ConvexHttpClient.setAdminAuth's key. */
  adminKey: string;
  /** Loads the functions again from disk; the data stays. */
  reload(): void;
  /**
   * Restarts the server on the same ports: every connection and sync session ends, in-flight
   * requests are cut, the ports close and open again. The data stays, as a deployment's database
   * outlives its restart (README § Restart); so do the keys and the log of mutation outcomes.
   */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

// Client versions that speak the protocol this server implements (convex 1.x's sync/protocol.ts).
const SYNC_PATH = /^\/api\/(\d+)\.(\d+)\.(\d+)[^/]*\/sync$/;
const SUPPORTED_MAJOR = 1;

/**
 * A local Convex deployment: the app's real functions on convex-test, behind the sync protocol
 * (ConvexReactClient, ConvexClient), the HTTP API (ConvexHttpClient, `npx convex run`) and the
 * HTTP actions. It runs your functions with convex-test; it is not a Convex deployment (README).
 */
export async function startConvexOffline(options: ConvexOfflineOptions): Promise<ConvexOffline> {
  const log = options.log ?? ((line: string) => console.log(line));
  // Idle keep-alive sockets stay open longer than clients keep them (undici: 4 s), so a client never
  // reuses a socket the server is closing that instant (ECONNRESET under load).
  const cloud = createServer({ keepAliveTimeout: 65_000 });
  const site = createServer({ keepAliveTimeout: 65_000 });
  // Listening comes first (the functions read the URLs), so a client may connect before the functions
  // are loaded: a restarted deployment's open pages reconnect at once. Such a request or WebSocket
  // waits until they are; without a listener yet, Node would leave it unanswered for good.
  let serve!: (handlers: Handlers) => void;
  const ready = new Promise<Handlers>((resolve) => (serve = resolve));
  cloud.on('request', (request, response) => void ready.then((on) => on.cloud(request, response)));
  cloud.on('upgrade', (request, socket, head) => void ready.then((on) => on.upgrade(request, socket, head)));
  site.on('request', (request, response) => void ready.then((on) => on.site(request, response)));
  const port = await listen(cloud, options.port ?? 0);
  const sitePort = await listen(site, options.sitePort ?? 0);
  const url = `http://127.0.0.1:${port}`;
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  const adminKey = `convex-offline|${randomBytes(24).toString('hex')}`;

  // A deployment's built-in and Convex Auth variables; the functions read them from process.env.
  Object.assign(process.env, {
    CONVEX_CLOUD_URL: url,
    CONVEX_SITE_URL: siteUrl,
    SITE_URL: options.siteUrl ?? 'http://localhost:3003',
    ...(await generateAuthKeys()),
    ...options.env,
  });

  const app = new ConvexApp(join(options.appDir, 'convex'));
  const deployment = await Deployment.create(app);
  const verifier = new TokenVerifier(() => app.authConfig());
  const faults = options.faults ? new ConvexFaults() : undefined;
  const mutations = new MutationLog();
  const context = { deployment, verifier, adminKey, faults };

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 2 * 16 * 1024 * 1024 });
  serve({
    cloud(request, response) {
      if (faults && new URL(request.url ?? '/', url).pathname === FAULTS_PATH)
        return void faults.handle(request, response);
      void handleApiRequest(request, response, context);
    },
    site: (request, response) => void forwardHttpAction(request, response, deployment, siteUrl),
    upgrade(request, socket, head) {
      const match = SYNC_PATH.exec(new URL(request.url ?? '/', url).pathname);
      if (!match) {
        socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => {
        if (Number(match[1]) !== SUPPORTED_MAJOR) {
          ws.send(
            JSON.stringify({
              type: 'FatalError',
              error: `Unsupported client version ${match.slice(1, 4).join('.')}: this server speaks the protocol of convex ${SUPPORTED_MAJOR}.x`,
            }),
          );
          ws.close(1008, 'Unsupported client version');
          return;
        }
        new SyncSession(ws, deployment, verifier, adminKey, { mutations, faults });
      });
    },
  });

  const reload = () => {
    app.reload();
    verifier.reset();
    log('convex-offline: functions reloaded from convex/');
  };
  let watcher: FSWatcher | undefined;
  if (options.watch) {
    let pending: NodeJS.Timeout | undefined;
    watcher = watch(app.functionsDir, { recursive: true }, (_event, file) => {
      if (file?.startsWith('_generated') && !file.endsWith('.js')) return;
      clearTimeout(pending);
      pending = setTimeout(reload, 100);
    });
  }

  return {
    url,
    siteUrl,
    adminKey,
    reload,
    async restart() {
      for (const client of sockets.clients) client.terminate();
      await Promise.all([close(cloud), close(site)]);
      await Promise.all([listen(cloud, port), listen(site, sitePort)]);
      log('convex-offline: restarted (every connection closed; the data kept)');
    },
    async stop() {
      watcher?.close();
      deployment.stop();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await Promise.all([close(cloud), close(site)]);
    },
  };
}

interface Handlers {
  cloud(request: IncomingMessage, response: ServerResponse): void;
  site(request: IncomingMessage, response: ServerResponse): void;
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
}

// An HTTP action request, with its method, headers and body, to convex-test's router.
async function forwardHttpAction(
  request: IncomingMessage,
  response: ServerResponse,
  deployment: Deployment,
  siteUrl: string,
): Promise<void> {
  try {
    const method = request.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(request);
    const headers = Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined
        ? []
        : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]],
    );
    const answer = await deployment.fetch(
      new URL(request.url ?? '/', siteUrl).pathname + new URL(request.url ?? '/', siteUrl).search,
      { method, headers, body },
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  } catch (error) {
    const status = error instanceof RequestError ? error.status : 500;
    if (!(error instanceof RequestError)) console.error('convex-offline: HTTP action failed', error);
    response.writeHead(status, { 'content-type': 'text/plain' });
    response.end(error instanceof Error ? error.message : 'HTTP action failed');
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
