import { randomUUID } from 'node:crypto';
import type { JSONValue } from 'convex/values';
import type { WebSocket } from 'ws';
import { InvalidTokenError, type TokenVerifier } from './auth';
import type { Caller, Deployment, FunctionResult } from './deployment';
import type { ConvexFaults } from './faults';
import { adminCaller, MAX_ARGS_BYTES, RequestError } from './http-api';
import { journalAfter, parseJournal, withJournal, type Journal } from './journal';

/** Well inside the clients' 60 s server-inactivity limit, after which they reconnect. */
export const PING_INTERVAL_MS = 15_000;

/**
 * A Transition longer than this goes out as TransitionChunks, which the clients put back together
 * (web_socket_manager's assembleTransition), as a deployment splits large ones. The deployment's own
 * threshold is not part of the protocol; any size reassembles to the same Transition.
 */
export const TRANSITION_CHUNK_CHARS = 1024 * 1024;

interface Subscription {
  path: string;
  args: JSONValue;
  /** Where its page ends, once a paginated query has run (journal.ts). */
  journal: Journal;
  /** The last result sent, serialized, so a re-run sends a QueryUpdated only when it changed. */
  sent: string | undefined;
}

interface Version {
  querySet: number;
  identity: number;
  ts: bigint;
}

type ClientMessage = { type: string } & Record<string, unknown>;

interface MutationOutcome {
  result: FunctionResult;
  /** The deployment's timestamp once it committed: the MutationResponse's `ts`. */
  ts: bigint;
}

// How long a mutation's outcome is kept for a resend. A client resends right after it reconnects;
// a deployment keeps these records for a while and then deletes them.
const MUTATION_RECORD_MS = 10 * 60_000;

/**
 * Mutations by client session and request id, across reconnects. A ConvexClient that loses its
 * WebSocket before a MutationResponse arrives reconnects with the same sessionId and sends the
 * mutation again with the same requestId; a deployment answers that resend with the first run's
 * outcome instead of running it twice (Convex keeps such session request records too). A resend
 * that arrives while the first run is still going waits for it.
 */
export class MutationLog {
  private readonly outcomes = new Map<string, { outcome: Promise<MutationOutcome>; at: number }>();

  run(
    sessionId: string,
    requestId: number,
    mutate: () => Promise<MutationOutcome>,
  ): Promise<MutationOutcome> {
    const key = `${sessionId}/${requestId}`;
    const known = this.outcomes.get(key);
    if (known) return known.outcome;
    this.forgetOld();
    const outcome = mutate();
    this.outcomes.set(key, { outcome, at: Date.now() });
    return outcome;
  }

  private forgetOld(): void {
    const oldest = Date.now() - MUTATION_RECORD_MS;
    // Map iteration is insertion order: the oldest records come first.
    for (const [key, { at }] of this.outcomes) {
      if (at >= oldest) break;
      this.outcomes.delete(key);
    }
  }
}

export interface SyncSessionOptions {
  mutations: MutationLog;
  faults?: ConvexFaults | undefined;
}

/**
 * One client's WebSocket session of the sync protocol (convex/browser's sync/protocol.ts): its query
 * set, its identity, and the version the client last saw. Messages are handled one at a time in
 * arrival order; each Transition re-reads every subscription at one snapshot (inside the
 * deployment's lock) and carries only the queries whose result changed.
 */
