import { ConvexClient } from 'convex/browser';
import type { FunctionReturnType } from 'convex/server';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { api } from '../../convex/_generated/api';
import { offline, resetDeployment, signUpToken } from './helpers';

type Page = FunctionReturnType<typeof api.posts.listPosts>;

/** A ConvexClient signed in with `token`, recording every result its listPosts subscription receives. */
function watchPosts(token: string) {
  const client = new ConvexClient(offline().url);
  client.setAuth(() => Promise.resolve(token));
  const results: Page[] = [];
  const unsubscribe = client.onUpdate(api.posts.listPosts, { query: {} }, (page) => results.push(page));
  return { client, results, unsubscribe };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the subscription');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const titles = (page: Page | undefined) => page?.items.map((post) => post.title) ?? [];
const clients: ConvexClient[] = [];

beforeEach(resetDeployment);
afterEach(async () => Promise.all(clients.splice(0).map((client) => client.close())));

it("one client's mutation updates another client's subscription; another user's draft never appears in it", async () => {
  const ada = watchPosts(await signUpToken('ada@example.com', 'Ada'));
  const bob = watchPosts(await signUpToken('bob@example.com', 'Bob'));
  clients.push(ada.client, bob.client);
  await until(() => ada.results.length > 0 && bob.results.length > 0);

  await bob.client.mutation(api.posts.createPost, { post: { title: 'Bob drafts', content: 'secret' } });
  await bob.client.mutation(api.posts.createPost, {
    post: { title: 'Bob publishes', content: 'hi', published: true },
  });
  await until(() => titles(ada.results.at(-1)).includes('Bob publishes'));
  await until(() => titles(bob.results.at(-1)).includes('Bob drafts'));

  expect(titles(ada.results.at(-1))).toEqual(['Bob publishes']);
  // No result Ada's subscription ever received held Bob's draft.
  expect(ada.results.flatMap(titles)).not.toContain('Bob drafts');
  expect(titles(bob.results.at(-1))).toEqual(['Bob publishes', 'Bob drafts']);
});

it('a write from the HTTP API reaches a WebSocket subscription too', async () => {
  const ada = watchPosts(await signUpToken('ada@example.com', 'Ada'));
  clients.push(ada.client);
  await until(() => ada.results.length > 0);
  const { ConvexHttpClient } = await import('convex/browser');
  const http = new ConvexHttpClient(offline().url);
  http.setAuth(await signUpToken('cy@example.com', 'Cy'));
  await http.mutation(api.posts.createPost, { post: { title: 'From HTTP', content: 'x', published: true } });
  await until(() => titles(ada.results.at(-1)).includes('From HTTP'));
});
