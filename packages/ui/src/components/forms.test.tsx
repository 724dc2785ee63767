import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SignInForm, SignUpForm } from './auth-forms';
import { ProfileForm } from './profile-form';

describe('SignUpForm', () => {
  it('sends email, name and password, and shows field errors next to the fields', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn().mockResolvedValue({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Invalid input',
        fields: { email: ['Not a valid email address'], name: ['Required'] },
      },
    });
    render(<SignUpForm onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Email'), 'nope');
    await user.type(screen.getByLabelText('Password'), 'secret-password');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(onSubmit).toHaveBeenCalledWith({ email: 'nope', name: '', password: 'secret-password' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid input');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Not a valid email address');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Required');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'false');
  });
});

describe('SignInForm', () => {
  it('shows an error without fields as the form alert only', async () => {
    const user = userEvent.setup();
    const onSuccess = vi.fn();
    const onSubmit = vi
      .fn()
      .mockResolvedValueOnce({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'Wrong email or password' },
      })
      .mockResolvedValueOnce({ ok: true, data: null });
    render(<SignInForm onSubmit={onSubmit} onSuccess={onSuccess} />);
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'false');
    expect(onSuccess).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalledOnce());
  });
});

describe('ProfileForm', () => {
  it('sends null for emptied fields and confirms the save', async () => {
    const user = userEvent.setup();
    const profile = { userId: 'u1', bio: 'Old bio', avatarUrl: null, updatedAt: '2026-11-25T19:42:07.123Z' };
    const onSubmit = vi.fn().mockResolvedValue({ ok: true, data: { ...profile, bio: null } });
    render(<ProfileForm profile={profile} onSubmit={onSubmit} />);
    await user.clear(screen.getByLabelText('Bio'));
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(onSubmit).toHaveBeenCalledWith({ bio: null, avatarUrl: null });
    expect(await screen.findByRole('status')).toHaveTextContent('Profile saved.');
  });

  it('marks a rejected avatar URL as invalid', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn().mockResolvedValue({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Invalid input',
        fields: { avatarUrl: ['Must be an absolute https URL'] },
      },
    });
    render(<ProfileForm profile={null} onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Avatar URL'), 'http://example.com/a.png');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByLabelText('Avatar URL')).toHaveAccessibleDescription(
      /Must be an absolute https URL/,
    );
    expect(screen.getByLabelText('Avatar URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