export class SyncSession {
  private readonly subscriptions = new Map<number, Subscription>();
  private caller: Caller = {};
  private current: Version = { querySet: 0, identity: 0, ts: 0n };
  private sent: Version = { querySet: 0, identity: 0, ts: 0n };
  private queue: Promise<void> = Promise.resolve();
  private readonly timers: NodeJS.Timeout[] = [];
  private tokenExpiry: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly stopListening: () => void;
  /** The client's sessionId from its Connect message: it stays the same across reconnects. */
  private sessionId: string | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly deployment: Deployment,
    private readonly verifier: TokenVerifier,
    private readonly adminKey: string,
    private readonly options: SyncSessionOptions,
  ) {
    this.stopListening = deployment.onWrite(() => this.enqueue(() => this.transition()));
    this.timers.push(setInterval(() => this.send({ type: 'Ping' }), PING_INTERVAL_MS));
    socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (isBinary) return this.fatal('Binary messages are not part of the sync protocol');
    if (data.length > MAX_ARGS_BYTES) return this.fatal(`Message too large (limit: ${MAX_ARGS_BYTES} bytes)`);
    let message: ClientMessage;
    try {
      message = JSON.parse(data.toString('utf8')) as ClientMessage;
      if (typeof message !== 'object' || message === null || typeof message.type !== 'string')
        throw new Error('no type');
    } catch {
      return this.fatal('Malformed message: expected a JSON object with a "type"');
    }
    this.enqueue(() => this.handle(message));
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.closed) return;
      try {
        await work();
      } catch (error) {
        this.fatal(error instanceof ProtocolError ? error.message : 'Internal server error');
        if (!(error instanceof ProtocolError)) console.error('convex-offline: sync session failed', error);
      }
    });
  }

  private async handle(message: ClientMessage): Promise<void> {
    switch (message.type) {
      case 'Connect':
        if (typeof message.sessionId === 'string') this.sessionId = message.sessionId;
        return;
      case 'ModifyQuerySet':
        return this.modifyQuerySet(message);
      case 'Authenticate':
        return this.authenticate(message);
      case 'Mutation':
      case 'Action':
        return this.request(message);
      case 'Event':
        return;
      default:
        throw new ProtocolError(`Unknown message type ${JSON.stringify(message.type)}`);
    }
  }

  private async modifyQuerySet(message: ClientMessage): Promise<void> {
    const { baseVersion, newVersion, modifications } = message;
    if (
      baseVersion !== this.current.querySet ||
      typeof newVersion !== 'number' ||
      !Array.isArray(modifications)
    ) {
      throw new ProtocolError(
        `ModifyQuerySet from version ${String(baseVersion)}, but the query set is at ${this.current.querySet}`,
      );
    }
    // Validate all before applying any, so a bad modification changes nothing.
    const changes = modifications.map((modification) => parseModification(modification));
    for (const change of changes) {
      if (change.type === 'Add') {
        const { udfPath: path, args, journal } = change;
        this.subscriptions.set(change.queryId, { path, args, journal, sent: undefined });
      } else this.subscriptions.delete(change.queryId);
    }
    this.current.querySet = newVersion;
    await this.transition(changes.flatMap((change) => (change.type === 'Remove' ? [change.queryId] : [])));
  }

  private async authenticate(message: ClientMessage): Promise<void> {
    const baseVersion = message.baseVersion;
    if (baseVersion !== this.current.identity) {
      throw new ProtocolError(
        `Authenticate from identity version ${String(baseVersion)}, but it is at ${this.current.identity}`,
      );
    }
    clearTimeout(this.tokenExpiry);
    try {
      if (message.tokenType === 'None') this.caller = {};
      else if (message.tokenType === 'User') {
        const { identity, expiresAt } = await this.verifier.verify(String(message.value));
        this.caller = { identity };
        if (expiresAt !== undefined) this.expireAt(expiresAt);
      } else if (message.tokenType === 'Admin') {
        this.caller = adminCaller(
          String(message.value),
          this.adminKey,
          message.impersonating as Caller['identity'],
        );
      } else throw new ProtocolError(`Unknown tokenType ${JSON.stringify(message.tokenType)}`);
    } catch (error) {
      if (!(error instanceof InvalidTokenError || error instanceof RequestError)) throw error;
      // The identity stays as it was; the client fetches a fresh token and tries again.
      this.send({ type: 'AuthError', error: error.message, baseVersion, authUpdateAttempted: true });
      return;
    }
    this.current.identity = baseVersion + 1;
    await this.transition();
  }

  // A deployment drops an identity when its token expires; the client answers with a fresh token.
  private expireAt(expiresAt: number): void {
    const delay = Math.min(expiresAt - Date.now(), 2 ** 31 - 1);
    this.tokenExpiry = setTimeout(
      () => {
        this.send({
          type: 'AuthError',
          error: 'Token expired',
          baseVersion: this.current.identity,
          authUpdateAttempted: false,
        });
        this.socket.close(1000, 'Token expired');
      },
      Math.max(0, delay),
    );
  }

  private async request(message: ClientMessage): Promise<void> {
    const { requestId, udfPath, args } = message;
    if (typeof requestId !== 'number' || typeof udfPath !== 'string' || !Array.isArray(args)) {
      throw new ProtocolError(
        `${message.type} needs a numeric requestId, a string udfPath and an args array`,
      );
    }
    const kind = message.type === 'Mutation' ? 'mutation' : 'action';
    const type = kind === 'mutation' ? 'MutationResponse' : 'ActionResponse';
    if (typeof message.componentPath === 'string' && message.componentPath !== '') {
      // An app's own functions only: no components here, and never a call run in the wrong one.
      const result = `Components are not supported by this local deployment (componentPath ${message.componentPath})`;
      return this.send({ type, requestId, success: false, result, logLines: [] });
    }
    const run = async (): Promise<MutationOutcome> => {
      const result = await this.deployment.call(kind, udfPath, (args[0] ?? {}) as JSONValue, this.caller);
      return { result, ts: this.deployment.ts };
    };
    const fault =
      kind === 'mutation' ? this.options.faults?.takeMutation(udfPath, 'sync', args[0]) : undefined;
    if (fault === 'before') return this.cut();
    const { result, ts } =
      kind === 'mutation' && this.sessionId
        ? await this.options.mutations.run(this.sessionId, requestId, run)
        : await run();
    if (fault === 'after') return this.cut();
    if (!result.ok) {
      const { message: text, errorData } = result.error;
      return this.send({
        type,
        requestId,
        success: false,
        result: text,
        logLines: result.logLines,
        ...(errorData !== undefined ? { errorData } : {}),
      });
    }
    // The write's Transition (reaching this ts) follows: the deployment queued it for every session.
    this.send({
      type,
      requestId,
      success: true,
      result: result.value,
      logLines: result.logLines,
      ...(kind === 'mutation' ? { ts: encodeTs(ts) } : {}),
    });
    // A client settles a mutation at the first Transition reaching its ts. A resend answered from
    // the log may find this session past that ts already: confirm the version it is at.
    if (kind === 'mutation' && ts <= this.sent.ts) {
      const version = encodeVersion(this.sent);
      this.send({ type: 'Transition', startVersion: version, endVersion: version, modifications: [] });
    }
  }

  /**
   * Re-reads every subscription at the latest snapshot and sends what changed, from the version the
   * client last saw. Sent even when no result changed if a version moved (query set, identity or a
   * write's timestamp), since a client waits for those to settle its requests.
   */
  private async transition(removed: number[] = []): Promise<void> {
    const { modifications, ts } = await this.deployment.exclusive(async () => {
      const changed: Record<string, unknown>[] = [];
      for (const [queryId, subscription] of this.subscriptions) {
        const { path, args, journal } = subscription;
        const result = await this.deployment.queryLocked(path, withJournal(args, journal), this.caller);
        if (result.ok) subscription.journal = journalAfter(args, result.value, journal);
        const modification = toModification(queryId, result, subscription.journal);
        const serialized = JSON.stringify(modification);
        if (serialized === subscription.sent) continue;
        subscription.sent = serialized;
        changed.push(modification);
      }
      return { modifications: changed, ts: this.deployment.ts };
    });
    this.current.ts = ts;
    const versionMoved =
      this.sent.querySet !== this.current.querySet ||
      this.sent.identity !== this.current.identity ||
      this.sent.ts !== ts;
    if (!versionMoved && modifications.length === 0 && removed.length === 0) return;
    this.sendTransition({
      type: 'Transition',
      startVersion: encodeVersion(this.sent),
      endVersion: encodeVersion(this.current),
      modifications: [...removed.map((queryId) => ({ type: 'QueryRemoved', queryId })), ...modifications],
    });
    this.sent = { ...this.current };
  }

  private sendTransition(transition: Record<string, unknown>): void {
    const text = JSON.stringify(transition);
    if (text.length <= TRANSITION_CHUNK_CHARS) return this.sendText(text);
    const totalParts = Math.ceil(text.length / TRANSITION_CHUNK_CHARS);
    const transitionId = randomUUID();
    for (let partNumber = 0; partNumber < totalParts; partNumber++) {
      const start = partNumber * TRANSITION_CHUNK_CHARS;
      const chunk = text.slice(start, start + TRANSITION_CHUNK_CHARS);
      this.send({ type: 'TransitionChunk', chunk, partNumber, totalParts, transitionId });
    }
  }

  // A clear error to this client only; its session ends, the server and other sessions go on.
  private fatal(error: string): void {
    this.send({ type: 'FatalError', error });
    this.socket.close(1011, error.slice(0, 120));
    this.close();
  }

  // An armed fault: the connection drops as a network cut would, with no close frame.
  private cut(): void {
    this.socket.terminate();
    this.close();
  }

  private send(message: Record<string, unknown>): void {
    this.sendText(JSON.stringify(message));
  }

  private sendText(text: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(text);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopListening();
    for (const timer of this.timers) clearInterval(timer);
    clearTimeout(this.tokenExpiry);
  }
}

