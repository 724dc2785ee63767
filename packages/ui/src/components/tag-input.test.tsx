import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { TagInput } from './tag-input';

function ControlledTagInput({ initial = [] as string[] }) {
  const [tags, setTags] = useState(initial);
  return <TagInput value={tags} onChange={setTags} />;
}

const chips = () =>
  screen.queryByRole('list', { name: 'Selected tags' })
    ? screen.getAllByRole('listitem').map((item) => item.firstChild?.textContent)
    : [];

describe('TagInput', () => {
  it('adds a normalized tag on Enter and on comma', async () => {
    const user = userEvent.setup();
    render(<ControlledTagInput />);
    await user.type(screen.getByLabelText('Tags'), '  Next JS{Enter}Postgres,');
    expect(chips()).toEqual(['next-js', 'postgres']);
    expect(screen.getByLabelText('Tags')).toHaveValue('');
    expect(screen.getByRole('status')).toHaveTextContent('Added postgres');
  });

  it('splits a pasted comma-separated list and ignores duplicates and blanks', async () => {
    const user = userEvent.setup();
    render(<ControlledTagInput initial={['rls']} />);
    await user.click(screen.getByLabelText('Tags'));
    await user.paste('RLS, drizzle, , convex,');
    expect(chips()).toEqual(['rls', 'drizzle', 'convex']);
  });

  it('Enter adds a tag without submitting the surrounding form', async () => {
    const user = userEvent.setup();
    let submitted = false;
    render(
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submitted = true;
        }}
      >
        <ControlledTagInput />
      </form>,
    );
    await user.type(screen.getByLabelText('Tags'), 'neon{Enter}');
    expect(chips()).toEqual(['neon']);
    expect(submitted).toBe(false);
  });

  it('Backspace in the empty box removes the last tag', async () => {
    const user = userEvent.setup();
    render(<ControlledTagInput initial={['a', 'b']} />);
    await user.type(screen.getByLabelText('Tags'), '{Backspace}');
    expect(chips()).toEqual(['a']);
  });

  it('removes a chip with its button from the keyboard and keeps focus in the widget', async () => {
    const user = userEvent.setup();
    render(<ControlledTagInput initial={['alpha', 'beta']} />);
    screen.getByRole('button', { name: 'Remove tag alpha' }).focus();
    await user.keyboard('{Enter}');
    expect(chips()).toEqual(['beta']);
    expect(screen.getByLabelText('Tags')).toHaveFocus();
  });

  it('adds what was typed when focus leaves the box', async () => {
    const user = userEvent.setup();
    render(<ControlledTagInput />);
    await user.type(screen.getByLabelText('Tags'), 'typed');
    await user.tab();
    expect(chips()).toEqual(['typed']);
  });

  it('ties field errors to the input', () => {
    render(<TagInput value={['-bad']} onChange={() => {}} errors={['Not a valid tag: "-bad"']} />);
    const input = screen.getByLabelText('Tags');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/Not a valid tag: "-bad"/);
  });
});
