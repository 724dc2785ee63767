'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
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
  return (
    <CredentialsForm
      title="Sign up"
      initial={{ email: '', name: '', password: '' }}
      inputs={[
        { field: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
        { field: 'name', label: 'Name', autoComplete: 'name' },
        { field: 'password', label: 'Password', type: 'password', autoComplete: 'new-password' },
      ]}
      onSubmit={onSubmit}
      onSuccess={onSuccess}
      footer={
        <>
          Already have an account?{' '}
          <Link href={routes.signIn} className={linkClass}>
            Sign in
          </Link>
        </>
      }
    />
  );
}

export function SignInForm({ onSubmit, onSuccess }: AuthFormProps<SignInValues>) {
  return (
    <CredentialsForm
      title="Sign in"
      initial={{ email: '', password: '' }}
      inputs={[
        { field: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
        { field: 'password', label: 'Password', type: 'password', autoComplete: 'current-password' },
      ]}
      onSubmit={onSubmit}
      onSuccess={onSuccess}
      footer={
        <>
          New here?{' '}
          <Link href={routes.signUp} className={linkClass}>
            Create an account
          </Link>
        </>
      }
    />
  );
}

interface CredentialsFormProps<V extends { [K in keyof V]: string }> extends AuthFormProps<V> {
  title: string;
  initial: V;
  inputs: Array<{
    field: keyof V & string;
    label: string;
    autoComplete: string;
    type?: TextInputProps['type'];
  }>;
  footer: ReactNode;
}

/** The one form both auth pages render: text inputs, field errors, a submit button and a link. */
function CredentialsForm<V extends { [K in keyof V]: string }>({
  title,
  initial,
  inputs,
  footer,
  onSubmit,
  onSuccess,
}: CredentialsFormProps<V>) {
  const [values, setValues] = useState<V>(initial);
  const { error, pending, run } = useAction(onSubmit);
  const fields = error?.fields ?? {};

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run(values, () => onSuccess?.());
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-busy={pending} className="max-w-sm space-y-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <FormAlert error={error} shownFields={inputs.map((input) => input.field)} />
      {inputs.map(({ field, label, type, autoComplete }) => (
        <TextInput
          key={field}
          label={label}
          type={type}
          autoComplete={autoComplete}
          value={values[field]}
          errors={fields[field]}
          onChange={(value) => setValues((current) => ({ ...current, [field]: value }))}
        />
      ))}
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {title}
      </button>
      <p className="text-sm">{footer}</p>
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
