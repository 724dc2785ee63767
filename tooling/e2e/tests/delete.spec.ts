import { routes } from '@parity/ui/routes';
import { createPost, expect, fillPostForm, postList, test, unique } from './support';

test.describe('delete and restore', () => {
  test('a deleted post is hidden from everyone until its author restores it', async ({ page, other }) => {
    const title = unique('Deleted');
    const id = await createPost(page, { title, published: true });

    await page.getByRole('button', { name: 'Delete post' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Post deleted' })).toBeVisible();

    await other.page.goto(routes.post(id));
    await expect(other.page.getByRole('heading', { level: 1, name: 'Post not found' })).toBeVisible();

    // The deletion is stored: a fresh load still offers the author the restore.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Post deleted' })).toBeVisible();
    await expect(page.getByText(title)).toHaveCount(0);
    await page.getByRole('button', { name: 'Restore post' }).click();
    // The page shows the post again, as a reload would, its history ending in the restore.
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByRole('row').last()).toContainText('Restored');

    await page.goto(routes.post(id));
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await other.page.reload();
    await expect(other.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  });

  test('deleting takes a post out of the lists and the tag cloud; restoring brings it back', async ({
    page,
    visitor,
  }) => {
    const tag = unique('gone');
    const title = unique('Listed');
    const id = await createPost(page, { title, tags: [tag], published: true });
    const cloudLink = visitor
      .getByRole('navigation', { name: 'Tags' })
      .getByRole('link', { name: `${tag} 1`, exact: true });

    await visitor.goto(routes.home);
    await expect(cloudLink).toBeVisible();

    await page.getByRole('button', { name: 'Delete post' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Post deleted' })).toBeVisible();
    await visitor.goto(routes.tag(tag));
    await expect(postList(visitor).getByRole('link', { name: title })).toHaveCount(0);
    await expect(cloudLink).toHaveCount(0);

    await page.goto(routes.post(id));
    await page.getByRole('button', { name: 'Restore post' }).click();
    await expect(page.getByRole('button', { name: 'Restore post' })).toHaveCount(0);
    await visitor.goto(routes.tag(tag));
    await expect(postList(visitor).getByRole('link', { name: title })).toBeVisible();
    await expect(cloudLink).toBeVisible();
  });

  test('the author sees every write in the history, oldest first', async ({ page }) => {
    const title = unique('History');
    const id = await createPost(page, { title, tags: ['one'], published: false });

    await page.goto(routes.editPost(id));
    await fillPostForm(page, { published: true, tags: ['two'] });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(routes.post(id));
    await page.getByRole('button', { name: 'Delete post' }).click();
    await page.getByRole('button', { name: 'Restore post' }).click();
    // Wait for the restore to finish: navigating away at once would cancel its request.
    await expect(page.getByRole('button', { name: 'Restore post' })).toHaveCount(0);
    await page.goto(routes.post(id));

    const rows = page.getByRole('region', { name: 'History' }).getByRole('row');
    await expect(rows).toHaveCount(5); // header + 4 entries
    const actions = rows.locator('td:first-child');
    // One edit, one entry: the fields and the tags it changed together (SPEC.md §6).
    await expect(actions).toHaveText(['Created', 'Edited', 'Deleted', 'Restored']);
    const edited = rows.filter({ hasText: 'Edited' });
    await expect(edited).toContainText('published: false → true');
    await expect(edited).toContainText('tags: one → one, two');
  });
});
