import type { Page, Post } from '@parity/domain';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '../action-result';
import { makePage, makePost } from '../test/fixtures';
import { PostList } from './post-list';

type LoadMore = (cursor: string) => Promise<ActionResult<Page<Post>>>;

const titles = () =>
  within(screen.getByRole('region', { name: 'Posts' }))
    .queryAllByRole('heading')
    .map((heading) => heading.textContent);

describe('PostList', () => {
  it('loads the next pages with the cursor it was given, then hides the button', async () => {
    const user = userEvent.setup();
    const [a, b, c] = [makePost(), makePost(), makePost()];
    const onLoadMore = vi
      .fn<LoadMore>()
      .mockResolvedValueOnce({ ok: true, data: makePage([b], 'cursor-2') })
      .mockResolvedValueOnce({ ok: true, data: makePage([c], null) });
    render(<PostList page={makePage([a], 'cursor-1')} onLoadMore={onLoadMore} />);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText(b.title)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText(c.title)).toBeInTheDocument();

    expect(onLoadMore.mock.calls).toEqual([['cursor-1'], ['cursor-2']]);
    expect(titles()).toEqual([a.title, b.title, c.title]);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('shows no button when the first page is the last one, and the empty message without posts', () => {
    render(<PostList page={makePage([])} onLoadMore={vi.fn()} emptyMessage="Nothing tagged rls." />);
    expect(screen.getByText('Nothing tagged rls.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('keeps the loaded posts and the button when loading fails, and says why', async () => {
    const user = userEvent.setup();
    const first = makePost();
    const onLoadMore = vi.fn<LoadMore>().mockResolvedValue({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Invalid cursor',
        fields: { cursor: ['Not a cursor of this query'] },
      },
    });
    render(<PostList page={makePage([first], 'cursor-1')} onLoadMore={onLoadMore} />);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid cursor');
    expect(titles()).toEqual([first.title]);
    // setError lands after the await inside useAction's transition, before the transition ends: the
    // alert can show a render before the button is enabled again (seen on a loaded machine).
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Load more' })).toBeEnabled());
  });

  it('starts over when it is given a new first page', async () => {
    const user = userEvent.setup();
    const [a, b, other] = [makePost(), makePost(), makePost()];
    const onLoadMore = vi.fn<LoadMore>().mockResolvedValue({ ok: true, data: makePage([b]) });
    const { rerender } = render(<PostList page={makePage([a], 'cursor-1')} onLoadMore={onLoadMore} />);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText(b.title);

    rerender(<PostList page={makePage([other], 'cursor-x')} onLoadMore={onLoadMore} />);
    expect(titles()).toEqual([other.title]);
    expect(screen.getByRole('button', { name: 'Load more' })).toBeInTheDocument();
  });

  it('keeps the pages loaded after the first when a re-read returns the same first posts', async () => {
    const user = userEvent.setup();
    const [a, b] = [makePost(), makePost()];
    const onLoadMore = vi.fn<LoadMore>().mockResolvedValue({ ok: true, data: makePage([b]) });
    const { rerender } = render(<PostList page={makePage([a], 'cursor-1')} onLoadMore={onLoadMore} />);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText(b.title);

    const renamed = { ...a, title: 'Renamed meanwhile' };
    rerender(<PostList page={makePage([renamed], 'cursor-1')} onLoadMore={onLoadMore} />);
    expect(titles()).toEqual([renamed.title, b.title]);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('links each post, its author and its tags to the contract routes', () => {
    const post = makePost({ id: 'p 1', tags: ['rls'], published: false });
    render(<PostList page={makePage([post])} onLoadMore={vi.fn()} />);
    expect(screen.getByRole('link', { name: post.title })).toHaveAttribute('href', '/posts/p%201');
    expect(screen.getByRole('link', { name: 'Ada' })).toHaveAttribute('href', '/users/user-ada');
    expect(screen.getByRole('link', { name: 'rls' })).toHaveAttribute('href', '/?tag=rls');
    expect(screen.getByText('Draft')).toBeInTheDocument();
  });
});
