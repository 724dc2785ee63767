import { type AuthSettings } from './settings';

/** A GoTrue error: HTTP status, machine-readable `error_code` and human message. */
export class GoTrueError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** GoTrue's body shape depends on the X-Supabase-Api-Version the client sent. */
  toBody(apiVersion2024: boolean): Record<string, unknown> {
    return apiVersion2024
      ? { code: this.errorCode, msg: this.message, ...this.extra }
      : { code: this.status, error_code: this.errorCode, msg: this.message, ...this.extra };
  }
}

export const invalidCredentials = (): GoTrueError =>
  new GoTrueError(400, 'invalid_credentials', 'Invalid login credentials');

// GoTrue refuses longer passwords: bcrypt reads only 72 bytes.
const maxPasswordBytes = 72;

/**
 * GoTrue's password strength check with the project's settings: a byte length between the
 * configured minimum and 72, and one character of each required set.
 */
export function checkPassword(password: unknown, settings: AuthSettings): string {
  if (typeof password !== 'string' || password === '')
    throw new GoTrueError(400, 'validation_failed', 'Signup requires a valid password');
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes > maxPasswordBytes) {
    throw new GoTrueError(
      400,
      'validation_failed',
      `Password cannot be longer than ${maxPasswordBytes} characters`,
    );
  }
  const reasons: string[] = [];
  const messages: string[] = [];
  if (bytes < settings.minimumPasswordLength) {
    reasons.push('length');
    messages.push(`Password should be at least ${settings.minimumPasswordLength} characters.`);
  }
  const missesASet = settings.requiredCharacters.some(
    (set) => set !== '' && ![...password].some((character) => set.includes(character)),
  );
  if (missesASet) {
    reasons.push('characters');
    messages.push(
      `Password should contain at least one character of each: ${settings.requiredCharacters.join(', ')}.`,
    );
  }
  if (reasons.length > 0) {
    throw new GoTrueError(422, 'weak_password', messages.join(' '), { weak_password: { reasons } });
  }
  return password;
}

export function checkEmail(email: unknown): string {
  const normalized = typeof email === 'string' ? email.trim().toLowerCase() : '';
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(normalized) || normalized.length > 255) {
    throw new GoTrueError(400, 'validation_failed', 'Unable to validate email address: invalid format');
  }
  return normalized;
}
