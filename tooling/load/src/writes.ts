/**
 * What the write mixes of all three apps share (writes-convex.ts, writes-next.ts): the result shape,
 * the bookkeeping of answers (successes, refusals with the contract's codes, failures), and the
 * after-run check that each author's posts and audit logs are exactly what the successful writes
 * should have left.
 */

export type Percentiles = { p50: number; p95: number; p99: number };

/** A write's answer as the page sees it: its value, or the contract's error code (null if none). */
export type Outcome = { ok: true; value: unknown } | { ok: false; code: string | null; message: string };

export interface WriteLevelResult {
  users: number;
  /** How long users start new rounds; elapsedSeconds is until the last round ended. */
  seconds: number;
  elapsedSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: Percentiles;
  /** The refused requests alone, to compare with the successes (the same latency class). */
  refusedLatencyMs: Percentiles;
  /** Refusals the contract asks for (VALIDATION, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND). */
  contractErrors: Record<string, number>;
  /** Anything else: a refusal with the wrong code, an unexpected success, a network or server error. */
  failures: string[];
  /** What the after-run check through the contract's reads found wrong (empty when consistent). */
  inconsistencies: string[];
}

/** Every post a simulated user created, with the audit actions its successful writes must have left. */
export type ExpectedPosts = Map<string, string[]>;

export class WriteLog {
  readonly times: number[] = [];
  readonly refusedTimes: number[] = [];
  readonly contractErrors: Record<string, number> = {};
  readonly failures: string[] = [];

  /** Records one answer and its time; a refusal's time is also kept apart. */
  answered(outcome: Outcome, elapsedMs: number): Outcome {
    this.times.push(elapsedMs);
    if (!outcome.ok) this.refusedTimes.push(elapsedMs);
    return outcome;
  }

  /** A write that must succeed: its value, or undefined after recording the failure. */
  succeeded(what: string, outcome: Outcome): unknown {
    if (outcome.ok) return outcome.value;
    this.failures.push(`${what}: ${outcome.code ?? outcome.message}`);
    return undefined;
  }

  /** A request that must be refused with `code`; a success or any other error is a failure. */
  refused(code: string, what: string, outcome: Outcome): void {
    if (!outcome.ok && outcome.code === code) {
      this.contractErrors[code] = (this.contractErrors[code] ?? 0) + 1;
    } else {
      this.failures.push(
        `${what} expected ${code}, got ${outcome.ok ? 'success' : (outcome.code ?? outcome.message)}`,
      );
    }
  }

  /** Forgets the sign-ups: the level's figures are the writes' alone. */
  reset(): void {
    this.times.length = 0;
    this.refusedTimes.length = 0;
  }

  /**
   * The level's figures. Users finish the round they are in when the time is up (so every post's
   * writes are complete for the check), so the rate is over the time the level really took.
   */
  result(users: number, seconds: number, elapsedMs: number, inconsistencies: string[]): WriteLevelResult {
    return {
      users,
      seconds,
      elapsedSeconds: Math.round(elapsedMs / 100) / 10,
      requests: this.times.length,
      requestsPerSecond: Math.round((this.times.length * 1000) / elapsedMs),
      latencyMs: percentiles(this.times),
      refusedLatencyMs: percentiles(this.refusedTimes),
      contractErrors: { ...this.contractErrors },
      failures: [...this.failures],
      inconsistencies,
    };
  }
}

/**
 * One author's posts as the contract's reads return them (`listed`: listPosts by author) against
 * what the successful writes should have left: no post without a successful create, none missing,
 * and each post's audit log exactly its successful writes' actions, in order.
 */
export async function checkAuthor(
  expected: ExpectedPosts,
  listed: Set<string>,
  auditActions: (postId: string) => Promise<string[]>,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const id of listed) if (!expected.has(id)) wrong.push(`post ${id} exists but no create succeeded`);
  for (const [postId, actions] of expected) {
    if (!listed.has(postId) && actions.at(-1) !== 'delete')
      wrong.push(`post ${postId} missing from its author's list`);
    const logged = await auditActions(postId);
    if (logged.join(',') !== actions.join(','))
      wrong.push(`post ${postId}: audit ${logged.join(',')} but successful writes ${actions.join(',')}`);
  }
  return wrong;
}

export function percentiles(times: number[]): Percentiles {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0
      ? 0
      : Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/** What a level needs of an app's write mix. */
export interface WriteMix<User> {
  signUp(): Promise<User>;
  round(user: User, other: User): Promise<void>;
  verify(users: User[]): Promise<string[]>;
}

/** `users` users writing for `seconds` (at least one round each), then the check of what they left. */
export async function runWriteLevel<User>(
  log: WriteLog,
  mix: WriteMix<User>,
  users: number,
  seconds: number,
): Promise<WriteLevelResult> {
  const signedUp = await Promise.all(Array.from({ length: users }, () => mix.signUp()));
  log.reset();
  const started = performance.now();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    signedUp.map(async (user, i) => {
      const other = signedUp[(i + 1) % signedUp.length]!;
      do await mix.round(user, other);
      while (Date.now() < deadline);
    }),
  );
  // The figures before the check, whose reads are not part of the mix.
  const result = log.result(users, seconds, performance.now() - started, []);
  result.inconsistencies = await mix.verify(signedUp);
  return result;
}
