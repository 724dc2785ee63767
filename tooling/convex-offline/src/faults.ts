import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Fault injection (README § Fault injection): off unless started with `faults: true` (`--faults`).
 * A test arms rules through `POST /_parity/faults` on the cloud URL; each rule fires once, on the
 * first mutation of that path, and cuts the client's connection (its WebSocket, or its HTTP
 * request's socket):
 *
 * - `before`: the mutation never runs;
 * - `after`: it runs and commits, and the response is lost. A `ConvexClient` then reconnects and
 *   sends the mutation again with the same request id, which must not apply it twice (sync.ts).
 *
 * A hosted deployment drops connections (a backend restart, a network cut) but cannot be told to.
 */
export interface ConvexFault {
  /** The mutation's path, as the client names it: `posts:createPost`. */
  udfPath: string;
  at: 'before' | 'after';
  /** Only over this transport; both when omitted. */
  transport?: 'sync' | 'http';
  /** Only a call whose arguments, as JSON, contain this text (a test's own post id or title). */
  argsContain?: string;
}

export const FAULTS_PATH = '/_parity/faults';

export class Faults {
  private armed: ConvexFault[] = [];
  /** Rules that fired since the last arm, in order. */
  fired: ConvexFault[] = [];

  /** Where to cut this mutation's connection, consuming the rule; undefined: nowhere. */
  take(udfPath: string, transport: 'sync' | 'http', args: unknown): ConvexFault['at'] | undefined {
    const index = this.armed.findIndex(
      (rule) =>
        sameFunction(rule.udfPath, udfPath) &&
        (rule.transport ?? transport) === transport &&
        (rule.argsContain === undefined || JSON.stringify(args).includes(rule.argsContain)),
    );
    if (index < 0) return undefined;
    const [rule] = this.armed.splice(index, 1);
    this.fired.push(rule!);
    return rule!.at;
  }

  /** POST arms (replacing what was armed), DELETE disarms, GET reports. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (status: number, body?: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (request.method === 'GET') return reply(200, { armed: this.armed, fired: this.fired });
    if (request.method === 'DELETE') {
      this.armed = [];
      this.fired = [];
      return reply(204);
    }
    if (request.method !== 'POST') return reply(405, { message: 'method not allowed' });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { faults?: unknown };
      if (!Array.isArray(body.faults) || !body.faults.every(isFault)) throw new Error('bad rules');
      this.armed = body.faults;
      this.fired = [];
      reply(204);
    } catch {
      reply(400, {
        message: 'expected {"faults": [{"udfPath": "<module:function>", "at": "before" | "after"}]}',
      });
    }
  }
}

// `posts:createPost` and `posts.js:createPost` name the same function.
function sameFunction(a: string, b: string): boolean {
  const canonical = (path: string) => path.replace(/\.js(?=:)/, '');
  return canonical(a) === canonical(b);
}

function isFault(value: unknown): value is ConvexFault {
  const rule = value as Partial<ConvexFault> | null;
  return (
    typeof rule?.udfPath === 'string' &&
    (rule.at === 'before' || rule.at === 'after') &&
    (rule.transport === undefined || rule.transport === 'sync' || rule.transport === 'http') &&
    (rule.argsContain === undefined || typeof rule.argsContain === 'string')
  );
}
