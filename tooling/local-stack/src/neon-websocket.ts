import type { IncomingMessage } from 'node:http';
import { createConnection, type Socket } from 'node:net';
import { DatabaseError } from 'pg-protocol';
import { WebSocket, type RawData } from 'ws';
import { FrontendMessageTracker } from './frontend-messages';
import { errorResponse, neonMessages } from './neon-errors';
import { type NeonFaults, ReadyForQueryWatch } from './neon-faults';
import { loginToPostgres, type LoginTarget } from './postgres-login';

export interface WebSocketSessionOptions {
  target: LoginTarget;
  /** The one endpoint host this proxy serves; any other is refused as Neon refuses unknown endpoints. */
  endpointHost: string;
  /** Armed faults (neon-faults.ts); absent unless the proxy was started with `faults: true`. */
  faults?: NeonFaults | undefined;
}

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const MAX_STARTUP_BYTES = 10_000; // PostgreSQL's own limit for a startup packet
const PASSWORD_MESSAGE = 'p'.charCodeAt(0);
const INVALID_PASSWORD = '28P01';
// Stop reading from PostgreSQL while this much is still queued towards a slow WebSocket client.
const MAX_BUFFERED_TO_CLIENT = 1024 * 1024;
const AUTHENTICATION_CLEARTEXT_PASSWORD = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);
const NO_ENCRYPTION = Buffer.from('N');

/**
 * One WebSocket as Neon's proxy serves it: the client's startup message names user and database, the
 * proxy asks for a cleartext password (the driver pipelines it with `pipelineConnect: 'password'`),
 * checks the endpoint, logs in to PostgreSQL itself, and from then on relays bytes both ways.
 */
