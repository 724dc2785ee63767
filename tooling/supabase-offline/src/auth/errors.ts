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

export function checkPassword(password: unknown): string {
  if (typeof password !== 'string' || password === '')
    throw new GoTrueError(422, 'validation_failed', 'Password is required');
  if ([...password].length < 6) {
    throw new GoTrueError(422, 'weak_password', 'Password should be at least 6 characters.', {
      weak_password: { reasons: ['length'] },
    });
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
