import { type FaultPoint, FaultSwitch } from '@parity/fault-switch';

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
  at: FaultPoint;
  /** Only over this transport; both when omitted. */
  transport?: 'sync' | 'http';
  /** Only a call whose arguments, as JSON, contain this text (a test's own post id or title). */
  argsContain?: string;
}

export { FAULTS_PATH } from '@parity/fault-switch';

/** The deployment's switch: `takeMutation` once per mutation, with its path, transport and arguments. */
export class ConvexFaults extends FaultSwitch<ConvexFault> {
  constructor() {
    super({
      isRule: isFault,
      pattern: (rule) => functionPattern(rule.udfPath),
      example: '{"udfPath": "<module:function>", "at": "before" | "after"}',
    });
  }

  /** Where to cut this mutation's connection, consuming the rule; undefined: nowhere. */
  takeMutation(udfPath: string, transport: 'sync' | 'http', args: unknown): FaultPoint | undefined {
    return this.take(
      (rule, pattern) =>
        (rule.transport ?? transport) === transport &&
        pattern.test(udfPath) &&
        (rule.argsContain === undefined || JSON.stringify(args).includes(rule.argsContain)),
    );
  }
}

// The one function a rule names, exactly: `posts:createPost` and `posts.js:createPost` are the same.
function functionPattern(udfPath: string): RegExp {
  const [module = '', name = ''] = udfPath.replace(/\.js(?=:)/, '').split(':');
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${literal(module)}(?:\\.js)?:${literal(name)}$`);
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
