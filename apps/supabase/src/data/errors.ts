import { ACCOUNT_MESSAGES, ContractError } from '@parity/domain';
import type { AuthError, PostgrestError, PostgrestSingleResponse } from '@supabase/supabase-js';

/** CHECK constraints (migrations: <table>_<column>_check) → the contract's input field names. */
const CHECK_FIELDS: Record<string, string> = {
  users_email_check: 'email',
  users_name_check: 'name',
  profiles_bio_check: 'bio',
  profiles_avatar_url_check: 'avatarUrl',
  posts_title_check: 'title',
  posts_content_check: 'content',
  tags_name_check: 'tags',
  post_tags_limit_check: 'tags',
};

/** The data of a PostgREST response, or its error as a ContractError. */
export function dataOrThrow<T>(response: PostgrestSingleResponse<T>): T {
  if (response.error) throw fromPostgrestError(response.error, response.status);
  return response.data;
}

/**
 * The one place where PostgREST errors become ContractErrors (an unexpected one becomes a plain
 * Error: a bug to fix, not a contract outcome). The database is the second line
 * of defence (inputs are validated with @parity/domain first), so a CHECK violation here still
 * names its field. `status` tells anon (401) from a signed-in caller (403) on 42501.
 */
export function fromPostgrestError(error: PostgrestError, status: number): Error {
  switch (error.code) {
    case '23505':
      return new ContractError('CONFLICT', 'Already exists');
    case '23514': {
      const constraint = /\b([a-z_]+_check)\b/.exec(error.message)?.[1];
      const field = constraint ? CHECK_FIELDS[constraint] : undefined;
      return ContractError.validation({ [field ?? 'input']: [error.message] });
    }
    case '42501':
      return status === 401
        ? new ContractError('UNAUTHENTICATED', 'Sign in first')
        : new ContractError('FORBIDDEN', 'Only the owner may do this');
    // The caller's account was deleted while its token is still valid (a foreign key to it
    // fails, or delete_me finds no account).
    case '23503':
    case '28000':
      return new ContractError('UNAUTHENTICATED', 'The account no longer exists');
    case 'PGRST301':
    case 'PGRST302':
    case 'PGRST303':
      return new ContractError('UNAUTHENTICATED', 'The session is invalid or expired');
    // no_data_found (rpc), zero rows for .single(), a malformed uuid, a deleted post's row.
    case 'P0002':
    case 'PGRST116':
    case '22P02':
    case '55000':
      return new ContractError('NOT_FOUND', 'Not found');
    default:
      return new Error(`Unexpected PostgREST error ${error.code}: ${error.message}`, { cause: error });
  }
}

/** GoTrue errors of sign-up and sign-in, by their documented error codes. */
export function fromAuthError(error: AuthError): Error {
  switch (error.code) {
    case 'user_already_exists':
    case 'email_exists':
      return new ContractError('CONFLICT', ACCOUNT_MESSAGES.emailTaken);
    case 'email_address_invalid':
      return ContractError.validation({ email: [error.message] });
    case 'weak_password':
      return ContractError.validation({ password: [error.message] });
    case 'invalid_credentials':
      return new ContractError('UNAUTHENTICATED', ACCOUNT_MESSAGES.wrongCredentials);
    default:
      return new Error(`Unexpected auth error ${error.code ?? error.status}: ${error.message}`, {
        cause: error,
      });
  }
}
