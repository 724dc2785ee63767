import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import pg from 'pg';
import { WebSocketServer } from 'ws';
import { type JwtSigner } from '../keys';
import { ChangeFeed } from './change-feed';
import { dispatch, type Listener } from './dispatch';
import { parseVsn } from './protocol';
import { RealtimeSocket } from './socket';

export const REALTIME_PATH = '/realtime/v1/websocket';

/**
 * Supabase Realtime's postgres_changes over Phoenix channels at /realtime/v1/websocket: one change
 * feed from PostgreSQL's logical decoding, fanned out to every joined channel whose bindings and
 * RLS admit the change. Broadcast and presence are not served (README).
 */
export class RealtimeServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly listeners = new Set<Listener>();
  private readonly pool: pg.Pool;
  private readonly feed: ChangeFeed;
  private bindingId = 0;

  constructor(
    databaseUrl: string,
    private readonly signer: JwtSigner,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    this.pool.on('error', () => undefined);
    // Listeners are copied per transaction: a channel joining meanwhile starts with the next one.
    this.feed = new ChangeFeed(
      databaseUrl,
      (changes, client) => dispatch(client, changes, [...this.listeners]),
      (message) => console.warn(`supabase-offline realtime: ${message}`),
    );
  }

  start(): Promise<void> {
    return this.feed.start();
  }

  /** Takes over an HTTP upgrade whose API key the gateway already accepted. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL, apiKey: string): void {
    const vsn = parseVsn(url.searchParams.get('vsn'));
    if (!vsn) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      new RealtimeSocket(ws, vsn, apiKey, {
        signer: this.signer,
        pool: this.pool,
        listeners: this.listeners,
        nextBindingId: () => ++this.bindingId,
      });
    });
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await Promise.all([this.feed.stop(), this.pool.end()]);
  }
}
