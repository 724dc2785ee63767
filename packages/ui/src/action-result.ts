import { ContractError, type ErrorCode, type FieldErrors } from '@parity/domain';

export interface ActionError {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
}

/**
 * What every callback of these components resolves to, so a server action (Neon, Supabase) and
 * a client mutation (Convex) fit the same props. Plain data: it crosses the server-action wire.
 */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export function actionSuccess<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

/**
 * The failure result of a thrown ContractError. Anything else is rethrown untouched: it is a bug
 * to surface, or framework control flow such as Next.js redirect() and notFound().
 */
export function actionFailure(error: unknown): { ok: false; error: ActionError } {
  if (error instanceof ContractError) return { ok: false, error: error.toJSON() };
  throw error;
}

/** Runs a data-layer call and reports its outcome as an ActionResult. */
export async function runAction<T>(call: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return actionSuccess(await call());
  } catch (error) {
    return actionFailure(error);
  }
}
