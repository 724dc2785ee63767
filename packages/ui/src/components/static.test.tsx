import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppHeader } from './app-header';
import { TagCloud } from './tag-cloud';
import { TagFilter } from './tag-filter';
import { LinkProvider, type LinkProps } from '../link';

const siblings = [
  { name: 'Supabase', href: 'http://localhost:3002' },
  { name: 'Convex', href: 'http://localhost:3003' },
];

describe('AppHeader', () => {
  it('offers sign in and sign up to a visitor, and links the sibling apps', () => {
    render(<AppHeader appName="Parity on Neon" siblings={siblings} viewer={null} onSignOut={() => {}} />);
    const main = screen.getByRole('navigation', { name: 'Main' });
    expect(within(main).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/signin');
    expect(within(main).queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    const others = screen.getByRole('navigation', { name: 'Same app on other platforms' });
    expect(
      within(others)
        .getAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).toEqual(['http://localhost:3002', 'http://localhost:3003']);
  });

  it('shows who is signed in, their links and a sign-out button', () => {
    render(
      <AppHeader appName="Parity" siblings={[]} viewer={{ id: 'u1', name: 'Ada' }} onSignOut={() => {}} />,
    );
    expect(screen.getByText(/Signed in as/)).toHaveTextContent('Signed in as Ada');
    expect(screen.getByRole('link', { name: 'Ada' })).toHaveAttribute('href', '/users/u1');
    expect(screen.getByRole('link', { name: 'New post' })).toHaveAttribute('href', '/posts/new');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });
});

describe('TagCloud', () => {
  it('lists each tag with its count, linked to the filter, marking the active one', () => {
    render(
      <TagCloud
        tags={[
          { name: 'postgres', postCount: 3 },
          { name: 'rls', postCount: 1 },
        ]}
        activeTag="rls"
      />,
    );
    const cloud = screen.getByRole('navigation', { name: 'Tags' });
    expect(within(cloud).getByRole('link', { name: 'postgres 3' })).toHaveAttribute('href', '/?tag=postgres');
    expect(within(cloud).getByRole('link', { name: 'rls 1' })).toHaveAttribute('aria-current', 'page');
  });
});

describe('LinkProvider', () => {
  it("renders every internal link with the app's link component", () => {
    function RouterLink(props: LinkProps) {
      return <a {...props} data-router="yes" />;
    }
    render(
      <LinkProvider component={RouterLink}>
        <TagCloud tags={[{ name: 'postgres', postCount: 3 }]} />
      </LinkProvider>,
    );
    expect(screen.getByRole('link', { name: 'postgres 3' })).toHaveAttribute('data-router', 'yes');
  });
});

describe('TagFilter', () => {
  it('is a labelled GET search form for /?tag=, with a way back when a filter is active', () => {
    render(<TagFilter activeTag="rls" />);
    const form = screen.getByRole('search');
    expect(form).toHaveAttribute('action', '/');
    expect(form).toHaveAttribute('method', 'get');
    expect(within(form).getByLabelText('Filter by tag')).toHaveAttribute('name', 'tag');
    expect(within(form).getByLabelText('Filter by tag')).toHaveValue('rls');
    expect(within(form).getByRole('link', { name: 'Clear filter' })).toHaveAttribute('href', '/');
  });
});
