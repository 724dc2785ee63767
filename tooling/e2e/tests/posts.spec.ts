import { routes } from '@parity/ui/routes';
import { createPost, expect, fillPostForm, postList, test, unique, alertOf } from './support';

test.describe('posts', () => {
  test('a published post shows its content and its tags normalized and sorted', async ({
    page,
    author,
    visitor,
  }) => {
    const title = unique('Published');
    const id = await createPost(page, {
      title,
      content: 'Row Level Security, explained.',
      tags: ['Zeta Tag', 'ALPHA'],
      published: true,
    });

    await visitor.goto(routes.post(id));
    await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(visitor.getByText('Row Level Security, explained.')).toBeVisible();
    await expect(visitor.getByRole('link', { name: author.name, exact: true })).toHaveAttribute(
      'href',
      routes.user(author.id),
    );
    const tags = visitor.getByRole('list', { name: 'Tags of this post' }).getByRole('link');
    await expect(tags).toHaveText(['alpha', 'zeta-tag']);
  });

  test('a draft is visible to its author, marked as a draft', async ({ page, author }) => {
    const title = unique('Draft');
    await createPost(page, { title, published: false });
    await expect(page.getByText('Draft', { exact: true })).toBeVisible();

    await page.goto(routes.user(author.id));
    await expect(postList(page, `Posts by ${author.name}`).getByRole('link', { name: title })).toBeVisible();
  });

  test('a draft is hidden from other users and from visitors', async ({ page, author, other, visitor }) => {
    const title = unique('Secret draft');
    const id = await createPost(page, { title, published: false });

    for (const viewer of [other.page, visitor]) {
      await viewer.goto(routes.post(id));
      await expect(viewer.getByRole('heading', { level: 1, name: 'Post not found' })).toBeVisible();
      await expect(viewer.getByText(title)).toHaveCount(0);

      await viewer.goto(routes.user(author.id));
      await expect(viewer.getByRole('heading', { level: 1, name: author.name })).toBeVisible();
      await expect(viewer.getByText(title)).toHaveCount(0);
    }
  });

  test('publishing a draft makes it visible to others', async ({ page, other }) => {
    const title = unique('Soon public');
    const id = await createPost(page, { title, published: false });
    await page.goto(routes.editPost(id));
    await fillPostForm(page, { published: true });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(routes.post(id));

    await other.page.goto(routes.post(id));
    await expect(other.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  });

  test('editing title and content shows the new values and records the change', async ({ page }) => {
    const title = unique('Before');
    const id = await createPost(page, { title, content: 'Old text', published: true });
    const newTitle = unique('After');

    await page.goto(routes.editPost(id));
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
    await fillPostForm(page, { title: newTitle, content: 'New text' });
    await page.getByRole('button', { name: 'Save changes' }).click();

    await expect(page.getByRole('heading', { level: 1, name: newTitle })).toBeVisible();
    await expect(page.getByText('New text', { exact: true })).toBeVisible();
    const edit = page.getByRole('row').filter({ hasText: 'Edited' });
    await expect(edit).toContainText(`title: “${title}” → “${newTitle}”`);
    await expect(edit).toContainText('content: “Old text” → “New text”');
  });

  test('an empty title is refused with a field error and the post keeps its title', async ({ page }) => {
    const title = unique('Keep me');
    const id = await createPost(page, { title, published: true });
    await page.goto(routes.editPost(id));
    await fillPostForm(page, { title: '   ' });
    await page.getByRole('button', { name: 'Save changes' }).click();

    const titleBox = page.getByLabel('Title', { exact: true });
    await expect(titleBox).toHaveAttribute('aria-invalid', 'true');
    await expect(titleBox).toHaveAccessibleDescription(/\S/);
    await page.goto(routes.post(id));
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  });

  test('an edit refused on its tags saves nothing of it: the title stays, with the old tags', async ({
    page,
  }) => {
    const title = unique('Whole or nothing');
    const id = await createPost(page, { title, tags: ['kept'], published: true });
    await page.goto(routes.editPost(id));
    const tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
    await fillPostForm(page, { title: unique('Half saved?'), tags });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByLabel('Tags', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(routes.editPost(id));

    await page.goto(routes.post(id));
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('link', { name: 'kept' }).first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'History' }).getByRole('row')).toHaveCount(2);
  });

  test('the tag input works from the keyboard and saves what it shows', async ({ page }) => {
    const title = unique('Keyboard');
    await page.goto(routes.newPost);
    await page.getByLabel('Title', { exact: true }).fill(title);
    const tagBox = page.getByLabel('Tags', { exact: true });
    await tagBox.pressSequentially('Postgres,Next JS');
    await tagBox.press('Enter');
    await tagBox.pressSequentially('drop-me');
    await tagBox.press('Enter');
    await tagBox.press('Backspace'); // removes "drop-me"
    await tagBox.pressSequentially('convex,');
    await page.getByRole('button', { name: 'Remove tag postgres' }).focus();
    await page.keyboard.press('Enter');

    const chips = page.getByRole('list', { name: 'Selected tags' }).getByRole('listitem');
    await expect(chips).toHaveText([/^next-js/, /^convex/]);
    await page.getByLabel('Published', { exact: true }).check();
    await page.getByRole('button', { name: 'Create post' }).click();

    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Tags of this post' }).getByRole('link')).toHaveText([
      'convex',
      'next-js',
    ]);
  });

  test('every bad field is reported at once, each next to its field', async ({ page }) => {
    await page.goto(routes.newPost);
    await fillPostForm(page, { title: '', content: 'x'.repeat(20_001), tags: ['-not-a-tag'] });
    await page.getByRole('button', { name: 'Create post' }).click();

    await expect(alertOf(page)).toBeVisible();
    for (const label of ['Title', 'Content', 'Tags']) {
      const field = page.getByLabel(label, { exact: true });
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(/\S/);
    }
    await expect(page).toHaveURL(routes.newPost);
  });

  test('more than ten tags is refused on the tags field', async ({ page }) => {
    await page.goto(routes.newPost);
    const tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
    await fillPostForm(page, { title: unique('Too many tags'), tags });
    await page.getByRole('button', { name: 'Create post' }).click();
    const tagBox = page.getByLabel('Tags', { exact: true });
    await expect(tagBox).toHaveAttribute('aria-invalid', 'true');
    await expect(tagBox).toHaveAccessibleDescription(/10/);
    await expect(page).toHaveURL(routes.newPost);
  });
});
