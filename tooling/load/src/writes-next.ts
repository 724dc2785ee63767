/**
 * Signed-in writes and bad requests under load for the apps that write through Next.js server
 * actions (neon-drizzle, supabase), sent as the browser sends them: a POST to the page the form is
 * on, with the `Next-Action` header naming the action's id from this build's
 * server-reference-manifest.json, the page's router state, the session cookie, and the arguments in
 * React's reply encoding (the edit, delete and restore buttons send the post id the page bound to
 * the action, then the form's values). The answer is the React Server Components stream whose
 * root row carries the action's ActionResult, or a redirect in `x-action-redirect` on success of
 * create and edit. Each simulated user signs up as the app's sign-up page does, then loops
 * create → edit → tag (the edit form with only the tags changed) → delete → restore, with requests
 * that must be refused with the contract's errors; afterwards the data layer's reads (listPosts by
 * author, auditLog), as each user, prove that no write was applied in part or twice.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '@parity/supabase/src/data/database.types';
import { createServerClient } from '@supabase/ssr';
import {
  checkAuthor,
  runWriteLevel,
  WriteLog,
  type ExpectedPosts,
  type Outcome,
  type WriteLevelResult,
  type WriteMix,
} from './writes';

type App = 'neon-drizzle' | 'supabase';
type ActionName =
  'signUpAction' | 'createPostAction' | 'editPostAction' | 'deletePostAction' | 'restorePostAction';
type PostValues = { title: string; content: string | null; published: boolean; tags: string[] };
type Cookies = Map<string, string>;

interface User {
  cookies: Cookies;
  posts: ExpectedPosts;
}

/** The ids of the actions the mix calls, as `next build` assigned them. */
function actionIds(appRoot: string): Record<ActionName, string> {
  const manifest = JSON.parse(
    readFileSync(join(appRoot, '.next/server/server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { exportedName?: string }> };
  const ids: Partial<Record<ActionName, string>> = {};
  for (const [id, { exportedName }] of Object.entries(manifest.node))
    if (exportedName) ids[exportedName as ActionName] = id;
  for (const name of ['createPostAction', 'editPostAction', 'deletePostAction', 'restorePostAction'] as const)
    if (!ids[name]) throw new Error(`load: ${name} is not in the build's server-reference-manifest.json`);
  return ids as Record<ActionName, string>;
}

/**
 * The router state the browser sends with an action from `page` (Next's FlightRouterState with the
 * client-only parts stripped): the server renders the answer relative to it, as for a real page.
 */
function routerState(page: string): string {
  let tree: unknown = ['__PAGE__', {}];
  for (const segment of page.split('/').filter(Boolean).reverse()) {
    // Post ids fill the [id] dynamic segment ("d": a single dynamic parameter).
    const value = /^[0-9a-z-]{20,}$/i.test(segment) ? ['id', segment, 'd'] : segment;
    tree = [value, { children: tree }];
  }
  return encodeURIComponent(JSON.stringify(['', { children: tree }]));
}

/**
 * React's reply encoding of plain arguments (what encodeReply sends for strings, booleans, null and
 * arrays or objects of them): JSON, with a string starting with `$` escaped as `$$`. Written here
 * because React ships encodeReply only inside its browser bundle.
 */
function encodeReply(args: unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith('$') ? `$${value}` : value,
  );
}

/** The action's return value from the RSC stream: row 0's `a`, inline or a reference to its row. */
function actionResult(body: string): unknown {
  const rows = new Map<string, string>();
  for (const line of body.split('\n')) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match && !rows.has(match[1]!)) rows.set(match[1]!, match[2]!);
  }
  const root = JSON.parse(rows.get('0') ?? 'null') as { a?: unknown } | null;
  const ref = typeof root?.a === 'string' ? /^\$@([0-9a-f]+)$/.exec(root.a) : null;
  if (!ref) return root?.a;
  const row = rows.get(ref[1]!);
  if (row === undefined) throw new Error(`load: action result row ${ref[1]} missing from the response`);
  return JSON.parse(row);
}

function cookieHeader(cookies: Cookies): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

export class ServerActionWrites implements WriteMix<User> {
  private readonly log = new WriteLog();
  private readonly ids: Record<ActionName, string>;

  constructor(
    private readonly app: App,
    private readonly baseUrl: string,
    appRoot: string,
  ) {
    this.ids = actionIds(appRoot);
  }

