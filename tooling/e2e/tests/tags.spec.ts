import { POSTS_PER_PAGE, routes } from '@parity/ui/routes';
import { createPost, expect, postList, test, unique, alertOf } from './support';

test.describe('tags and listing', () => {
  test('the tag cloud counts published posts only and links to the filter', async ({ page, visitor }) => {
    const tag = unique('cloud');
    await createPost(page, { title: unique('One'), tags: [tag], published: true });
    await createPost(page, { title: unique('Two'), tags: [tag], published: true });
    await createPost(page, { title: unique('Draft'), tags: [tag], published: false });

    await visitor.goto(routes.home);
    const link = visitor
      .getByRole('navigation', { name: 'Tags' })
      .getByRole('link', { name: `${tag} 2`, exact: true });
    await expect(link).toHaveAttribute('href', routes.tag(tag));
  });

  test('following a tag lists only the posts with that tag', async ({ page, visitor }) => {
    const tag = unique('filter');
    const [first, second, untagged] = [unique('First'), unique('Second'), unique('Untagged')];
    await createPost(page, { title: first, tags: [tag, 'shared'], published: true });
    await createPost(page, { title: untagged, tags: ['shared'], published: true });
    const id = await createPost(page, { title: second, tags: [tag], published: true });

    await visitor.goto(routes.post(id));
    await visitor.getByRole('list', { name: 'Tags of this post' }).getByRole('link', { name: tag }).click();
    await expect(visitor).toHaveURL(routes.tag(tag));
    await expect(postList(visitor).getByRole('heading')).toHaveText([second, first]);
  });

  test('the filter box normalizes what is typed like a tag', async ({ page, visitor }) => {
    const tag = unique('norm');
    const title = unique('Normalized');
    await createPost(page, { title, tags: [tag], published: true });

    await visitor.goto(routes.home);
    await visitor.getByLabel('Filter by tag').fill(`  ${tag.toUpperCase()} `);
    await visitor.getByRole('button', { name: 'Filter' }).click();
    await expect(visitor).toHaveURL(/[?&]tag=/);
    await expect(postList(visitor).getByRole('heading')).toHaveText([title]);
  });

  test('a filter that cannot be a tag shows an error', async ({ visitor }) => {
    await visitor.goto(routes.tag('not a tag!'));
    await expect(alertOf(visitor)).toBeVisible();
  });

  test('"Load more" pages through every post once, newest first, then stops', async ({ page, visitor }) => {
    test.setTimeout(180_000);
    const tag = unique('page');
    const titles: string[] = [];
    for (let i = 1; i <= POSTS_PER_PAGE + 2; i++) {
      const title = `${tag} post ${String(i).padStart(2, '0')}`;
      titles.push(title);
      await createPost(page, { title, tags: [tag], published: true });
    }

    await visitor.goto(routes.tag(tag));
    const headings = postList(visitor).getByRole('heading');
    await expect(headings).toHaveCount(POSTS_PER_PAGE);
    await visitor.getByRole('button', { name: 'Load more' }).click();
    await expect(headings).toHaveCount(POSTS_PER_PAGE + 2);
    await expect(headings).toHaveText([...titles].reverse());
    await expect(visitor.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  });
});
