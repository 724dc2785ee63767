/**
 * Signed-in writes and bad requests under load for the Convex app, sent the way its pages send them:
 * to the deployment's HTTP API (`/api/action` for Convex Auth's `auth:signIn`, `/api/mutation` and
 * `/api/query` with the user's token as a Bearer header, what ConvexHttpClient sends). Each simulated
 * user signs up, then loops create → edit → tag → delete → restore, with a share of requests that
 * must be refused with the contract's errors: an invalid title, a signed-out write, a write to
 * another user's post. Afterwards every user's posts and audit logs are read back to prove that each
 * success left exactly its audit entry and no refusal left anything.
 */
import { randomUUID } from 'node:crypto';

type Args = Record<string, unknown>;
type Percentiles = { p50: number; p95: number; p99: number };
type Outcome = { ok: true; value: unknown } | { ok: false; code: string | null; message: string };

export interface WriteLevelResult {
  users: number;
  seconds: number;
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

interface User {
  token: string;
  /** Every post this user created and the audit actions its successful writes must have left. */
  posts: Map<string, string[]>;
}

export class ConvexWrites {
  private readonly times: number[] = [];
  private readonly refusedTimes: number[] = [];
  private readonly contractErrors: Record<string, number> = {};
  private readonly failures: string[] = [];

  constructor(private readonly deploymentUrl: string) {}

