import { parseId } from '@parity/domain';

// Ids are uuids here; anything else names no record, so it never reaches the database.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether an id argument can name a record: a string that is no uuid names none; a value that is
 * not a string at all (a Symbol, a number) is VALIDATION on `id` (parseId), never coerced.
 */
export function isUuid(id: unknown): id is string {
  return UUID.test(parseId(id));
}
