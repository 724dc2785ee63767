import { fileURLToPath } from 'node:url';
import { startConvexOfflineProcess, type ConvexOfflineProcess } from '@parity/convex-offline/process';
import { ConvexClient, ConvexHttpClient } from 'convex/browser';
import { ConvexError } from 'convex/values';
import type { FunctionReturnType } from 'convex/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../../convex/_generated/api';
import { signUpArgs } from '../../contract/auth';

// Issue 18: the local deployment restarted while a page is open. convex-offline keeps its data in
// the memory of its process (convex-test), so a restart is a new, empty deployment at the same URL
// with a new key pair (tooling/convex-offline/README.md, "Restart"). What a page then sees, through
// the same client code a page runs (ConvexReactClient wraps ConvexClient's BaseConvexClient):
// it reconnects by itself, its subscriptions answer again from the new deployment and follow its
// writes, its session no longer verifies and it ends signed out, and the write it had in flight is
// refused with a clear error, not applied.

type Page = FunctionReturnType<typeof api.posts.listPosts>;
const titles = (page: Page | undefined) => page?.items.map((post) => post.title) ?? [];
const appDir = fileURLToPath(new URL('../..', import.meta.url));

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const start = (ports?: { port: number; sitePort: number }) =>
  startConvexOfflineProcess({ appDir, ...ports, env: { AUTH_LOG_LEVEL: 'ERROR' } });

/** Signs up as the app's form does; the session token and the refresh token Convex Auth returns. */
async function signUp(url: string, email: string, name: string) {
  const { tokens } = await new ConvexHttpClient(url).action(api.auth.signIn, signUpArgs({ email, name }));
  if (!tokens) throw new Error('Convex Auth signed up without returning tokens');
  return tokens;
}

let server: ConvexOfflineProcess;
let page: ConvexClient;
const signedIn: boolean[] = [];
const feed: Page[] = [];

beforeAll(async () => {
  server = await start();
});
afterAll(async () => {
  await page?.close();
  await server?.stop();
});

it(
  'an open page reconnects to the restarted deployment, follows its data live, and is signed out',
  { timeout: 120_000 },
  async () => {
    const { url } = server;
    const ada = await signUp(url, 'ada@example.com', 'Ada');
    const before = new ConvexHttpClient(url);
    before.setAuth(ada.token);
    await before.mutation(api.posts.createPost, {
      post: { title: 'Before the restart', content: 'x', published: true },
    });

    // Ada's open page: her session kept as Convex Auth's client keeps it (a forced refresh runs
    // auth:signIn with the refresh token and keeps what it returns), and the home page's subscription.
    let session: typeof ada | null = ada;
    let refreshes = 0;
    page = new ConvexClient(url);
    page.setAuth(
      async ({ forceRefreshToken }) => {
        if (forceRefreshToken && session) {
          const refreshed = await new ConvexHttpClient(url)
            .action(api.auth.signIn, { refreshToken: session.refreshToken })
            .catch(() => null);
          session = refreshed?.tokens ?? null;
          refreshes += 1;
        }
        return session?.token ?? null;
      },
      (isAuthenticated) => signedIn.push(isAuthenticated),
    );
    page.onUpdate(api.posts.listPosts, { query: {} }, (result) => feed.push(result));
    await until(() => titles(feed.at(-1)).includes('Before the restart'), 'the page shows the post');
    // The client confirms a token with the deployment, then refreshes it once, as with every session.
    // (The client may report the refreshed token's confirmation as signed in once more.)
    await until(() => refreshes === 1, 'the page refreshed its token');
    expect(signedIn.length).toBeGreaterThan(0);
    expect(signedIn).not.toContain(false);

    const { port, sitePort } = {
      port: Number(new URL(url).port),
      sitePort: Number(new URL(server.siteUrl).port),
    };
    await server.stop();
    // A write the page sends while the deployment is down: the client holds it and sends it again
    // once it is connected.
    const inFlight = page
      .mutation(api.posts.createPost, {
        post: { title: 'During the restart', content: 'x', published: true },
      })
      .then(
        () => 'applied',
        (error: unknown) => error,
      );
    const received = feed.length;
    server = await start({ port, sitePort });
    expect(server.url).toBe(url);

    // The same subscription answers from the new deployment, without a new client or a reload
    // (the client's backoff between attempts grows to 16 s while the port is closed).
    await until(
      () => feed.length > received && titles(feed.at(-1)).length === 0,
      'the page shows the reset',
      45_000,
    );
    // Its token does not verify against the new key pair, the refresh token is unknown: signed out.
    await until(() => signedIn.at(-1) === false, 'the page is signed out');
    // The held write ran on the new deployment without a user: refused, and nothing of it written.
    const outcome = await inFlight;
    expect(outcome).toBeInstanceOf(ConvexError);
    expect((outcome as ConvexError<{ code: string }>).data.code).toBe('UNAUTHENTICATED');
    const visitor = new ConvexHttpClient(url);
    expect(titles(await visitor.query(api.posts.listPosts, { query: {} }))).toEqual([]);

    // The old session token is refused outright: convex-test numbers documents from the same start in
    // every process, so the token's user id may well name a new user by now.
    const stale = new ConvexHttpClient(url);
    stale.setAuth(ada.token);
    await expect(stale.query(api.users.me, {})).rejects.toThrow();

    // Someone signs up on the restarted deployment and publishes: the open page follows it live.
    const bob = await signUp(url, 'bob@example.com', 'Bob');
    const after = new ConvexHttpClient(url);
    after.setAuth(bob.token);
    await after.mutation(api.posts.createPost, {
      post: { title: 'After the restart', content: 'x', published: true },
    });
    await until(() => titles(feed.at(-1)).includes('After the restart'), 'the page shows the new post');
    expect(titles(feed.at(-1))).toEqual(['After the restart']);
  },
);