  private async call(kind: 'action' | 'mutation' | 'query', path: string, args: Args, token?: string) {
    const started = performance.now();
    const response = await fetch(`${this.deploymentUrl}/api/${kind}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ path, args, format: 'json' }),
    });
    const body = (await response.json()) as {
      status: 'success' | 'error';
      value?: unknown;
      errorMessage?: string;
      errorData?: { code?: unknown };
    };
    const elapsed = performance.now() - started;
    this.times.push(elapsed);
    if (body.status === 'success') return { ok: true, value: body.value } satisfies Outcome;
    this.refusedTimes.push(elapsed);
    const code = typeof body.errorData?.code === 'string' ? body.errorData.code : null;
    return { ok: false, code, message: body.errorMessage ?? `HTTP ${response.status}` } satisfies Outcome;
  }

  /** A write that must succeed; anything else is a failure. */
  private async write(path: string, args: Args, token: string): Promise<unknown> {
    const outcome = await this.call('mutation', path, args, token);
    if (outcome.ok) return outcome.value;
    this.failures.push(`${path}: ${outcome.code ?? outcome.message}`);
    return undefined;
  }

  /** A request that must be refused with `code`; a success or any other error is a failure. */
  private async refused(code: string, path: string, args: Args, token?: string) {
    const outcome = await this.call('mutation', path, args, token);
    if (!outcome.ok && outcome.code === code) {
      this.contractErrors[code] = (this.contractErrors[code] ?? 0) + 1;
    } else {
      this.failures.push(
        `${path} expected ${code}, got ${outcome.ok ? 'success' : (outcome.code ?? outcome.message)}`,
      );
    }
  }

  async signUp(): Promise<User> {
    const id = randomUUID().slice(0, 8);
    const outcome = await this.call('action', 'auth:signIn', {
      provider: 'password',
      params: {
        flow: 'signUp',
        email: `load-${id}@example.com`,
        name: `Load ${id}`,
        password: `load-pass-${id}`,
      },
    });
    const tokens = outcome.ok ? (outcome.value as { tokens?: { token?: string } }).tokens : undefined;
    if (!tokens?.token) throw new Error(`load: sign-up failed: ${outcome.ok ? 'no token' : outcome.message}`);
    return { token: tokens.token, posts: new Map() };
  }

  /** One round of the page's writes for `user`, with one bad request of each kind. */
  private async round(user: User, other: User) {
    const created = (await this.write(
      'posts:createPost',
      { post: { title: 'Under load', content: 'first', published: true, tags: ['load'] } },
      user.token,
    )) as { id: string } | undefined;
    if (!created) return;
    const actions = ['create'];
    user.posts.set(created.id, actions);
    const postId = created.id;
    if (
      await this.write(
        'posts:editPost',
        { postId, edit: { title: 'Edited under load', content: 'second' } },
        user.token,
      )
    )
      actions.push('update');
    if (await this.write('posts:setPostTags', { postId, tags: ['load', 'edited'] }, user.token))
      actions.push('tags');
    await this.refused('VALIDATION', 'posts:editPost', { postId, edit: { title: '' } }, user.token);
    await this.refused('VALIDATION', 'posts:createPost', { post: { title: '' } }, user.token);
    await this.refused('UNAUTHENTICATED', 'posts:createPost', { post: { title: 'Signed out' } });
    await this.refused('UNAUTHENTICATED', 'posts:deletePost', { postId });
    // The post is published, so another user sees it and is told FORBIDDEN (SPEC.md: visible posts).
    await this.refused('FORBIDDEN', 'posts:editPost', { postId, edit: { title: 'Not mine' } }, other.token);
    await this.refused('FORBIDDEN', 'posts:deletePost', { postId }, other.token);
    if ((await this.write('posts:deletePost', { postId }, user.token)) === null) actions.push('delete');
    if (await this.write('posts:restorePost', { postId }, user.token)) actions.push('restore');
  }

  /** `users` users writing for `seconds`, then the check of what they left. */
  async run(users: number, seconds: number): Promise<WriteLevelResult> {
    const signedUp = await Promise.all(Array.from({ length: users }, () => this.signUp()));
    this.times.length = 0;
    this.refusedTimes.length = 0;
    const deadline = Date.now() + seconds * 1000;
    await Promise.all(
      signedUp.map(async (user, i) => {
        const other = signedUp[(i + 1) % signedUp.length]!;
        while (Date.now() < deadline) await this.round(user, other);
      }),
    );
    const requests = this.times.length;
    const latencyMs = percentiles(this.times);
    const refusedLatencyMs = percentiles(this.refusedTimes);
    const inconsistencies = await this.verify(signedUp);
    return {
      users,
      seconds,
      requests,
      requestsPerSecond: Math.round(requests / seconds),
      latencyMs,
      refusedLatencyMs,
      contractErrors: { ...this.contractErrors },
      failures: [...this.failures],
      inconsistencies,
    };
  }

  /**
   * Through the contract's reads as each author: the author's posts are exactly the ones created
   * (no refused create left a post), and each post's audit log is exactly its successful writes'
   * entries in order (no refused edit, tag or delete left one, none applied twice).
   */
  private async verify(users: User[]): Promise<string[]> {
    const wrong: string[] = [];
    for (const user of users) {
      const me = await this.call('query', 'users:me', {}, user.token);
      const authorId = me.ok ? (me.value as { id: string } | null)?.id : undefined;
      if (!authorId) {
        wrong.push('users:me gave no user for a signed-up token');
        continue;
      }
      const listed = new Set<string>();
      let cursor: string | null = null;
      do {
        const page = await this.call(
          'query',
          'posts:listPosts',
          { query: { authorId, limit: 50, cursor } },
          user.token,
        );
        if (!page.ok) throw new Error(`load: listPosts failed: ${page.message}`);
        const { items, nextCursor } = page.value as { items: { id: string }[]; nextCursor: string | null };
        for (const item of items) listed.add(item.id);
        cursor = nextCursor;
      } while (cursor !== null);
      for (const id of listed)
        if (!user.posts.has(id)) wrong.push(`post ${id} exists but no create succeeded`);
      for (const [postId, expected] of user.posts) {
        if (!listed.has(postId) && expected.at(-1) !== 'delete')
          wrong.push(`post ${postId} missing from its author's list`);
        const log = await this.call('query', 'auditLogs:auditLog', { postId }, user.token);
        const actions = log.ok ? (log.value as { action: string }[]).map((entry) => entry.action) : [];
        if (actions.join(',') !== expected.join(','))
          wrong.push(
            `post ${postId}: audit ${actions.join(',')} but successful writes ${expected.join(',')}`,
          );
      }
    }
    return wrong;
  }
}

function percentiles(times: number[]): Percentiles {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0
      ? 0
      : Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
  return { p50: at(50), p95: at(95), p99: at(99) };
}
