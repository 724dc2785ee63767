import type { ActionError } from '../action-result';

interface FormAlertProps {
  error: ActionError | null;
  /** Fields the form shows next to their controls; errors on any other field are listed here. */
  shownFields?: readonly string[];
}

/** The form-level error: the message, plus field errors that have no control of their own. */
export function FormAlert({ error, shownFields = [] }: FormAlertProps) {
  if (!error) return null;
  const otherFields = Object.entries(error.fields ?? {}).filter(([field]) => !shownFields.includes(field));
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      <p>{error.message}</p>
      {otherFields.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {otherFields.map(([field, messages]) => (
            <li key={field}>
              {field}: {messages.join(', ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A page-level error (e.g. a list query the platform rejected). */
export function ErrorNotice({
  title = 'Something went wrong',
  error,
}: {
  title?: string;
  error: ActionError;
}) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      <p className="font-medium">{title}</p>
      <p>{error.message}</p>
      {Object.entries(error.fields ?? {}).map(([field, messages]) => (
        <p key={field}>
          {field}: {messages.join(', ')}
        </p>
      ))}
    </div>
  );
}
