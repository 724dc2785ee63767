import type { Post } from '@parity/domain';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '../action-result';
import { makeAuditEntry, makePost } from '../test/fixtures';
import { PostView } from './post-view';

const noop = async () => ({ ok: true as const, data: null });

describe('PostView', () => {
  const post = makePost({ authorId: 'user-ada', title: 'On RLS' });
  const history = [
    makeAuditEntry({ id: 'a1', action: 'create' }),
    makeAuditEntry({ id: 'a2', action: 'update', changes: { title: { from: 'On rls', to: 'On RLS' } } }),
  ];

  it('shows edit, delete and the history to the author', () => {
    render(
      <PostView post={post} viewerId="user-ada" auditLog={history} onDelete={noop} onRestore={vi.fn()} />,
    );
    expect(screen.getByRole('link', { name: 'Edit post' })).toHaveAttribute('href', `/posts/${post.id}/edit`);
    expect(screen.getByRole('button', { name: 'Delete post' })).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([
      'Created',
      'Edited',
    ]);
    expect(rows[1]).toHaveTextContent('title: “On rls” → “On RLS”');
  });

  it.each([
    ['another user', 'user-bob'],
    ['a visitor', null],
  ])('hides every author action from %s, even when given a history', (_who, viewerId) => {
    render(
      <PostView post={post} viewerId={viewerId} auditLog={history} onDelete={noop} onRestore={vi.fn()} />,
    );
    expect(screen.getByRole('heading', { level: 1, name: 'On RLS' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit post' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete post' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'History' })).not.toBeInTheDocument();
  });

  it('after delete offers restore, and shows the post again once restored', async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn(noop);
    const onRestore = vi.fn(async (): Promise<ActionResult<Post>> => ({ ok: true, data: post }));
    render(<PostView post={post} viewerId="user-ada" onDelete={onDelete} onRestore={onRestore} />);

    await user.click(screen.getByRole('button', { name: 'Delete post' }));
    expect(await screen.findByRole('heading', { name: 'Post deleted' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'On RLS' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Restore post' }));
    expect(await screen.findByRole('heading', { name: 'On RLS' })).toBeInTheDocument();
    expect(onDelete).toHaveBeenCalledOnce();
    expect(onRestore).toHaveBeenCalledOnce();
  });

  it('stays on the post and shows the error when the platform refuses the delete', async () => {
    const user = userEvent.setup();
    const onDelete = async (): Promise<ActionResult<null>> => ({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only the author may delete this post' },
    });
    render(<PostView post={post} viewerId="user-ada" onDelete={onDelete} onRestore={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Delete post' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only the author may delete this post');
    expect(screen.getByRole('heading', { name: 'On RLS' })).toBeInTheDocument();
  });
});
