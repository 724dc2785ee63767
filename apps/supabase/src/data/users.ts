import {
  ContractError,
  parseInput,
  passwordSchema,
  signUpInput,
  toIsoTimestamp,
  updateMeInput,
  type PublicUser,
  type User,
  withField,
} from '@parity/domain';
import { z } from 'zod';
import type { Supabase } from './supabase/types';
import { dataOrThrow, fromAuthError } from './errors';
import { isUuid } from './ids';
import { requireSessionUser, sessionUser, type SessionUser } from './session';

// The password rule (SPEC.md §7) is checked here with the other fields, so that every field
// error shows at once; Supabase Auth enforces the same minimum (config.toml).
const signUpCredentials = signUpInput.extend({ password: passwordSchema });
const signInCredentials = signUpInput
  .pick({ email: true })
  .extend({ password: z.string().min(1, 'Required') });

// users.email is not readable through the API (column grants): a user's own email comes from
// their session, which GoTrue issued for exactly that address.
const USER_COLUMNS = 'id, name, created_at, updated_at';

type UserRow = { id: string; name: string; created_at: string; updated_at: string };

function toUser(row: UserRow, session: SessionUser): User {
  return {
    id: row.id,
    email: session.email,
    name: row.name,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

/**
 * Signs up through GoTrue; the name travels as user metadata and the on_auth_user_created
 * trigger creates public.users in the same transaction. Validated here first for field errors.
 */
export async function signUp(
  supabase: Supabase,
  input: { email: string; name: string },
  password: string,
): Promise<void> {
  const credentials = parseInput(signUpCredentials, withField(input, 'password', password));
  const { data, error } = await supabase.auth.signUp({
    email: credentials.email,
    password: credentials.password,
    options: { data: { name: credentials.name } },
  });
  if (error) throw fromAuthError(error);
  if (!data.session) {
    throw new Error(
      'Sign-up returned no session: turn off email confirmations ([auth.email] in config.toml)',
    );
  }
}

/** Signs in with email and password; the email is normalized as at sign-up. */
export async function signIn(supabase: Supabase, input: { email: string; password: string }): Promise<void> {
  const credentials = parseInput(signInCredentials, input);
  const { error } = await supabase.auth.signInWithPassword(credentials);
  if (error) throw fromAuthError(error);
}

/** Ends this session only (other devices stay signed in), as signing out of one browser should. */
export async function signOut(supabase: Supabase): Promise<void> {
  const { error } = await supabase.auth.signOut({ scope: 'local' });
  if (error) throw fromAuthError(error);
}

export async function me(supabase: Supabase): Promise<User | null> {
  const session = await sessionUser(supabase);
  if (!session) return null;
  const row = dataOrThrow(
    await supabase.from('users').select(USER_COLUMNS).eq('id', session.id).maybeSingle(),
  );
  return row && toUser(row, session);
}

export async function getUser(supabase: Supabase, id: string): Promise<PublicUser | null> {
  if (!isUuid(id)) return null;
  const row = dataOrThrow(
    await supabase.from('users').select('id, name, created_at').eq('id', id).maybeSingle(),
  );
  return row && { id: row.id, name: row.name, createdAt: toIsoTimestamp(row.created_at) };
}

export async function updateMe(supabase: Supabase, patch: { name?: string }): Promise<User> {
  const session = await requireSessionUser(supabase);
  const { name } = parseInput(updateMeInput, patch);
  // The update returns only USER_COLUMNS, so the column grants on users.email do not refuse it.
  const users = supabase.from('users');
  const query = name === undefined ? users.select(USER_COLUMNS) : users.update({ name }).select(USER_COLUMNS);
  const row = dataOrThrow(await query.eq('id', session.id).maybeSingle());
  if (!row) throw new ContractError('UNAUTHENTICATED', 'The account no longer exists');
  return toUser(row, session);
}

/**
 * One rpc deletes the account: delete_me() removes the caller's auth.users row, and the foreign
 * keys cascade to the profile, posts, post tags and audit entries. Then the session is dropped.
 */
export async function deleteMe(supabase: Supabase): Promise<void> {
  await requireSessionUser(supabase);
  dataOrThrow(await supabase.rpc('delete_me'));
  await supabase.auth.signOut({ scope: 'local' });
}
