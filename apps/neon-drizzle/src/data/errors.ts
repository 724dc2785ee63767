import { DatabaseError, NeonDbError } from '@neondatabase/serverless';
import { ACCOUNT_MESSAGES, ContractError } from '@parity/domain';
import { DrizzleQueryError } from 'drizzle-orm';
import { userGone } from './access';

// https://www.postgresql.org/docs/17/errcodes-appendix.html
const UNIQUE_VIOLATION = '23505';
const CHECK_VIOLATION = '23514';
const FOREIGN_KEY_VIOLATION = '23503';
const STRING_DATA_RIGHT_TRUNCATION = '22001';
const INVALID_TEXT_REPRESENTATION = '22P02';

/** `posts_title_check` → `title`, `profiles_avatar_url_check` → `avatarUrl` (schema.ts naming). */
function fieldOfConstraint(constraint: string | undefined): string {
  const column = constraint?.match(/^(?:users|profiles|posts|tags)_(\w+)_check$/)?.[1];
  return column ? column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) : 'input';
}

/**
 * The one place where a database error becomes a ContractError. The zod schemas reject bad input
 * first; this covers what only the database can know (uniqueness, a vanished user, races).
 */
export function toContractError(error: unknown): unknown {
  const cause = error instanceof DrizzleQueryError ? error.cause : error;
  // PostgreSQL's error as the WebSocket driver (pg's DatabaseError) or the HTTP driver reports it.
  if (!(cause instanceof DatabaseError || cause instanceof NeonDbError)) return error;
  switch (cause.code) {
    case UNIQUE_VIOLATION:
      return new ContractError(
        'CONFLICT',
        cause.constraint === 'users_email_key' ? ACCOUNT_MESSAGES.emailTaken : 'Already exists',
      );
    case CHECK_VIOLATION:
    case STRING_DATA_RIGHT_TRUNCATION: {
      const field = fieldOfConstraint(cause.constraint);
      return ContractError.validation({
        [field]: [`Rejected by the database (${cause.constraint ?? cause.code})`],
      });
    }
    case FOREIGN_KEY_VIOLATION:
      // Every foreign key a client write can miss points at the acting user: it was deleted.
      return userGone();
    case INVALID_TEXT_REPRESENTATION:
      return new ContractError('NOT_FOUND', 'Not found');
    default:
      return error;
  }
}

/** Wraps a data-layer operation so that no raw driver error escapes it. */
export function withContractErrors<Args extends unknown[], Result>(
  operation: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await operation(...args);
    } catch (error) {
      throw toContractError(error);
    }
  };
}
