import type { IncomingMessage, ServerResponse } from 'node:http';

/** Where each stand-in serves its switch when started with faults on. */
export const FAULTS_PATH = '/_parity/faults';

/** Where a rule cuts the connection: before the work runs, or after it committed (the answer lost). */
export type FaultPoint = 'before' | 'after';

/**
 * One-shot fault rules of a local stand-in (the Neon proxy, the offline Supabase API), armed by a
 * test over HTTP: `POST {"faults": [...]}` arms (replacing what was armed), `DELETE` disarms, `GET`
 * reports what is armed and what fired since. Each rule fires once, on the first piece of work it
 * matches (`take`). Hand-written: a hosted service cannot be told to drop a connection, so only the
 * stand-ins can, and what a rule matches (SQL text, a method and path) is each stand-in's own.
 */
export class FaultSwitch<Rule extends { at: FaultPoint }> {
  private armed: Array<{ rule: Rule; pattern: RegExp }> = [];
  /** Rules that fired since the last arm, in order: tests check the fault really happened. */
  fired: Rule[] = [];

  constructor(
    private readonly spec: {
      /** Whether a POSTed value is a rule of this stand-in. */
      isRule: (value: unknown) => value is Rule;
      /** The regular expression a rule matches its work's text with. */
      pattern: (rule: Rule) => RegExp;
      /** What a 400 shows: one rule in JSON. */
      example: string;
    },
  ) {}

  arm(rules: Rule[]): void {
    this.armed = rules.map((rule) => ({ rule, pattern: this.spec.pattern(rule) }));
    this.fired = [];
  }

  /** The point of the first armed rule `matches` accepts, consuming it; undefined: none. */
  take(matches: (rule: Rule, pattern: RegExp) => boolean): FaultPoint | undefined {
    const index = this.armed.findIndex(({ rule, pattern }) => matches(rule, pattern));
    if (index < 0) return undefined;
    const { rule } = this.armed.splice(index, 1)[0]!;
    this.fired.push(rule);
    return rule.at;
  }

  /** The admin endpoint, for requests to FAULTS_PATH. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (status: number, body?: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (request.method === 'GET')
      return reply(200, { armed: this.armed.map(({ rule }) => rule), fired: this.fired });
    if (request.method === 'DELETE') {
      this.arm([]);
      return reply(204);
    }
    if (request.method !== 'POST') return reply(405, { message: 'method not allowed' });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { faults?: unknown };
      if (!Array.isArray(body.faults) || !body.faults.every(this.spec.isRule)) throw new Error('bad rules');
      this.arm(body.faults);
      reply(204);
    } catch {
      reply(400, { message: `expected {"faults": [${this.spec.example}]}` });
    }
  }
}
