import { routes } from '@parity/ui/routes';
import { type Page } from '@playwright/test';
import { createPost, expect, fillPostForm, postList, test, unique } from './support';

/** "Shows it without a reload": within 5 s of the write (README: Live updates). */
const LIVE = { timeout: 5_000 };

/**
 * Everything the server sends this page after the call: WebSocket frames (Supabase Realtime,
 * Convex), Server-Sent Events (Neon) and every HTTP response body (documents, RSC refreshes).
 */
async function recordTraffic(page: Page): Promise<() => Promise<string>> {
  const received: (string | Promise<string>)[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', (frame) => received.push(String(frame.payload))),
  );
  page.on('response', (response) => {
    // An event stream only ends with the page; its events are read through CDP below.
    if (!(response.headers()['content-type'] ?? '').startsWith('text/event-stream')) {
      received.push(response.text().catch(() => ''));
    }
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.eventSourceMessageReceived', (event) => received.push(event.data));
  return async () => (await Promise.all(received)).join('\n');
}

/**
 * The most long-lived connections the page held open at once from now on: WebSockets (Supabase
 * Realtime, Convex) and Server-Sent Event streams (Neon). One per open page is what the README's
 * table promises; a stream the browser re-opens after the old one ended (EventSource reconnects by
 * itself) is still one, so opens and ends are both tracked (the streams' through CDP). Loading a new
 * document ends the old one's connections, whether or not CDP reports each end (a stream the page
 * had open before `goto` is not always reported).
 */
async function countConnections(page: Page): Promise<() => number> {
  const live = new Set<unknown>();
  let most = 0;
  const opened = (connection: unknown) => {
    live.add(connection);
    most = Math.max(most, live.size);
  };
  page.on('websocket', (socket) => {
    opened(socket);
    socket.on('close', () => live.delete(socket));
  });
  const cdp = await page.context().newCDPSession(page);
  await Promise.all([cdp.send('Network.enable'), cdp.send('Page.enable')]);
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    if (response.mimeType === 'text/event-stream') opened(requestId);
  });
  const ended = ({ requestId }: { requestId: string }) => live.delete(requestId);
  cdp.on('Network.loadingFinished', ended);
  cdp.on('Network.loadingFailed', ended);
  // Cross-document navigations only: a client-side one (pushState) keeps the document's connections.
  cdp.on('Page.frameNavigated', ({ frame }) => {
    if (frame.parentId === undefined) live.clear();
  });
  return () => most;
}

/** A flag in the page's JavaScript realm: a reload would lose it. */
async function markRealm(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => Reflect.set(globalThis, 'parityLiveMark', true));
  return () => page.evaluate(() => Reflect.get(globalThis, 'parityLiveMark') === true);
}

