import { parseId, parseInput } from '@parity/domain';
import { convexToJson, type Value } from 'convex/values';
import type { z } from 'zod';

/**
 * An input object as a Convex argument. Convex values cannot carry every JavaScript value: a field
 * name starting with `$`, holding a non-ASCII character or named `__proto__`, a Symbol, a
 * function, something else than an object where the function takes a record. No such call can reach a function, so the
 * client answers it as the function would (its first step is the same domain schema): VALIDATION
 * naming every bad field. Everything Convex can carry goes to the function, which decides: typed
 * as the schema's input, which the function's arguments are, though only the function checks it.
 */
export function inputArgument<S extends z.ZodType>(schema: S, input: unknown): z.input<S> {
  if (isRecord(input) && canCarry(input)) return input as z.input<S>;
  parseInput(schema, input);
  // The schema accepted what Convex cannot carry: no input the contract allows is like that.
  throw new Error('A valid input that Convex cannot carry as an argument');
}

/** A list argument (setPostTags), under the same rule. */
export function listArgument<S extends z.ZodType>(schema: S, field: string, list: unknown): string[] {
  if (canCarry(list)) return list as string[];
  parseInput(schema, { [field]: list });
  throw new Error('A valid input that Convex cannot carry as an argument');
}

/** An id argument: a string (a malformed one names no document); anything else is VALIDATION on `id`. */
export const idArgument = (id: unknown): string => parseId(id);

function isRecord(value: unknown): value is Record<string, Value> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether Convex's own serializer carries the value unchanged: convexToJson throws on what it
 * cannot encode, and silently loses an own `__proto__` key (it assigns keys to a plain object).
 * A field set to undefined is dropped too, which is what the domain makes of it (not given).
 */
function canCarry(value: unknown): boolean {
  let json: unknown;
  try {
    json = convexToJson(value as Value);
  } catch {
    return false;
  }
  return (
    !isRecord(value) ||
    Object.entries(value).every(([key, field]) => field === undefined || Object.hasOwn(json as object, key))
  );
}
