import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { type DatabaseError, serialize } from 'pg-protocol';
import type { BackendMessage } from 'pg-protocol/dist/messages';
import { Parser } from 'pg-protocol/dist/parser';

export interface LoginTarget {
  host: string;
  port: number;
}

export interface PostgresSession {
  socket: Socket;
  /** What PostgreSQL sent from AuthenticationOk on (ParameterStatus, BackendKeyData, ReadyForQuery…). */
  greeting: Buffer;
}

type AuthMessage = BackendMessage & { mechanisms?: string[]; data?: string; salt?: Buffer };

/**
 * Opens a session on PostgreSQL as Neon's proxy does on a compute: with the client's own startup
 * message, answering whatever authentication the server asks for with the password the client gave
 * the proxy in cleartext. Rejects with PostgreSQL's DatabaseError (e.g. 28P01) when the server refuses.
 */
export async function loginToPostgres(
  target: LoginTarget,
  login: { startupMessage: Buffer; user: string; password: string },
): Promise<PostgresSession> {
  const socket = createConnection(target);
  socket.setNoDelay(true);
  try {
    await once(socket, 'connect');
    socket.write(login.startupMessage);
    const greeting = await authenticate(socket, login.user, login.password);
    return { socket, greeting };
  } catch (error) {
    socket.destroy();
    throw error;
  }
}

// pg-protocol parses backend messages but keeps no byte offsets: count them, so that everything
// after AuthenticationOk can be relayed to the client untouched.
function authenticate(socket: Socket, user: string, password: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parser = new Parser();
    const scram = new ScramClient(password);
    let received = Buffer.alloc(0);
    let consumed = 0;
    let done = false;
    const finish = (outcome: () => void) => {
      done = true;
      socket.off('data', onData);
      socket.off('error', reject);
      socket.off('close', onClose);
      outcome();
    };
    const onClose = () => {
      if (!done) finish(() => reject(new Error('PostgreSQL closed the connection during login')));
    };
    const onMessage = (message: AuthMessage) => {
      if (done) return;
      consumed += message.length + 1;
      void answer(message).catch((error: unknown) => finish(() => reject(error)));
    };
    const answer = async (message: AuthMessage) => {
      switch (message.name) {
        case 'authenticationOk':
          // Handed over once the server stops asking; PostgreSQL sends nothing else before it.
          finish(() => resolve(received.subarray(consumed - message.length - 1)));
          return;
        case 'authenticationCleartextPassword':
          socket.write(serialize.password(password));
          return;
        case 'authenticationMD5Password':
          socket.write(serialize.password(md5Response(password, user, message.salt!)));
          return;
        case 'authenticationSASL':
          socket.write(scram.start(message.mechanisms ?? []));
          return;
        case 'authenticationSASLContinue':
          socket.write(await scram.respond(message.data ?? ''));
          return;
        case 'authenticationSASLFinal':
          scram.verify(message.data ?? '');
          return;
        case 'error':
          finish(() => reject(message as DatabaseError));
          return;
        default:
          return; // NoticeResponse during login: nothing to do
      }
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      parser.parse(chunk, onMessage);
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', onClose);
  });
}

function md5Response(password: string, user: string, salt: Buffer): string {
  const inner = createHash('md5')
    .update(password + user)
    .digest('hex');
  return (
    'md5' +
    createHash('md5')
      .update(Buffer.concat([Buffer.from(inner), salt]))
      .digest('hex')
  );
}

/**
 * SCRAM-SHA-256 (RFC 5802/7677) without channel binding, the client side PostgreSQL expects. Written
 * here because no public API of pg or pg-protocol exposes the SCRAM client pg uses internally; the
 * hashing is node:crypto's (PBKDF2 in native code).
 */
class ScramClient {
  private readonly nonce = randomBytes(18).toString('base64');
  private expectedServerSignature: Buffer | undefined;

  constructor(private readonly password: string) {}

  start(mechanisms: string[]): Buffer {
    if (!mechanisms.includes('SCRAM-SHA-256'))
      throw new Error(`PostgreSQL offers no supported SASL mechanism (${mechanisms.join(', ')})`);
    return serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256', `n,,${this.clientFirstBare()}`);
  }

  async respond(serverFirst: string): Promise<Buffer> {
    const attributes = new Map(serverFirst.split(',').map((pair) => [pair[0], pair.slice(2)]));
    const serverNonce = attributes.get('r') ?? '';
    const salt = Buffer.from(attributes.get('s') ?? '', 'base64');
    const iterations = Number(attributes.get('i'));
    if (!serverNonce.startsWith(this.nonce) || !Number.isInteger(iterations) || iterations < 1)
      throw new Error('Invalid SCRAM server-first-message from PostgreSQL');
    const saltedPassword = await promisify(pbkdf2)(
      this.password.normalize('NFKC'),
      salt,
      iterations,
      32,
      'sha256',
    );
    const clientFinalWithoutProof = `c=biws,r=${serverNonce}`;
    const authMessage = `${this.clientFirstBare()},${serverFirst},${clientFinalWithoutProof}`;
    const clientKey = hmac(saltedPassword, 'Client Key');
    const clientSignature = hmac(createHash('sha256').update(clientKey).digest(), authMessage);
    const proof = Buffer.from(clientKey.map((byte, i) => byte ^ clientSignature[i]!));
    this.expectedServerSignature = hmac(hmac(saltedPassword, 'Server Key'), authMessage);
    return serialize.sendSCRAMClientFinalMessage(`${clientFinalWithoutProof},p=${proof.toString('base64')}`);
  }

  verify(serverFinal: string): void {
    const signature = Buffer.from(serverFinal.startsWith('v=') ? serverFinal.slice(2) : '', 'base64');
    const expected = this.expectedServerSignature;
    if (!expected || signature.length !== expected.length || !timingSafeEqual(signature, expected))
      throw new Error('PostgreSQL sent a wrong SCRAM server signature');
  }

  private clientFirstBare(): string {
    return `n=*,r=${this.nonce}`; // PostgreSQL takes the user from the startup message
  }
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