export function serveNeonWebSocket(
  client: WebSocket,
  request: IncomingMessage,
  options: WebSocketSessionOptions,
): void {
  // Fed only what goes to PostgreSQL after login: startup and password are read here.
  const tracker = new FrontendMessageTracker({ startupDone: true });
  let received = Buffer.alloc(0);
  let startupMessage: Buffer | undefined;
  let user = '';
  let database: Socket | undefined;
  let loggingIn = false;
  // Set by an `after` fault: PostgreSQL's answers are withheld until its ReadyForQuery, then the
  // connection is cut.
  let dropAtReady: ReadyForQueryWatch | undefined;

  const fail = (message: string, code?: string) => {
    if (client.readyState === WebSocket.OPEN) client.send(errorResponse(message, code));
    client.close(1000);
  };

  const onHandshakeBytes = (bytes: Buffer) => {
    received = Buffer.concat([received, bytes]);
    while (!loggingIn) {
      if (!startupMessage) {
        if (received.length < 8) return;
        const length = received.readInt32BE(0);
        if (length < 8 || length > MAX_STARTUP_BYTES) return fail('invalid startup packet length', '08P01');
        if (received.length < length) return;
        const message = received.subarray(0, length);
        received = received.subarray(length);
        const code = message.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          client.send(NO_ENCRYPTION); // TLS is the WebSocket's business, as on Neon
          continue;
        }
        if (code === CANCEL_REQUEST) return forwardCancel(options.target, message, client);
        if (code !== PROTOCOL_3)
          return fail(`unsupported frontend protocol ${code >> 16}.${code & 0xffff}`, '08P01');
        const parameters = startupParameters(message);
        if (endpointHostOf(request) !== options.endpointHost) return fail(neonMessages.endpointNotFound);
        startupMessage = message;
        user = parameters.get('user') ?? '';
        client.send(AUTHENTICATION_CLEARTEXT_PASSWORD);
        continue;
      }
      if (received.length < 5) return;
      const length = received.readInt32BE(1) + 1;
      if (received[0] !== PASSWORD_MESSAGE || length < 6) return fail('Malformed password message', '08P01');
      if (received.length < length) return;
      const password = received.toString('utf8', 5, length - 1);
      received = received.subarray(length);
      loggingIn = true;
      void logIn(startupMessage, password);
    }
  };

  const logIn = async (message: Buffer, password: string) => {
    try {
      const session = await loginToPostgres(options.target, { startupMessage: message, user, password });
      if (client.readyState !== WebSocket.OPEN) return session.socket.destroy();
      database = session.socket;
      relayToClient(database, client, (chunk) => {
        if (!dropAtReady) return false;
        if (dropAtReady.sawReady(chunk)) cut();
        return true;
      });
      client.send(session.greeting, { binary: true });
      // Whatever the driver pipelined behind its password (its first queries) goes out now.
      if (received.length > 0) forwardToDatabase(received);
    } catch (error) {
      if (!(error instanceof DatabaseError))
        return fail(error instanceof Error ? error.message : String(error));
      // Neon checks the password itself and says so in its own words; other refusals come from PostgreSQL.
      if (error.code === INVALID_PASSWORD) return fail(neonMessages.passwordFailed(user));
      fail(error.message, error.code);
    }
  };

  const cut = () => {
    client.terminate();
    database?.destroy();
  };

  const forwardToDatabase = (bytes: Buffer) => {
    const socket = database!;
    // The SQL of a Query or Parse message is plain text in the frame that carries it.
    const fault = options.faults?.takeStatement(bytes.toString('utf8'), 'websocket');
    if (fault === 'before') return cut();
    if (fault === 'after') dropAtReady = new ReadyForQueryWatch();
    let terminated: boolean;
    try {
      terminated = tracker.sawTerminate(bytes);
    } catch {
      socket.destroy();
      client.close(1002);
      return;
    }
    // Frames parsed from one client read arrive in one tick: send them to PostgreSQL as one TCP write.
    if (socket.writableCorked === 0) {
      socket.cork();
      process.nextTick(() => socket.uncork());
    }
    if (!socket.write(bytes) && !client.isPaused) {
      client.pause();
      socket.once('drain', () => client.resume());
    }
    if (terminated) {
      socket.end();
      client.close(1000);
    }
  };

  client.on('message', (data) => {
    const bytes = toBuffer(data);
    if (database) return forwardToDatabase(bytes);
    if (loggingIn) received = Buffer.concat([received, bytes]);
    else onHandshakeBytes(bytes);
  });
  client.on('close', () => database?.end());
  client.on('error', () => database?.destroy());
}

/** Relays PostgreSQL's bytes to the client, except those `withhold` keeps back (a fault). */
function relayToClient(database: Socket, client: WebSocket, withhold: (chunk: Buffer) => boolean): void {
  const closeClient = (code: number) => {
    if (client.readyState === WebSocket.OPEN || client.readyState === WebSocket.CONNECTING)
      client.close(code);
  };
  database.on('data', (chunk) => {
    if (withhold(chunk)) return;
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

function startupParameters(message: Buffer): Map<string, string> {
  const parts = message.toString('utf8', 8).split('\0');
  const parameters = new Map<string, string>();
  for (let i = 0; i + 1 < parts.length && parts[i] !== ''; i += 2) parameters.set(parts[i]!, parts[i + 1]!);
  return parameters;
}

/**
 * Neon reads the endpoint from the host the client connected to. Through a `wsProxy` string the driver
 * names it in `?address=host:port`; without one, the WebSocket's own Host header is that host.
 */
function endpointHostOf(request: IncomingMessage): string {
  const url = new URL(request.url ?? '/', 'ws://proxy.invalid');
  const address = url.searchParams.get('address');
  if (address) return new URL(`postgres://${address}`).hostname;
  return new URL(`ws://${request.headers.host ?? ''}`).hostname;
}

function forwardCancel(target: LoginTarget, message: Buffer, client: WebSocket): void {
  const socket = createConnection(target, () => socket.end(message));
  socket.on('error', () => undefined);
  client.close(1000);
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