  /** POSTs the action as the page at `page` does; a redirect is a success whose value is its path. */
  private async action(page: string, name: ActionName, args: unknown[], cookies?: Cookies) {
    const started = performance.now();
    let response: Response;
    let body: string;
    try {
      response = await fetch(`${this.baseUrl}${page}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          accept: 'text/x-component',
          'content-type': 'text/plain;charset=UTF-8',
          origin: this.baseUrl,
          'next-action': this.ids[name],
          'next-router-state-tree': routerState(page),
          ...(cookies ? { cookie: cookieHeader(cookies) } : {}),
        },
        body: encodeReply(args),
      });
      body = await response.text();
    } catch (error) {
      // A connection the server reset: a failure of this request, counted, not the end of the run.
      const message = `network: ${error instanceof Error ? `${error.message} (${String(error.cause)})` : String(error)}`;
      return { outcome: this.log.answered({ ok: false, code: null, message }, performance.now() - started) };
    }
    const redirect = response.headers.get('x-action-redirect')?.split(';')[0];
    let outcome: Outcome;
    if (redirect) {
      outcome = { ok: true, value: redirect };
    } else if (!response.ok || !response.headers.get('content-type')?.startsWith('text/x-component')) {
      outcome = {
        ok: false,
        code: null,
        message: `HTTP ${response.status}: ${body.slice(0, 200).replaceAll('\n', ' ')}`,
      };
    } else {
      const result = actionResult(body) as { ok: boolean; data?: unknown; error?: { code?: string } };
      outcome = result.ok
        ? { ok: true, value: result.data ?? null }
        : { ok: false, code: result.error?.code ?? null, message: JSON.stringify(result.error) };
    }
    return { outcome: this.log.answered(outcome, performance.now() - started), response };
  }

  private async write(page: string, name: ActionName, args: unknown[], user: User) {
    return this.log.succeeded(name, (await this.action(page, name, args, user.cookies)).outcome);
  }

  private async refused(code: string, page: string, name: ActionName, args: unknown[], user?: User) {
    this.log.refused(code, name, (await this.action(page, name, args, user?.cookies)).outcome);
  }

  /** Signs up as the app's /signup page does; the session comes back as cookies. */
  async signUp(): Promise<User> {
    const id = randomUUID().slice(0, 8);
    const account = { email: `load-${id}@example.com`, name: `Load ${id}`, password: `load-pass-${id}` };
    const cookies: Cookies = new Map();
    if (this.app === 'neon-drizzle') {
      // The sign-up form's server action: Better Auth sets the session cookie on its redirect.
      const { outcome, response } = await this.action('/signup', 'signUpAction', [account]);
      if (!outcome.ok || !response)
        throw new Error(`load: sign-up failed: ${outcome.ok ? 'no answer' : outcome.message}`);
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
    } else {
      // The page signs up in the browser through supabase-js, whose @supabase/ssr storage writes
      // the session into cookies: the same library, with this jar in place of document.cookie.
      const { signUp } = await import('@parity/supabase/src/data');
      await signUp(
        await this.supabase(cookies),
        { email: account.email, name: account.name },
        account.password,
      );
    }
    if (cookies.size === 0) throw new Error('load: sign-up left no session cookie');
    return { cookies, posts: new Map() };
  }

  private async supabase(cookies: Cookies) {
    const url = process.env.SUPABASE_URL;
    const anonKey = process.env.SUPABASE_ANON_KEY;
    if (!url || !anonKey) throw new Error('load: SUPABASE_URL and SUPABASE_ANON_KEY are unset');
    const { nodeRealtimeTransport } = await import('@parity/supabase/src/data/supabase/node');
    return createServerClient<Database>(url, anonKey, {
      realtime: { transport: nodeRealtimeTransport },
      cookies: {
        getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
        setAll: (changed) => {
          for (const { name, value } of changed) {
            if (value) cookies.set(name, value);
            else cookies.delete(name);
          }
        },
      },
    });
  }

  /** One round of the pages' writes for `user`, with one bad request of each kind. */
  async round(user: User, other: User) {
    const values: PostValues = { title: 'Under load', content: 'first', published: true, tags: ['load'] };
    const redirect = await this.write('/posts/new', 'createPostAction', [values], user);
    const postId = typeof redirect === 'string' ? /^\/posts\/([^/?]+)$/.exec(redirect)?.[1] : undefined;
    if (!postId) {
      if (redirect !== undefined)
        this.log.failures.push(`createPostAction redirected to ${String(redirect)}`);
      return;
    }
    const actions = ['create'];
    user.posts.set(postId, actions);
    const post = `/posts/${postId}`;
    const edited = { ...values, title: 'Edited under load', content: 'second' };
    if (await this.write(`${post}/edit`, 'editPostAction', [postId, edited], user)) actions.push('update');
    const tagged = { ...edited, tags: ['load', 'edited'] };
    if (await this.write(`${post}/edit`, 'editPostAction', [postId, tagged], user)) actions.push('tags');
    await this.refused(
      'VALIDATION',
      `${post}/edit`,
      'editPostAction',
      [postId, { ...tagged, title: '' }],
      user,
    );
    await this.refused('VALIDATION', '/posts/new', 'createPostAction', [{ ...values, title: '' }], user);
    await this.refused('UNAUTHENTICATED', '/posts/new', 'createPostAction', [values]);
    await this.refused('UNAUTHENTICATED', post, 'deletePostAction', [postId]);
    // The post is published, so another user sees it and is told FORBIDDEN (SPEC.md: visible posts).
    await this.refused('FORBIDDEN', `${post}/edit`, 'editPostAction', [postId, values], other);
    await this.refused('FORBIDDEN', post, 'deletePostAction', [postId], other);
    const deleted = (await this.write(post, 'deletePostAction', [postId], user)) !== undefined;
    if (deleted) actions.push('delete');
    // Restoring a post that is not deleted succeeds and writes nothing (SPEC.md §5).
    if ((await this.write(post, 'restorePostAction', [postId], user)) && deleted) actions.push('restore');
  }

  /** `users` users writing for `seconds` (at least one round each), then the check of what they left. */
  run(users: number, seconds: number): Promise<WriteLevelResult> {
    return runWriteLevel(this.log, this, users, seconds);
  }

  /** Through the data layer's reads as each user (what the contract tests call): see writes.ts. */
  async verify(users: User[]): Promise<string[]> {
    const wrong: string[] = [];
    const reader = this.app === 'neon-drizzle' ? await this.neonReader() : await this.supabaseReader();
    try {
      for (const user of users) {
        const { listed, auditActions } = await reader.forUser(user);
        wrong.push(...(await checkAuthor(user.posts, listed, auditActions)));
      }
    } finally {
      await reader.close();
    }
    return wrong;
  }

  private async neonReader(): Promise<Reader> {
    const { listPosts } = await import('@parity/neon-drizzle/src/data/posts');
    const { auditLog } = await import('@parity/neon-drizzle/src/data/audit');
    const { closeDb } = await import('@parity/neon-drizzle/src/data/client');
    return {
      forUser: async (user) => {
        // Better Auth's session endpoint names the cookie's user, as the app's pages resolve it.
        const response = await fetch(`${this.baseUrl}/api/auth/get-session`, {
          headers: { cookie: cookieHeader(user.cookies) },
        });
        const session = (await response.json()) as { user?: { id: string } } | null;
        if (!session?.user) throw new Error('load: a signed-up session has no user');
        const actor = { userId: session.user.id };
        return {
          listed: await allPosts((cursor) => listPosts(actor, { authorId: actor.userId, limit: 50, cursor })),
          auditActions: async (postId) => (await auditLog(actor, postId)).map((entry) => entry.action),
        };
      },
      close: () => closeDb(),
    };
  }

  private async supabaseReader(): Promise<Reader> {
    const data = await import('@parity/supabase/src/data');
    return {
      forUser: async (user) => {
        const supabase = await this.supabase(user.cookies);
        const me = await data.me(supabase);
        if (!me) throw new Error('load: a signed-up session has no user');
        return {
          listed: await allPosts((cursor) =>
            data.listPosts(supabase, { authorId: me.id, limit: 50, cursor }),
          ),
          auditActions: async (postId) =>
            (await data.auditLog(supabase, postId)).map((entry) => entry.action),
        };
      },
      close: async () => undefined,
    };
  }
}

interface Reader {
  forUser(user: User): Promise<{ listed: Set<string>; auditActions: (postId: string) => Promise<string[]> }>;
  close(): Promise<void>;
}

async function allPosts(
  page: (cursor: string | null) => Promise<{ items: { id: string }[]; nextCursor: string | null }>,
): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const { items, nextCursor } = await page(cursor);
    for (const item of items) ids.add(item.id);
    cursor = nextCursor;
  } while (cursor !== null);
  return ids;
}
