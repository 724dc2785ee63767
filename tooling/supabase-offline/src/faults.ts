import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Fault injection (README § Fault injection): off unless started with `faults: true`. A test arms
 * rules through `POST /_parity/faults`; each rule fires once, on the first request whose method and
 * path match it, and cuts that request's connection:
 *
 * - `before`: the request is never handled (nothing reaches the database);
 * - `after`: it is handled to the end (an rpc's transaction has committed), and the response is
 *   lost. supabase-js retries only GET, HEAD and OPTIONS, so a lost write is the caller's error.
 *
 * Supabase's gateway drops connections too (a deploy, a network cut) but cannot be told to.
 */
export interface ApiFault {
  /** HTTP method; any when omitted. */
  method?: string;
  /** A regular expression the path must match: `^/rest/v1/rpc/create_post$`. */
  path: string;
  at: 'before' | 'after';
}

export const FAULTS_PATH = '/_parity/faults';

export class ApiFaults {
  private armed: Array<ApiFault & { pattern: RegExp }> = [];
  /** Rules that fired since the last arm, in order. */
  fired: ApiFault[] = [];

  /** Where to cut this request's connection, consuming the rule; undefined: nowhere. */
  take(method: string, path: string): ApiFault['at'] | undefined {
    const index = this.armed.findIndex(
      (rule) => (rule.method ?? method).toUpperCase() === method && rule.pattern.test(path),
    );
    if (index < 0) return undefined;
    const [{ pattern: _pattern, ...rule }] = this.armed.splice(index, 1) as [ApiFault & { pattern: RegExp }];
    this.fired.push(rule);
    return rule.at;
  }

  /** POST arms (replacing what was armed), DELETE disarms, GET reports. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (status: number, body?: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (request.method === 'GET')
      return reply(200, { armed: this.armed.map(({ pattern: _p, ...rule }) => rule), fired: this.fired });
    if (request.method === 'DELETE') {
      this.arm([]);
      return reply(204);
    }
    if (request.method !== 'POST') return reply(405, { message: 'method not allowed' });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { faults?: unknown };
      if (!Array.isArray(body.faults) || !body.faults.every(isFault)) throw new Error('bad rules');
      this.arm(body.faults);
      reply(204);
    } catch {
      reply(400, { message: 'expected {"faults": [{"path": "<regexp>", "at": "before" | "after"}]}' });
    }
  }

  private arm(rules: ApiFault[]): void {
    this.armed = rules.map((rule) => ({ ...rule, pattern: new RegExp(rule.path) }));
    this.fired = [];
  }
}

function isFault(value: unknown): value is ApiFault {
  const rule = value as Partial<ApiFault> | null;
  return (
    typeof rule?.path === 'string' &&
    (rule.at === 'before' || rule.at === 'after') &&
    (rule.method === undefined || typeof rule.method === 'string')
  );
}
