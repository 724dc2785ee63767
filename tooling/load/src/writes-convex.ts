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
import {
  checkAuthor,
  runWriteLevel,
  WriteLog,
  type WriteMix,
  type Outcome,
  type WriteLevelResult,
} from './writes';

type Args = Record<string, unknown>;

interface User {
  token: string;
  /** Every post this user created and the audit actions its successful writes must have left. */
  posts: Map<string, string[]>;
}

export class ConvexWrites implements WriteMix<User> {
  private readonly log = new WriteLog();

  constructor(private readonly deploymentUrl: string) {}

  private async call(
    kind: 'action' | 'mutation' | 'query',
    path: string,
    args: Args,
    token?: string,
  ): Promise<Outcome> {
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
    const outcome: Outcome =
      body.status === 'success'
        ? { ok: true, value: body.value }
        : {
            ok: false,
            code: typeof body.errorData?.code === 'string' ? body.errorData.code : null,
            message: body.errorMessage ?? `HTTP ${response.status}`,
          };
    return this.log.answered(outcome, performance.now() - started);
  }

  /** A write that must succeed; anything else is a failure. */
  private async write(path: string, args: Args, token: string): Promise<unknown> {
    return this.log.succeeded(path, await this.call('mutation', path, args, token));
  }

  /** A request that must be refused with `code`; a success or any other error is a failure. */
  private async refused(code: string, path: string, args: Args, token?: string) {
    this.log.refused(code, path, await this.call('mutation', path, args, token));
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
  async round(user: User, other: User) {
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
    const deleted = (await this.write('posts:deletePost', { postId }, user.token)) === null;
    if (deleted) actions.push('delete');
    // Restoring a post that is not deleted succeeds and writes nothing (SPEC.md §5).
    if ((await this.write('posts:restorePost', { postId }, user.token)) && deleted) actions.push('restore');
  }

  /** `users` users writing for `seconds` (at least one round each), then the check of what they left. */
  run(users: number, seconds: number): Promise<WriteLevelResult> {
    return runWriteLevel(this.log, this, users, seconds);
  }

  /**
   * Through the contract's reads as each author: the author's posts are exactly the ones created
   * (no refused create left a post), and each post's audit log is exactly its successful writes'
   * entries in order (no refused edit, tag or delete left one, none applied twice).
   */
  async verify(users: User[]): Promise<string[]> {
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
      wrong.push(
        ...(await checkAuthor(user.posts, listed, async (postId) => {
          const log = await this.call('query', 'auditLogs:auditLog', { postId }, user.token);
          return log.ok ? (log.value as { action: string }[]).map((entry) => entry.action) : [];
        })),
      );
    }
    return wrong;
  }
}
