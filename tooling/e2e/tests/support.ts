import { randomBytes } from 'node:crypto';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { routes } from '@parity/ui/routes';

/** One run's prefix, so emails and tag names never collide with earlier runs or other workers. */
const runId = randomBytes(4).toString('hex');
let sequence = 0;

/** A name that is unique in this run: a valid tag (lowercase, ≤ 32 chars) and part of an email. */
export function unique(label: string): string {
  sequence += 1;
  return `${label}-${runId}-${sequence}`;
}

export interface Account {
  id: string;
  name: string;
  email: string;
  password: string;
}

export interface PostInput {
  title: string;
  content?: string;
  tags?: string[];
  published?: boolean;
}

export const PASSWORD = 'correct horse battery staple';

export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/**
 * The header's link to the signed-in user, once it shows. Waits longer than other steps: signing
 * up or in hashes the password (scrypt, slow on purpose), and on Convex the session's first
 * WebSocket then authenticates and refreshes its token. A cold deployment's first sign-up took
 * 10.3 s from the click under CI's load (load average 9–12 on two cores).
 */
export async function expectSignedInAs(page: Page, name: string) {
  const profileLink = mainNav(page).getByRole('link', { name, exact: true });
  await expect(profileLink).toBeVisible({ timeout: 20_000 });
  return profileLink;
}

export async function signUp(page: Page, label: string): Promise<Account> {
  const name = `${label} ${unique('u')}`;
  const email = `${unique(label.toLowerCase())}@example.com`;
  await page.goto(routes.signUp);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  const profileLink = await expectSignedInAs(page, name);
  const href = (await profileLink.getAttribute('href')) ?? '';
  const id = decodeURIComponent(href.replace(/^.*\/users\//, ''));
  return { id, name, email, password: PASSWORD };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(routes.signIn);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await mainNav(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(mainNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
}

/** Fills the post form (new or edit) without submitting it. Tags are added with the Enter key. */
export async function fillPostForm(page: Page, input: Partial<PostInput>): Promise<void> {
  if (input.title !== undefined) await page.getByLabel('Title', { exact: true }).fill(input.title);
  if (input.content !== undefined) await page.getByLabel('Content', { exact: true }).fill(input.content);
  const tagBox = page.getByLabel('Tags', { exact: true });
  for (const tag of input.tags ?? []) {
    await tagBox.fill(tag);
    await tagBox.press('Enter');
  }
  if (input.published !== undefined)
    await page.getByLabel('Published', { exact: true }).setChecked(input.published);
}

const isPostPage = (url: URL) => /^\/posts\/[^/]+$/.test(url.pathname) && url.pathname !== routes.newPost;

/** Creates a post through the form and returns its id, read from the page the app navigates to. */
export async function createPost(page: Page, input: PostInput): Promise<string> {
  await page.goto(routes.newPost);
  await fillPostForm(page, input);
  await page.getByRole('button', { name: 'Create post' }).click();
  await page.waitForURL(isPostPage);
  await expect(page.getByRole('heading', { level: 1, name: input.title })).toBeVisible();
  return decodeURIComponent(new URL(page.url()).pathname.replace('/posts/', ''));
}

/**
 * The page's error alert. Scoped to <main>: Next.js renders its own role="alert" route announcer
 * outside it.
 */
export function alertOf(page: Page) {
  return page.getByRole('main').getByRole('alert');
}

export function postList(page: Page, label = 'Posts') {
  return page.getByRole('region', { name: label, exact: true });
}

/** A second, independent browser session (its own cookies and storage). */
async function newSession(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

interface Fixtures {
  /** A brand-new user, signed in on `page` before every test: `page` is always the author's session. */
  author: Account;
  /** Another brand-new user in their own browser session. */
  other: { page: Page; account: Account };
  /** A visitor without an account in their own browser session. */
  visitor: Page;
}

export const test = base.extend<Fixtures>({
  author: [
    async ({ page }, use) => {
      await use(await signUp(page, 'Ada'));
    },
    { auto: true },
  ],
  other: async ({ browser }, use) => {
    const page = await newSession(browser);
    const account = await signUp(page, 'Bob');
    await use({ page, account });
    await page.context().close();
  },
  visitor: async ({ browser }, use) => {
    const page = await newSession(browser);
    await use(page);
    await page.context().close();
  },
});

export { expect };
