import { version } from 'convex';
import { importPKCS8, SignJWT } from 'jose';
import { inject } from 'vitest';
import { WebSocket } from 'ws';

export type ServerMessage = { type: string } & Record<string, unknown>;

/** The server the global setup started. */
export const offline = () => inject('convexOffline');

export const AUDIENCE = 'convex-offline-tests';

/** A token from the fixture's issuer (test/fixture/convex/auth.config.ts), some claims changed at will. */
export async function signToken(
  subject: string,
  claims: { iss?: string; aud?: string; exp?: number } = {},
): Promise<string> {
  const key = await importPKCS8(offline().jwtPrivateKey, 'RS256');
  return new SignJWT({ name: subject })
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject(subject)
    .setIssuer(claims.iss ?? offline().siteUrl)
    .setAudience(claims.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 60)
    .sign(key);
}

/** Empties the fixture's table through the HTTP API with the admin key, as `npx convex run` would. */
export async function reset(): Promise<void> {
  const response = await fetch(`${offline().url}/api/function`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Convex ${offline().adminKey}` },
    body: JSON.stringify({ path: 'messages:reset', args: {}, format: 'convex_encoded_json' }),
  });
  if (!response.ok) throw new Error(`reset failed: ${response.status} ${await response.text()}`);
}

/** POSTs a raw body to the HTTP API. */
export function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${offline().url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function addQuery(
  baseVersion: number,
  queryId: number,
  udfPath: string,
  args: Record<string, unknown> = {},
  journal?: string | null,
) {
  return {
    type: 'ModifyQuerySet',
    baseVersion,
    newVersion: baseVersion + 1,
    modifications: [
      { type: 'Add', queryId, udfPath, args: [args], ...(journal !== undefined ? { journal } : {}) },
    ],
  };
}

/**
 * A sync-protocol client on a bare WebSocket, to send each message by hand and read the server's
 * answers in order (Pings skipped). The real clients are tested with ConvexClient.
 */
export class RawSyncClient {
  private readonly received: ServerMessage[] = [];
  private waiting: (() => void) | undefined;
  closed = false;
  /** When each Ping arrived (they are not returned by next()). */
  readonly pings: number[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'Ping') return void this.pings.push(Date.now());
      this.received.push(message);
      this.waiting?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
  }

  static async open(clientVersion = version): Promise<RawSyncClient> {
    const socket = new WebSocket(`${offline().url.replace(/^http/, 'ws')}/api/${clientVersion}/sync`);
    // Listening before 'open': a message sent right after the upgrade arrives in the same tick.
    const client = new RawSyncClient(socket);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    client.send({
      type: 'Connect',
      sessionId: crypto.randomUUID(),
      connectionCount: 0,
      lastCloseReason: null,
      clientTs: Date.now(),
    });
    return client;
  }

  send(message: Record<string, unknown> | string): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message from the server; fails if none arrives within `timeoutMs`. */
  async next(timeoutMs = 5_000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length === 0) {
      if (this.closed) throw new Error('The server closed the connection');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('No message from the server');
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, left);
      });
    }
    return this.received.shift()!;
  }

  /** Resolves when no message arrives for `ms`, and fails if one does. */
  async quiet(ms = 300): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (this.received.length > 0) throw new Error(`Unexpected message: ${JSON.stringify(this.received[0])}`);
  }

  close(): void {
    this.socket.close();
  }
}
