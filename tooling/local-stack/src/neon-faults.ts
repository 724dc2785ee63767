import { type FaultPoint, FaultSwitch } from '@parity/fault-switch';

/**
 * Fault injection for the Neon proxy (README § Fault injection): off unless the proxy is started
 * with `faults: true`. A test arms rules through `POST /_parity/faults`; each rule fires once, on the
 * first statement whose SQL matches it, and drops the client's connection at its point:
 *
 * - `before`: the statement never reaches PostgreSQL (the WebSocket or HTTP request is cut instead),
 *   so a transaction open on that session rolls back when PostgreSQL sees its socket close;
 * - `after`: PostgreSQL runs it to its ReadyForQuery (a statement outside BEGIN has committed), and
 *   the answer is dropped instead of relayed: the client cannot tell whether it applied.
 *
 * Neon's proxy can drop a connection at any of these points (a compute restart, a network cut); a
 * hosted endpoint cannot be made to, which is why the stand-in does it on purpose.
 */
export interface NeonFault {
  /** A regular expression (case-insensitive) the statement's SQL text must match. */
  sql: string;
  at: FaultPoint;
  /** Only statements over this transport; both when omitted. */
  transport?: 'websocket' | 'http';
}

export { FAULTS_PATH, type FaultPoint } from '@parity/fault-switch';

/** The proxy's switch: `take` once per statement, with its SQL text and transport. */
export class NeonFaults extends FaultSwitch<NeonFault> {
  constructor() {
    super({
      isRule: isFault,
      pattern: (rule) => new RegExp(rule.sql, 'i'),
      example: '{"sql": "<regexp>", "at": "before" | "after"}',
    });
  }

  /** The point at which to drop this statement's connection, consuming the rule; undefined: none. */
  takeStatement(sqlText: string, transport: 'websocket' | 'http'): FaultPoint | undefined {
    return this.take((rule, pattern) => (rule.transport ?? transport) === transport && pattern.test(sqlText));
  }
}

function isFault(value: unknown): value is NeonFault {
  const rule = value as Partial<NeonFault> | null;
  return (
    typeof rule?.sql === 'string' &&
    (rule.at === 'before' || rule.at === 'after') &&
    (rule.transport === undefined || rule.transport === 'websocket' || rule.transport === 'http')
  );
}

const READY_FOR_QUERY = 'Z'.charCodeAt(0);

/**
 * Follows PostgreSQL's backend messages (type byte, int32 length) across chunks, to tell when a
 * ReadyForQuery went by: the point an `after` fault waits for.
 */
export class ReadyForQueryWatch {
  private header = Buffer.alloc(0);
  private bodyLeft = 0;

  /** True once a complete ReadyForQuery message has passed in what was fed so far. */
  sawReady(chunk: Buffer): boolean {
    let offset = 0;
    let ready = false;
    while (offset < chunk.length) {
      if (this.bodyLeft > 0) {
        const skipped = Math.min(this.bodyLeft, chunk.length - offset);
        offset += skipped;
        this.bodyLeft -= skipped;
        continue;
      }
      const taken = chunk.subarray(offset, offset + 5 - this.header.length);
      offset += taken.length;
      this.header = Buffer.concat([this.header, taken]);
      if (this.header.length < 5) break;
      if (this.header[0] === READY_FOR_QUERY) ready = true;
      this.bodyLeft = this.header.readInt32BE(1) - 4;
      this.header = Buffer.alloc(0);
    }
    return ready;
  }
}
