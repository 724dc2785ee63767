import { expect } from 'vitest';
import { ContractError, type ErrorCode, type Post } from '@parity/domain';

/** SPEC.md §1: every timestamp crossing the interface. */
export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Awaits a call that must fail with a ContractError of `code`; for VALIDATION, `fields` is the
 * exact set of field names reported. Any other error (driver, PostgREST, Convex) fails the test.
 */
export async function expectContractError(
  call: Promise<unknown>,
  code: 'VALIDATION',
  fields: readonly string[],
): Promise<ContractError>;
export async function expectContractError(
  call: Promise<unknown>,
  code: Exclude<ErrorCode, 'VALIDATION'>,
): Promise<ContractError>;
export async function expectContractError(
  call: Promise<unknown>,
  code: ErrorCode,
  fields?: readonly string[],
): Promise<ContractError> {
  let thrown: unknown;
  try {
    await call;
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) expect.fail(`expected ContractError ${code}, but the call succeeded`);
  if (!(thrown instanceof ContractError)) {
    expect.fail(`expected ContractError ${code}, got ${describeThrown(thrown)}`);
  }
  expect(thrown.code, thrown.message).toBe(code);
  if (code === 'VALIDATION') {
    expect(Object.keys(thrown.fields ?? {}).sort()).toEqual([...(fields ?? [])].sort());
    for (const messages of Object.values(thrown.fields ?? {})) {
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(message).toEqual(expect.any(String));
    }
  }
  return thrown;
}

function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return `${thrown.constructor.name}: ${thrown.message}`;
  return JSON.stringify(thrown);
}

/**
 * Sends input that the TypeScript types forbid (unknown fields, wrong types), to prove that the
 * platform itself validates and not only the compiler.
 */
export function unchecked<T>(value: unknown): T {
  return value as T;
}

/**
 * listPosts order is (createdAt desc, id desc) on the platform's full-precision createdAt; the
 * ISO string has milliseconds only, so equal strings may legally come in either id order.
 */
export function expectNewestFirst(posts: readonly Post[]): void {
  for (let i = 1; i < posts.length; i++) {
    const [newer, older] = [posts[i - 1]!, posts[i]!];
    expect(newer.createdAt >= older.createdAt, `${newer.id} listed before the newer ${older.id}`).toBe(true);
  }
}

/** ISO timestamps of one format compare as strings exactly like the instants they name. */
export function expectAfter(later: string, earlier: string): void {
  expect(later > earlier, `${later} should be after ${earlier}`).toBe(true);
}

export function expectNotBefore(later: string, earlier: string): void {
  expect(later >= earlier, `${later} should not be before ${earlier}`).toBe(true);
}

/**
 * The platform's clock is authoritative; a timestamp it sets only has to be "now": between a
 * minute before the call started and a minute after it returned.
 */
export function expectCurrentTime(timestamp: string, callStartedAt: number): void {
  expect(Date.parse(timestamp)).toBeGreaterThan(callStartedAt - 60_000);
  expect(Date.parse(timestamp)).toBeLessThan(Date.now() + 60_000);
}

export function ids(records: readonly { id: string }[]): string[] {
  return records.map((record) => record.id);
}

/** Asserts two id lists hold the same ids, ignoring order. */
export function expectSameIds(actual: readonly string[], expected: readonly string[]): void {
  expect([...actual].sort()).toEqual([...expected].sort());
}

/** 'ok', or the code of the ContractError the call failed with; any other error fails the test. */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof ContractError) return error.code;
    throw error;
  }
}
