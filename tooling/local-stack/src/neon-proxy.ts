import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createConnection, type AddressInfo } from 'node:net';
import { neonConfig } from '@neondatabase/serverless';
import ws, { WebSocket, WebSocketServer, type RawData } from 'ws';
import { FrontendMessageTracker } from './frontend-messages';

export interface NeonProxy {
  port: number;
  /** Value for neonConfig.wsProxy: '127.0.0.1:<port>/v1'. */
  wsProxy: string;
  stop(): Promise<void>;
}

export interface StartNeonProxyOptions {
  /** The one PostgreSQL server this proxy forwards to. */
  target: { host: string; port: number };
  /** Omitted or 0 → a free port. */
  port?: number;
}

const HOST = '127.0.0.1';
const PATH = '/v1';
// Stop reading from PostgreSQL while this much is still queued towards a slow WebSocket client.
const MAX_BUFFERED_TO_CLIENT = 1024 * 1024;

/**
 * The local stand-in for Neon's WebSocket proxy: every WebSocket on /v1 becomes one TCP connection to
 * `target`. The `?address=` the driver may append is ignored on purpose, so it can never be an open proxy.
 */
export async function startNeonProxy(options: StartNeonProxyOptions): Promise<NeonProxy> {
  const httpServer = createServer();
  await listen(httpServer, options.port ?? 0);
  const webSockets = new WebSocketServer({ server: httpServer, path: PATH });
  webSockets.on('connection', (client) => bridge(client, options.target));
  const { port } = httpServer.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    port,
    wsProxy: `${HOST}:${port}${PATH}`,
    stop: () =>
      (stopping ??= (async () => {
        for (const client of webSockets.clients) client.terminate();
        webSockets.close();
        httpServer.close();
        await once(httpServer, 'close');
      })()),
  };
}

/**
 * The driver settings for this proxy (README § The Neon proxy): plain ws, no pipelining, no coalescing.
 * neon-drizzle's `src/data/client.ts` sets the same six itself, so the app folder stands alone.
 */
export function configureNeonForLocalProxy(proxy: Pick<NeonProxy, 'wsProxy'>): void {
  neonConfig.webSocketConstructor = ws;
  neonConfig.wsProxy = () => proxy.wsProxy;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  neonConfig.coalesceWrites = false;
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

function bridge(client: WebSocket, target: StartNeonProxyOptions['target']): void {
  const database = createConnection(target);
  database.setNoDelay(true);
  const tracker = new FrontendMessageTracker();

  const closeClient = (code: number) => {
    if (client.readyState === WebSocket.OPEN || client.readyState === WebSocket.CONNECTING)
      client.close(code);
  };

  client.on('message', (data) => {
    const bytes = toBuffer(data);
    let terminated: boolean;
    try {
      terminated = tracker.sawTerminate(bytes);
    } catch {
      database.destroy();
      closeClient(1002);
      return;
    }
    // Frames parsed from one client read arrive in one tick: send them to PostgreSQL as one TCP write.
    if (database.writableCorked === 0) {
      database.cork();
      process.nextTick(() => database.uncork());
    }
    if (!database.write(bytes) && !client.isPaused) {
      client.pause();
      database.once('drain', () => client.resume());
    }
    if (terminated) {
      database.end();
      closeClient(1000);
    }
  });
  client.on('close', () => database.end());
  client.on('error', () => database.destroy());

  database.on('data', (chunk) => {
    if (client.bufferedAmount < MAX_BUFFERED_TO_CLIENT) {
      client.send(chunk, { binary: true });
      return;
    }
    database.pause();
    client.send(chunk, { binary: true }, () => database.resume());
  });
  database.on('error', () => closeClient(1011));
  database.on('close', () => closeClient(1000));
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
