import { ConvexError } from 'convex/values';
import { ContractError, parseInput, type ErrorCode } from '@parity/domain';
import type { z } from 'zod';

/**
 * Expected failures leave a function as ConvexError carrying the contract's plain error data
 * `{code, message, fields}`: ConvexError is the one error whose data reaches clients intact.
 */
export function contractFailure(error: ContractError): ConvexError<ReturnType<ContractError['toJSON']>> {
  return new ConvexError(error.toJSON());
}

export function fail(code: Exclude<ErrorCode, 'VALIDATION'>, message: string): never {
  throw contractFailure(new ContractError(code, message));
}

/** The shared domain rules (`parseInput`), with their VALIDATION leaving as ConvexError. */
export function parseArgs<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return rethrowContractErrors(() => parseInput(schema, input));
}

/** Runs domain code that may throw ContractError (cursor decoding, parsing) inside a function. */
export function rethrowContractErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ContractError) throw contractFailure(error);
    throw error;
  }
}
