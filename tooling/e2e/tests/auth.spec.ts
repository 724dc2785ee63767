import { routes } from '@parity/ui/routes';
import { PASSWORD, expect, mainNav, signIn, signOut, signUp, test } from './support';

test.describe('accounts', () => {
  test('sign up signs the new user in and shows them in the header', async ({ page }) => {
    const account = await signUp(page, 'Ada');
    await expect(mainNav(page)).toContainText(`Signed in as ${account.name}`);
    await expect(mainNav(page).getByRole('link', { name: 'New post' })).toBeVisible();
    await expect(mainNav(page).getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  });

  test('sign out, then sign in again with the same email and password', async ({ page, author }) => {
    await signOut(page);
    await signIn(page, author.email.toUpperCase(), author.password);
    await expect(mainNav(page).getByRole('link', { name: author.name, exact: true })).toBeVisible();
  });

  test('sign up shows a field error next to each bad field', async ({ page }) => {
    await page.goto(routes.signUp);
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();

    await expect(page.getByRole('alert')).toBeVisible();
    for (const label of ['Email', 'Name']) {
      const field = page.getByLabel(label, { exact: true });
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(/\S/);
    }
    await expect(mainNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  test('an email that is taken, in any letter case, is refused', async ({ page, browser }) => {
    const first = await signUp(page, 'Ada');
    const context = await browser.newContext();
    const second = await context.newPage();
    await second.goto(routes.signUp);
    await second.getByLabel('Email', { exact: true }).fill(first.email.toUpperCase());
    await second.getByLabel('Name', { exact: true }).fill('Someone Else');
    await second.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await second.getByRole('button', { name: 'Sign up' }).click();
    await expect(second.getByRole('alert')).toBeVisible();
    await expect(mainNav(second).getByRole('link', { name: 'Sign in' })).toBeVisible();
    await context.close();
  });

  test('a wrong password is refused with an error', async ({ page, author }) => {
    await signOut(page);
    await signIn(page, author.email, `${author.password}-wrong`);
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(mainNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(mainNav(page).getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  });

  test('pages that need an account send a visitor to sign in', async ({ visitor }) => {
    for (const path of [routes.newPost, routes.me]) {
      await visitor.goto(path);
      await expect(visitor.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    }
  });
});
