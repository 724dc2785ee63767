import { routes } from '@parity/ui/routes';
import {
  PASSWORD,
  expect,
  expectSignedInAs,
  mainNav,
  signIn,
  signOut,
  signUp,
  test,
  alertOf,
} from './support';

test.describe('accounts', () => {
  test('sign up signs the new user in and shows them in the header', async ({ visitor }) => {
    const account = await signUp(visitor, 'Ada');
    await expect(mainNav(visitor)).toContainText(`Signed in as ${account.name}`);
    await expect(mainNav(visitor).getByRole('link', { name: 'New post' })).toBeVisible();
    await expect(mainNav(visitor).getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  });

  test('sign out, then sign in again with the same email and password', async ({ page, author }) => {
    await signOut(page);
    await signIn(page, author.email.toUpperCase(), author.password);
    await expectSignedInAs(page, author.name);
  });

  test('sign up shows a field error next to each bad field', async ({ visitor }) => {
    await visitor.goto(routes.signUp);
    await visitor.getByLabel('Email', { exact: true }).fill('not-an-email');
    await visitor.getByLabel('Password', { exact: true }).fill('seven77');
    await visitor.getByRole('button', { name: 'Sign up' }).click();

    await expect(alertOf(visitor)).toBeVisible();
    for (const label of ['Email', 'Name', 'Password']) {
      const field = visitor.getByLabel(label, { exact: true });
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(/\S/);
    }
    // One password rule on every platform (SPEC.md §7).
    await expect(visitor.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
      /At least 8 characters/,
    );
    await expect(mainNav(visitor).getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  test('an email that is taken, in any letter case, is refused', async ({ author, visitor }) => {
    await visitor.goto(routes.signUp);
    await visitor.getByLabel('Email', { exact: true }).fill(author.email.toUpperCase());
    await visitor.getByLabel('Name', { exact: true }).fill('Someone Else');
    await visitor.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await visitor.getByRole('button', { name: 'Sign up' }).click();
    await expect(alertOf(visitor)).toContainText('This email already has an account.');
    await expect(mainNav(visitor).getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  test('a wrong password is refused with an error', async ({ page, author }) => {
    await signOut(page);
    await signIn(page, author.email, `${author.password}-wrong`);
    await expect(alertOf(page)).toContainText('Wrong email or password.');
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
