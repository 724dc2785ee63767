import { ConvexHttpClient } from 'convex/browser';
import { version } from 'convex';
import { inject } from 'vitest';
import { WebSocket } from 'ws';
import { api } from '../../convex/_generated/api';
import { signUpArgs, tokenOf } from '../../contract/auth';
import { createDeploymentPlatform } from '../../contract/deployment';

export type ServerMessage = { type: string } & Record<string, unknown>;

/** The local deployment the global setup started. */
export const offline = () => inject('convexOffline');

/** Empties the deployment's tables through the HTTP API, as the contract's reset() does. */
export async function resetDeployment(): Promise<void> {
  await (await createDeploymentPlatform(offline())).reset();
}

/** Signs up through Convex Auth's signIn action and returns the session token. */
export async function signUpToken(email: string, name: string): Promise<string> {
  const client = new ConvexHttpClient(offline().url);
  return tokenOf(await client.action(api.auth.signIn, signUpArgs({ email, name })));
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
