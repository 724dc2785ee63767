import type { Post } from '@parity/domain';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '../action-result';
import { makePost } from '../test/fixtures';
import { PostForm, type PostFormValues } from './post-form';

const validationFailure: ActionResult<Post> = {
  ok: false,
  error: {
    code: 'VALIDATION',
    message: 'Invalid input',
    fields: { title: ['Required'], tags: ['Not a valid tag: "-x"'], authorId: ['Unknown field'] },
  },
};

describe('PostForm', () => {
  it('submits the typed values, the tags and null for empty content', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async (_values: PostFormValues) => ({ ok: true as const, data: makePost() }));
    render(<PostForm onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Title'), 'Hello');
    await user.type(screen.getByLabelText('Tags'), 'One{Enter}two{Enter}');
    await user.click(screen.getByLabelText('Published'));
    await user.click(screen.getByRole('button', { name: 'Create post' }));
    expect(onSubmit).toHaveBeenCalledWith({
      title: 'Hello',
      content: null,
      published: true,
      tags: ['one', 'two'],
    });
    expect(await screen.findByText('Post saved.')).toHaveAttribute('role', 'status');
  });

  it('shows each field error next to its field and the rest in the form alert', async () => {
    const user = userEvent.setup();
    render(<PostForm onSubmit={async () => validationFailure} />);
    await user.click(screen.getByRole('button', { name: 'Create post' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid input');
    expect(alert).toHaveTextContent('authorId: Unknown field');
    expect(alert).not.toHaveTextContent('Required');

    const title = screen.getByLabelText('Title');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Required');
    expect(screen.getByLabelText('Tags')).toHaveAccessibleDescription(/Not a valid tag: "-x"/);
    expect(screen.getByLabelText('Content')).toHaveAttribute('aria-invalid', 'false');
  });

  it('clears the errors once a later submit succeeds', async () => {
    const user = userEvent.setup();
    const onSubmit = vi
      .fn<(values: PostFormValues) => Promise<ActionResult<Post>>>()
      .mockResolvedValueOnce(validationFailure)
      .mockResolvedValueOnce({ ok: true, data: makePost() });
    render(<PostForm onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Create post' }));
    await screen.findByRole('alert');
    await user.type(screen.getByLabelText('Title'), 'Fixed');
    await user.click(screen.getByRole('button', { name: 'Create post' }));
    expect(await screen.findByText('Post saved.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'false');
  });

  it('starts from the post being edited and hands the saved post to onSaved', async () => {
    const user = userEvent.setup();
    const post = makePost({ title: 'Draft title', content: 'Body', published: false, tags: ['a', 'b'] });
    const onSaved = vi.fn();
    const onSubmit = vi.fn(async (values: PostFormValues) => ({
      ok: true as const,
      data: { ...post, ...values },
    }));
    render(<PostForm post={post} onSubmit={onSubmit} onSaved={onSaved} />);
    expect(screen.getByRole('heading', { name: 'Edit post' })).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveValue('Draft title');
    expect(screen.getByLabelText('Published')).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Remove tag a' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(onSubmit).toHaveBeenCalledWith({
      title: 'Draft title',
      content: 'Body',
      published: false,
      tags: ['b'],
    });
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ tags: ['b'] }));
  });
});
