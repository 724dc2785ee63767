import type { DatabaseError } from 'pg-protocol';

/** Neon's proxy messages, word for word, for the cases the local proxy reproduces. */
export const neonMessages = {
  endpointNotFound:
    "The requested endpoint could not be found, or you don't have access to it. Please check the provided ID and try again.",
  passwordFailed: (user: string) => `password authentication failed for user '${user}'`,
};

/** Every PostgreSQL error field Neon's HTTP error JSON carries (and the driver copies onto NeonDbError). */
const DATABASE_ERROR_FIELDS = [
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'severity',
  'where',
  'table',
  'column',
  'schema',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

export type HttpErrorBody = { message: string } & Record<
  (typeof DATABASE_ERROR_FIELDS)[number],
  string | null
>;

/**
 * The JSON body of a failed /sql request as Neon writes it: PostgreSQL's fields when the database
 * raised the error; otherwise `code` and `severity` are empty strings and the rest null.
 */
export function httpErrorBody(message: string, databaseError?: DatabaseError): HttpErrorBody {
  const body = { message } as HttpErrorBody;
  for (const field of DATABASE_ERROR_FIELDS) {
    const value = databaseError?.[field];
    body[field] = value ?? (field === 'code' || field === 'severity' ? '' : null);
  }
  return body;
}

const INTERNAL_ERROR = 'XX000';

/** A PostgreSQL ErrorResponse as Neon's proxy writes its own errors: severity ERROR, SQLSTATE XX000. */
export function errorResponse(message: string, code = INTERNAL_ERROR): Buffer {
  const fields = Buffer.concat([Buffer.from(`SERROR\0C${code}\0M${message}\0`, 'utf8'), Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}
