import { type FaultPoint, FaultSwitch } from '@parity/fault-switch';

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
  at: FaultPoint;
}

export { FAULTS_PATH } from '@parity/fault-switch';

/** The API's switch: `takeRequest` once per request, with its method and path. */
export class ApiFaults extends FaultSwitch<ApiFault> {
  constructor() {
    super({
      isRule: isFault,
      pattern: (rule) => new RegExp(rule.path),
      example: '{"path": "<regexp>", "at": "before" | "after"}',
    });
  }

  /** Where to cut this request's connection, consuming the rule; undefined: nowhere. */
  takeRequest(method: string, path: string): FaultPoint | undefined {
    return this.take(
      (rule, pattern) => (rule.method ?? method).toUpperCase() === method && pattern.test(path),
    );
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
