'use client';

import { useState, type FormEvent } from 'react';
import type { ActionResult } from '../action-result';
import { inputClass, linkClass, primaryButtonClass } from '../classes';
import { AppLink as Link } from '../link';
import { routes } from '../routes';
import { useAction } from '../use-action';
import { Field } from './field';
import { FormAlert } from './form-alert';

export interface SignUpValues {
  email: string;
  name: string;
  password: string;
}

export type SignInValues = Omit<SignUpValues, 'name'>;

interface AuthFormProps<V> {
  /** Signs up / in; a server action usually redirects on success. */
  onSubmit: (values: V) => Promise<ActionResult<unknown>>;
  /** Client-side follow-up when the action does not navigate by itself. */
  onSuccess?: () => void;
}

export function SignUpForm({ onSubmit, onSuccess }: AuthFormProps<SignUpValues>) {
  const [values, setValues] = useState<SignUpValues>({ email: '', name: '', password: '' });
  const { error, pending, run } = useAction(onSubmit);
  const fields = error?.fields ?? {};
  const set = (field: keyof SignUpValues) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run(values, () => onSuccess?.());
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-busy={pending} className="max-w-sm space-y-4">
      <h1 className="text-2xl font-semibold">Sign up</h1>
      <FormAlert error={error} shownFields={['email', 'name', 'password']} />
      <TextInput
        label="Email"
        type="email"
        autoComplete="email"
        value={values.email}
        errors={fields.email}
        onChange={set('email')}
      />
      <TextInput
        label="Name"
        autoComplete="name"
        value={values.name}
        errors={fields.name}
        onChange={set('name')}
      />
      <TextInput
        label="Password"
        type="password"
        autoComplete="new-password"
        value={values.password}
        errors={fields.password}
        onChange={set('password')}
      />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        Sign up
      </button>
      <p className="text-sm">
        Already have an account?{' '}
        <Link href={routes.signIn} className={linkClass}>
          Sign in
        </Link>
      </p>
    </form>
  );
}

export function SignInForm({ onSubmit, onSuccess }: AuthFormProps<SignInValues>) {
  const [values, setValues] = useState<SignInValues>({ email: '', password: '' });
  const { error, pending, run } = useAction(onSubmit);
  const fields = error?.fields ?? {};
  const set = (field: keyof SignInValues) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run(values, () => onSuccess?.());
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-busy={pending} className="max-w-sm space-y-4">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <FormAlert error={error} shownFields={['email', 'password']} />
      <TextInput
        label="Email"
        type="email"
        autoComplete="email"
        value={values.email}
        errors={fields.email}
        onChange={set('email')}
      />
      <TextInput
        label="Password"
        type="password"
        autoComplete="current-password"
        value={values.password}
        errors={fields.password}
        onChange={set('password')}
      />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        Sign in
      </button>
      <p className="text-sm">
        New here?{' '}
        <Link href={routes.signUp} className={linkClass}>
          Create an account
        </Link>
      </p>
    </form>
  );
}

interface TextInputProps {
  label: string;
  value: string;
  errors: string[] | undefined;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autoComplete: string;
}

function TextInput({ label, value, errors, onChange, type = 'text', autoComplete }: TextInputProps) {
  return (
    <Field label={label} errors={errors}>
      {(control) => (
        <input
          {...control}
          type={type}
          required
          autoComplete={autoComplete}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          className={inputClass}
        />
      )}
    </Field>
  );
}
