import { routes } from '@parity/ui/routes';
import { createPost, expect, fillPostForm, test, unique, alertOf } from './support';

test.describe("another user's post", () => {
  test('shows no edit, delete or history to another user', async ({ page, other }) => {
    const title = unique('Mine');
    const id = await createPost(page, { title, published: true });
    await expect(page.getByRole('button', { name: 'Delete post' })).toBeVisible();

    await other.page.goto(routes.post(id));
    await expect(other.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(other.page.getByRole('link', { name: 'Edit post' })).toHaveCount(0);
    await expect(other.page.getByRole('button', { name: 'Delete post' })).toHaveCount(0);
    await expect(other.page.getByRole('heading', { name: 'History' })).toHaveCount(0);
  });

  test('shows no author actions to a visitor', async ({ page, visitor }) => {
    const title = unique('Public');
    const id = await createPost(page, { title, published: true });
    await visitor.goto(routes.post(id));
    await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(visitor.getByRole('link', { name: 'Edit post' })).toHaveCount(0);
    await expect(visitor.getByRole('button', { name: 'Delete post' })).toHaveCount(0);
  });

  test("the platform refuses another user's edit and the post stays as it was", async ({ page, other }) => {
    const title = unique('Not yours');
    const id = await createPost(page, { title, published: true });

    await other.page.goto(routes.editPost(id));
    await fillPostForm(other.page, { title: unique('Hijacked') });
    await other.page.getByRole('button', { name: 'Save changes' }).click();
    await expect(alertOf(other.page)).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('region', { name: 'History' }).getByRole('row')).toHaveCount(2);
  });

  test("another user cannot even open the edit page of someone's draft", async ({ page, other }) => {
    const id = await createPost(page, { title: unique('Private draft'), published: false });
    await other.page.goto(routes.editPost(id));
    await expect(other.page.getByRole('heading', { level: 1, name: 'Post not found' })).toBeVisible();
    await expect(other.page.getByLabel('Title', { exact: true })).toHaveCount(0);
  });
});
