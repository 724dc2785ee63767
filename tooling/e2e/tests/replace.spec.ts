import { routes } from '@parity/ui/routes';
import { type Page } from '@playwright/test';
import { createPost, expect, fillPostForm, mainNav, postList, signUp, test, unique } from './support';

/**
 * The backend's process replaced under open pages (issue 18): a new, empty backend at the same
 * address, with new keys. Runs only where the app's e2e/run.ts can do it (the local Convex
 * deployment: a new process is a new deployment, tooling/convex-offline/README.md "Restart"), last
 * of all (playwright.config.ts), since it ends every session and drops every test's data.
 */
const replaceUrl = process.env.E2E_REPLACE_URL!;

/**
 * Reconnecting takes the client's backoff (Convex's grows to 16 s while the port is closed) on top
 * of the new process's start, and signing out a token refresh refused by it.
 */
const RECONNECTED = { timeout: 45_000 };

async function replaceStep(step: 'stop' | 'start'): Promise<void> {
  const response = await fetch(`${replaceUrl}/${step}`, { method: 'POST' });
  expect(response.status, await response.text()).toBe(204);
}

/** Uncaught errors of a page: a crash shows here (and as Next's "Application error" page). */
function pageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}

test('open pages follow a new, empty backend by themselves, signed out, and a held write is not applied', async ({
  page,
  visitor,
}) => {
  test.setTimeout(180_000);
  const tag = unique('replace');
  const before = unique('Before');
  const held = unique('Held');
  const after = unique('After');
  await createPost(page, { title: before, tags: [tag], published: true });

  // The author's feed, and in a second tab of the same session a new post about to be sent.
  await page.goto(routes.home);
  await expect(postList(page).getByRole('link', { name: before })).toBeVisible();
  const feedErrors = pageErrors(page);
  await page.evaluate(() => Reflect.set(globalThis, 'parityReplaceMark', true));
  const form = await page.context().newPage();
  const formErrors = pageErrors(form);
  await form.goto(routes.newPost);
  await fillPostForm(form, { title: held, tags: [tag], published: true });

  await replaceStep('stop');
  // Sent while nothing answers: the client holds the write and sends it once connected again.
  await form.getByRole('button', { name: 'Create post' }).click();
  await expect(form.getByRole('button', { name: 'Create post' })).toBeDisabled();
  await replaceStep('start');

  // The session belongs to the old backend's keys: both tabs end signed out, the form's tab sent to
  // sign in as an account page is when its session ends.
  await expect(form.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible(RECONNECTED);
  await expect(mainNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible(RECONNECTED);
  // The feed answers from the new backend: what the old one held is gone.
  await expect(postList(page).getByRole('link', { name: before })).toHaveCount(0, RECONNECTED);

  // Someone signs up on the new backend and publishes: the open feed shows it without a reload.
  await signUp(visitor, 'Cy');
  await createPost(visitor, { title: after, tags: [tag], published: true });
  await expect(postList(page).getByRole('link', { name: after })).toBeVisible(RECONNECTED);
  expect(await page.evaluate(() => Reflect.get(globalThis, 'parityReplaceMark'))).toBe(true);
  // The held write was refused, not applied: the new backend holds only the new post.
  await visitor.goto(routes.tag(tag));
  await expect(postList(visitor).getByRole('link', { name: after })).toBeVisible();
  await expect(postList(visitor).getByRole('link', { name: held })).toHaveCount(0);
  await expect(postList(page).getByRole('link', { name: held })).toHaveCount(0);
  // No crash on either tab.
  await expect(page.getByText('Application error')).toHaveCount(0);
  await expect(form.getByText('Application error')).toHaveCount(0);
  expect([...feedErrors, ...formErrors].map(String)).toEqual([]);
});