class ProtocolError extends Error {}

type Modification =
  | { type: 'Add'; queryId: number; udfPath: string; args: JSONValue; journal: Journal }
  | { type: 'Remove'; queryId: number };

function parseModification(value: unknown): Modification {
  const modification = value as Record<string, unknown>;
  const journal = parseJournal(modification?.journal);
  if (
    modification?.type === 'Add' &&
    typeof modification.queryId === 'number' &&
    typeof modification.udfPath === 'string' &&
    Array.isArray(modification.args) &&
    journal !== undefined
  ) {
    return {
      type: 'Add',
      queryId: modification.queryId,
      udfPath: modification.udfPath,
      args: (modification.args[0] ?? {}) as JSONValue,
      journal,
    };
  }
  if (modification?.type === 'Remove' && typeof modification.queryId === 'number')
    return { type: 'Remove', queryId: modification.queryId };
  throw new ProtocolError(`Malformed query set modification: ${JSON.stringify(value)}`);
}

function toModification(queryId: number, result: FunctionResult, journal: Journal): Record<string, unknown> {
  const { logLines } = result;
  if (result.ok) return { type: 'QueryUpdated', queryId, value: result.value, logLines, journal };
  const { message, errorData } = result.error;
  return {
    type: 'QueryFailed',
    queryId,
    errorMessage: message,
    logLines,
    journal,
    ...(errorData !== undefined ? { errorData } : {}),
  };
}

/** A protocol timestamp: a u64, little-endian, base64 (as `longToU64` in convex/browser). */
export function encodeTs(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString('base64');
}

function encodeVersion(version: Version): Record<string, unknown> {
  return { querySet: version.querySet, identity: version.identity, ts: encodeTs(version.ts) };
}
