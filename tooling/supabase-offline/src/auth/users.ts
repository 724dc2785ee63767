import bcrypt from 'bcryptjs';
import { type IncomingMessage } from 'node:http';
import { bearerToken } from '../http';
import { type Claims, JwtInvalidError, type JwtSigner } from '../keys';
import { GoTrueError } from './errors';
import { type UserRow } from './store';

export type JsonObject = Record<string, unknown>;

export const asObject = (value: unknown): JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};

/** A bcrypt hash at the settings' cost (AuthSettings.passwordHashCost). */
export const hashPassword = (password: string, cost: number): Promise<string> => bcrypt.hash(password, cost);

export const passwordMatches = (password: string, hash: string | null): Promise<boolean> =>
  hash === null ? Promise.resolve(false) : bcrypt.compare(password, hash);

/** The user object as GoTrue serializes it. */
export function userJson(user: UserRow): JsonObject {
  return {
    id: user.id,
    aud: user.aud ?? 'authenticated',
    role: user.role ?? 'authenticated',
    email: user.email ?? '',
    email_confirmed_at: user.email_confirmed_at?.toISOString() ?? null,
    phone: '',
    confirmed_at: user.email_confirmed_at?.toISOString() ?? null,
    last_sign_in_at: user.last_sign_in_at?.toISOString() ?? null,
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: [],
    created_at: user.created_at.toISOString(),
    updated_at: user.updated_at.toISOString(),
    is_anonymous: false,
  };
}

/** Merges GoTrue-style: given keys replace, `null` removes a key. */
export function mergeMetadata(current: JsonObject, patch: JsonObject): JsonObject {
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** The verified claims of the request's Bearer token, refused as GoTrue refuses them. */
export async function bearerClaims(request: IncomingMessage, signer: JwtSigner): Promise<Claims> {
  const token = bearerToken(request);
  if (token === null) throw new GoTrueError(401, 'no_authorization', 'This endpoint requires a Bearer token');
  try {
    return await signer.verify(token);
  } catch (error) {
    if (!(error instanceof JwtInvalidError)) throw error;
    throw new GoTrueError(
      403,
      'bad_jwt',
      `invalid JWT: unable to parse or verify signature, ${error.message}`,
    );
  }
}
