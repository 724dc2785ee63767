import { useState, useTransition } from 'react';
import type { ActionError, ActionResult } from './action-result';

/**
 * Calls an action inside a transition and keeps its last error, so a form shows "pending" while a
 * server action or client mutation runs and its field errors once it fails.
 */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();

  function run(input: I, onSuccess?: (data: T) => void) {
    startTransition(async () => {
      const result = await action(input);
      if (result.ok) {
        setError(null);
        onSuccess?.(result.data);
      } else {
        setError(result.error);
      }
    });
  }

  return { error, pending, run };
}
