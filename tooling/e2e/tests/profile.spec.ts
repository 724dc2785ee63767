import { readdirSync } from 'node:fs';
import { routes } from '@parity/ui/routes';
import { createPost, expect, mainNav, postList, test, unique, alertOf } from './support';

test.describe('profiles', () => {
  test('an edited profile shows on the public profile page', async ({ page, author, visitor }) => {
    const bio = `Writes about databases ${unique('bio')}`;
    const avatarUrl = 'https://example.com/avatars/ada.png';
    await mainNav(page).getByRole('link', { name: 'Edit profile' }).click();
    await expect(page).toHaveURL(routes.me);
    await page.getByLabel('Bio', { exact: true }).fill(bio);
    await page.getByLabel('Avatar URL', { exact: true }).fill(avatarUrl);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Profile saved.')).toBeVisible();

    await visitor.goto(routes.user(author.id));
    await expect(visitor.getByRole('heading', { level: 1, name: author.name })).toBeVisible();
    await expect(visitor.getByText(bio)).toBeVisible();
    await expect(visitor.getByRole('img', { name: `Avatar of ${author.name}` })).toHaveAttribute(
      'src',
      avatarUrl,
    );
    await expect(visitor.getByRole('link', { name: 'Edit your profile' })).toHaveCount(0);

    await page.reload();
    await expect(page.getByLabel('Bio', { exact: true })).toHaveValue(bio);
  });

  test('a bad avatar URL and a too long bio are refused, each with its field error', async ({
    page,
    author,
  }) => {
    await page.goto(routes.me);
    await page.getByLabel('Bio', { exact: true }).fill('b'.repeat(281));
    await page.getByLabel('Avatar URL', { exact: true }).fill('http://example.com/not-https.png');
    await page.getByRole('button', { name: 'Save profile' }).click();

    await expect(alertOf(page)).toBeVisible();
    for (const label of ['Bio', 'Avatar URL']) {
      const field = page.getByLabel(label, { exact: true });
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(/\S/);
    }
    await page.goto(routes.user(author.id));
    await expect(page.getByText('No bio yet.')).toBeVisible();
  });

  test("a profile page lists the user's published posts to others, and drafts to the owner only", async ({
    page,
    author,
    other,
  }) => {
    const published = unique('Shown');
    const draft = unique('Hidden');
    await createPost(page, { title: published, published: true });
    await createPost(page, { title: draft, published: false });

    await page.goto(routes.user(author.id));
    const own = postList(page, `Posts by ${author.name}`);
    await expect(own.getByRole('heading')).toHaveText([draft, published]);
    await expect(page.getByRole('link', { name: 'Edit your profile' })).toBeVisible();

    await other.page.goto(routes.user(author.id));
    await expect(postList(other.page, `Posts by ${author.name}`).getByRole('heading')).toHaveText([
      published,
    ]);
  });

  test('the header links the same app on the other platforms of the workspace', async ({ visitor }) => {
    // Two in Parity; none in a project that `pnpm create-app` wrote out with this app alone.
    const otherApps = readdirSync(new URL('../../../apps/', import.meta.url)).length - 1;
    await visitor.goto(routes.home);
    const siblings = visitor
      .getByRole('navigation', { name: 'Same app on other platforms' })
      .getByRole('link');
    await expect(siblings).toHaveCount(otherApps);
    for (const href of await siblings.evaluateAll((links) =>
      links.map((link) => link.getAttribute('href')),
    )) {
      expect(href).toMatch(/^https?:\/\//);
    }
  });
});