test.describe('live updates', () => {
  // Each test drives two or three pages through a dozen writes.
  test.describe.configure({ timeout: 120_000 });

  test("another user's publish, tags and delete reach open pages without a reload; a draft never does", async ({
    page,
    other,
  }) => {
    const tag = unique('live');
    const addedTag = unique('added');
    const title = unique('Live');
    const viewer = other.page;
    const traffic = await recordTraffic(viewer);
    const viewerConnections = await countConnections(viewer);
    await viewer.goto(routes.home);
    const tagPage = await viewer.context().newPage();
    const tagTraffic = await recordTraffic(tagPage);
    const tagConnections = await countConnections(tagPage);
    await tagPage.goto(routes.tag(tag));
    const sameRealm = await markRealm(viewer);
    const sameTagRealm = await markRealm(tagPage);
    const cloud = (target: Page, name: string) =>
      target.getByRole('navigation', { name: 'Tags' }).getByRole('link', { name: `${name} 1`, exact: true });

    const id = await createPost(page, { title, tags: [tag], published: true });
    await expect(postList(viewer).getByRole('link', { name: title })).toBeVisible(LIVE);
    await expect(postList(tagPage).getByRole('link', { name: title })).toBeVisible(LIVE);
    await expect(cloud(viewer, tag)).toBeVisible(LIVE);

    await page.goto(routes.editPost(id));
    await fillPostForm(page, { tags: [addedTag] });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(routes.post(id));
    await expect(cloud(viewer, addedTag)).toBeVisible(LIVE);
    await expect(cloud(tagPage, addedTag)).toBeVisible(LIVE);

    const draftTitle = unique('Unpublished');
    const draftId = await createPost(page, { title: draftTitle, tags: [tag], published: false });

    await page.goto(routes.post(id));
    await page.getByRole('button', { name: 'Delete post' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Post deleted' })).toBeVisible();
    await expect(postList(viewer).getByRole('link', { name: title })).toHaveCount(0, LIVE);
    await expect(postList(tagPage).getByRole('link', { name: title })).toHaveCount(0, LIVE);
    await expect(cloud(viewer, addedTag)).toHaveCount(0, LIVE);

    // Changes arrive in commit order: once this later post shows, the draft's turn has passed.
    const later = unique('Later');
    await createPost(page, { title: later, tags: [tag], published: true });
    await expect(postList(tagPage).getByRole('link', { name: later })).toBeVisible(LIVE);
    await expect(postList(viewer).getByRole('link', { name: later })).toBeVisible(LIVE);
    await expect(viewer.getByText(draftTitle)).toHaveCount(0);
    await expect(tagPage.getByText(draftTitle)).toHaveCount(0);
    for (const seen of [await traffic(), await tagTraffic()]) {
      expect(seen).not.toContain(draftTitle);
      expect(seen).not.toContain(draftId);
    }
    expect(await sameRealm()).toBe(true);
    expect(await sameTagRealm()).toBe(true);
    expect([viewerConnections(), tagConnections()]).toEqual([1, 1]);
  });

  test("an open post page and user page follow the author's edit, delete and restore", async ({
    page,
    author,
    other,
  }) => {
    const title = unique('Followed');
    const id = await createPost(page, { title, published: true });
    const viewer = other.page;
    const viewerConnections = await countConnections(viewer);
    await viewer.goto(routes.post(id));
    const profile = await viewer.context().newPage();
    await profile.goto(routes.user(author.id));
    const sameRealm = await markRealm(viewer);
    const byAuthor = postList(profile, `Posts by ${author.name}`);
    await expect(byAuthor.getByRole('link', { name: title })).toBeVisible();

    const renamed = unique('Renamed');
    await page.goto(routes.editPost(id));
    await fillPostForm(page, { title: renamed });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(routes.post(id));
    await expect(viewer.getByRole('heading', { level: 1, name: renamed })).toBeVisible(LIVE);
    await expect(byAuthor.getByRole('link', { name: renamed })).toBeVisible(LIVE);

    await page.getByRole('button', { name: 'Delete post' }).click();
    await expect(viewer.getByRole('heading', { level: 1, name: renamed })).toHaveCount(0, LIVE);
    await expect(byAuthor.getByRole('link', { name: renamed })).toHaveCount(0, LIVE);

    expect(await sameRealm()).toBe(true);

    // The viewer's page now shows "not found"; a restore brings the post back in place, no reload.
    await page.getByRole('button', { name: 'Restore post' }).click();
    await expect(viewer.getByRole('heading', { level: 1, name: renamed })).toBeVisible(LIVE);
    await expect(byAuthor.getByRole('link', { name: renamed })).toBeVisible(LIVE);
    expect(await sameRealm()).toBe(true);
    // Through edit, delete and restore, the post page kept the one connection it opened.
    expect(viewerConnections()).toBe(1);
  });

  test('a page that lost its connection catches up with what it missed', async ({ page, other }) => {
    const tag = unique('offline');
    const viewer = other.page;
    await viewer.goto(routes.tag(tag));
    // Live first, so the page is past its initial re-read when the network goes.
    const first = unique('Seen');
    await createPost(page, { title: first, tags: [tag], published: true });
    await expect(postList(viewer).getByRole('link', { name: first })).toBeVisible(LIVE);
    await viewer.context().setOffline(true);
    const missed = unique('Missed');
    await createPost(page, { title: missed, tags: [tag], published: true });
    await viewer.context().setOffline(false);
    // The clients reconnect with backoff, then re-read what may have changed meanwhile. (A re-read
    // cut off by the drop makes Next.js load the page again, which catches up as well.)
    await expect(postList(viewer).getByRole('link', { name: missed })).toBeVisible({ timeout: 20_000 });
  });
});
