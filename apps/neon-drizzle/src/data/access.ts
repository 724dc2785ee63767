import { ContractError } from '@parity/domain';
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

/** Whether a value can be a row id at all; anything else is simply not found. */
export function isId(value: string): boolean {
  return idSchema.safeParse(value).success;
}

export function notFound(what: string): ContractError {
  return new ContractError('NOT_FOUND', `${what} not found`);
}
