import { DatabaseError } from 'pg';

/** An error answered in PostgREST's shape: `{ code, message, details, hint }`. */
export class PostgrestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string | object | null = null,
    readonly hint: string | null = null,
  ) {
    super(message);
  }

  toJSON(): { code: string; message: string; details: string | object | null; hint: string | null } {
    return { code: this.code, message: this.message, details: this.details, hint: this.hint };
  }
}

export const parseError = (message: string, details: string | null = null): PostgrestError =>
  new PostgrestError(400, 'PGRST100', message, details);

/** HTTP status for a PostgreSQL SQLSTATE, following PostgREST's documented table. */
export function statusForSqlState(sqlState: string, authenticated: boolean): number {
  const exact: Record<string, number> = {
    '23503': 409,
    '23505': 409,
    '25006': 405,
    '53400': 500,
    P0001: 400,
    '42883': 404,
    '42P01': 404,
    '42P17': 500,
  };
  const known = exact[sqlState];
  if (known !== undefined) return known;
  if (sqlState === '42501') return authenticated ? 403 : 401;
  // RAISE with SQLSTATE 'PTxyz' answers with HTTP status xyz.
  const custom = /^PT(\d{3})$/.exec(sqlState);
  if (custom?.[1] !== undefined) return Number(custom[1]);
  const byClass: Record<string, number> = {
    '08': 503,
    '09': 500,
    '0L': 403,
    '0P': 403,
    '25': 500,
    '28': 403,
    '2D': 500,
    '38': 500,
    '39': 500,
    '3B': 500,
    '40': 500,
    '53': 503,
    '54': 500,
    '55': 500,
    '57': 500,
    '58': 500,
    F0: 500,
    HV: 500,
    P0: 500,
    XX: 500,
  };
  return byClass[sqlState.slice(0, 2)] ?? 400;
}

function fromDatabaseError(error: DatabaseError, authenticated: boolean): PostgrestError {
  const code = error.code ?? 'XX000';
  return new PostgrestError(
    statusForSqlState(code, authenticated),
    code,
    error.message,
    error.detail ?? null,
    error.hint ?? null,
  );
}

export function toPostgrestError(error: unknown, authenticated: boolean): PostgrestError {
  if (error instanceof PostgrestError) return error;
  if (error instanceof DatabaseError) return fromDatabaseError(error, authenticated);
  throw error;
}
