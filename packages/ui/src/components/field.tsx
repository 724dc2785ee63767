import { useId, type ReactNode } from 'react';

/** The attributes that tie a control to its label, hint and errors. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  errors?: string[] | undefined;
  hint?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/** A labelled control with its hint and field errors, announced through aria-describedby. */
export function Field({ label, errors, hint, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-errors` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children({ id, 'aria-invalid': Boolean(errorId), 'aria-describedby': describedBy })}
      {hint && (
        <p id={hintId} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
      {errorId && <FieldErrorList id={errorId} messages={errors ?? []} />}
    </div>
  );
}

export function FieldErrorList({ id, messages }: { id: string; messages: string[] }) {
  return (
    <ul id={id} className="space-y-0.5 text-sm text-red-700">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
