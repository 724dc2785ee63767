import { type Pool } from 'pg';
import { type WebSocket } from 'ws';
import { type JwtSigner } from '../keys';
import { checkBinding } from './catalog';
import { type Binding, type ChangeEvent, type Listener } from './dispatch';
import { FilterParseError, parseFilter } from './filters';
import { decodeFrame, encodeFrame, type Frame, reply, type Vsn } from './protocol';
import { checkToken, type RealtimeClaims } from './tokens';

export interface SocketContext {
  signer: JwtSigner;
  /** Superuser connections for Realtime's own catalog checks at join time. */
  pool: Pool;
  listeners: Set<Listener>;
  nextBindingId(): number;
}

interface Channel extends Listener {
  topic: string;
  joinRef: string | null;
  expiry: NodeJS.Timeout | null;
}

const EVENTS = new Set<string>(['*', 'INSERT', 'UPDATE', 'DELETE']);
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One client connection: Phoenix channels on one WebSocket. Frames are handled one at a time, in
 * the order they arrive (a join checks its token and bindings against the database first).
 */
export class RealtimeSocket {
  private readonly channels = new Map<string, Channel>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    private readonly vsn: Vsn,
    /** The API key the socket connected with: a channel's token when its join carries none. */
    private readonly apiKey: string,
    private readonly context: SocketContext,
  ) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return; // broadcast's binary frames: not served offline
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString('utf8');
      this.queue = this.queue
        .then(() => this.receive(text))
        .catch((error: unknown) => {
          console.error('supabase-offline realtime: unexpected error', error);
        });
    });
    ws.on('close', () => {
      for (const channel of this.channels.values()) this.drop(channel);
    });
  }

  private send(frame: Frame): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(encodeFrame(frame, this.vsn));
  }

  private async receive(text: string): Promise<void> {
    const frame = decodeFrame(text, this.vsn);
    if (!frame) {
      // Phoenix cannot answer what it cannot decode; it closes the socket.
      this.ws.close(1003, 'invalid frame');
      return;
    }
    if (frame.topic === 'phoenix' && frame.event === 'heartbeat') {
      this.send(reply(frame, 'ok', {}));
      return;
    }
    if (frame.event === 'phx_join') {
      await this.join(frame);
      return;
    }
    const channel = this.channels.get(frame.topic);
    if (!channel || channel.joinRef !== frame.joinRef) {
      this.send(reply(frame, 'error', { reason: 'unmatched topic' }));
      return;
    }
    switch (frame.event) {
      case 'phx_leave':
        this.send(reply(frame, 'ok', {}));
        this.close(channel);
        return;
      case 'access_token':
        await this.refreshToken(channel, frame);
        return;
      default:
        // Broadcast and presence are Realtime features this server does not offer (README).
        this.send(reply(frame, 'error', { reason: `${frame.event} is not supported by supabase-offline` }));
    }
  }

  private async join(frame: Frame): Promise<void> {
    const existing = this.channels.get(frame.topic);
    if (existing) this.close(existing);
    const subTopic = frame.topic.replace(/^realtime:/, '');
    const config = isRecord(frame.payload.config) ? frame.payload.config : {};
    const offered = frame.payload.access_token;
    // As on Supabase: a publishable key (sb_…) in access_token means "use the socket's key".
    const token = typeof offered === 'string' && !offered.startsWith('sb_') ? offered : this.apiKey;
    const checked = await checkToken(token, this.context.signer);
    if (!checked.ok) {
      this.send(reply(frame, 'error', { reason: checked.reason }));
      return;
    }
    if (config.private === true) {
      // Private channels are authorized by RLS on realtime.messages, which only Broadcast and
      // Presence use; without them no policy can grant the topic, so the answer is Realtime's refusal.
      this.send(
        reply(frame, 'error', {
          reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`,
        }),
      );
      return;
    }
    const requested = Array.isArray(config.postgres_changes) ? config.postgres_changes.filter(isRecord) : [];
    const bindings: Binding[] = [];
    const echoed: Record<string, unknown>[] = [];
    let problem: string | null = null;
    for (const request of requested) {
      const id = this.context.nextBindingId();
      echoed.push({ ...request, id });
      if (problem) continue;
      const result = await this.readBinding(request, id);
      if (typeof result === 'string') problem = result;
      else bindings.push(result);
    }
    const channel: Channel = {
      topic: frame.topic,
      joinRef: frame.joinRef,
      role: checked.claims.role,
      claims: checked.claims,
      // One failing binding and the channel gets no changes at all, as on Realtime.
      bindings: problem ? [] : bindings,
      expiry: null,
      send: ({ ids, data }) =>
        this.send({
          joinRef: channel.joinRef,
          ref: null,
          topic: channel.topic,
          event: 'postgres_changes',
          payload: { ids, data },
        }),
    };
    this.channels.set(frame.topic, channel);
    this.scheduleExpiry(channel, checked.claims);
    this.send(reply(frame, 'ok', { postgres_changes: echoed }));
    if (requested.length === 0) return;
    if (problem) {
      this.system(channel, 'error', 'postgres_changes', problem);
      return;
    }
    this.context.listeners.add(channel);
    this.system(channel, 'ok', 'postgres_changes', 'Subscribed to PostgreSQL');
  }

  /** A binding, or Realtime's message for why it cannot be one. */
  private async readBinding(request: Record<string, unknown>, id: number): Promise<Binding | string> {
    const event = typeof request.event === 'string' ? request.event : '';
    const schema = typeof request.schema === 'string' ? request.schema : '';
    const table = typeof request.table === 'string' && request.table !== '' ? request.table : '*';
    let filter = null;
    if (typeof request.filter === 'string' && request.filter !== '') {
      try {
        filter = parseFilter(request.filter);
      } catch (error) {
        if (error instanceof FilterParseError) return error.message;
        throw error;
      }
    }
    if (!EVENTS.has(event) || schema === '') {
      return `Error parsing \`event\` or \`schema\` params: ${JSON.stringify([event, schema])}`;
    }
    const problem = await checkBinding(this.context.pool, { event, schema, table, filter });
    return problem ?? { id, event: event as ChangeEvent, schema, table, filter };
  }

  private async refreshToken(channel: Channel, frame: Frame): Promise<void> {
    const token = frame.payload.access_token;
    if (typeof token !== 'string' || token.startsWith('sb_')) return;
    const checked = await checkToken(token, this.context.signer);
    if (!checked.ok) {
      this.system(channel, 'error', 'system', checked.message);
      this.close(channel);
      return;
    }
    channel.role = checked.claims.role;
    channel.claims = checked.claims;
    this.scheduleExpiry(channel, checked.claims);
  }

  /** Realtime closes a channel whose token expires and was not refreshed in time. */
  private scheduleExpiry(channel: Channel, claims: RealtimeClaims): void {
    if (channel.expiry) clearTimeout(channel.expiry);
    const delay = Math.min(MAX_TIMEOUT_MS, Math.max(0, claims.exp * 1000 - Date.now()));
    channel.expiry = setTimeout(() => {
      this.system(channel, 'error', 'system', 'Token has expired 0 seconds ago');
      this.close(channel);
    }, delay);
  }

  private system(channel: Channel, status: 'ok' | 'error', extension: string, message: string): void {
    const payload = { message, status, extension, channel: channel.topic.replace(/^realtime:/, '') };
    this.send({ joinRef: channel.joinRef, ref: null, topic: channel.topic, event: 'system', payload });
  }

  /** Ends a channel; phx_close carries the join's ref, which is how the client knows it is its own. */
  private close(channel: Channel): void {
    this.drop(channel);
    this.send({
      joinRef: channel.joinRef,
      ref: channel.joinRef,
      topic: channel.topic,
      event: 'phx_close',
      payload: {},
    });
  }

  private drop(channel: Channel): void {
    if (channel.expiry) clearTimeout(channel.expiry);
    this.context.listeners.delete(channel);
    if (this.channels.get(channel.topic) === channel) this.channels.delete(channel.topic);
  }
}
