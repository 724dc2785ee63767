import { ContractError, parseId } from '@parity/domain';
import { z } from 'zod';

/** Who is calling: the signed-in user's id, or null for an anonymous visitor. */
export type Actor = { userId: string } | null;

export function requireActor(actor: Actor): string {
  if (!actor) throw new ContractError('UNAUTHENTICATED', 'Sign in first');
  return actor.userId;
}

/** A session whose user was deleted meanwhile (deleteMe elsewhere): treated as signed out. */
export function userGone(): ContractError {
  return new ContractError('UNAUTHENTICATED', 'The signed-in user no longer exists');
}

const idSchema = z.guid();

/**
 * Whether an id argument can be a row id at all: a string that cannot is simply not found; a
 * value that is not a string is VALIDATION on `id` (parseId).
 */
export function isId(value: unknown): boolean {
  return idSchema.safeParse(parseId(value)).success;
}

export function notFound(what: string): ContractError {
  return new ContractError('NOT_FOUND', `${what} not found`);
}
