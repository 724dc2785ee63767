import { expect } from 'vitest';
import type { z } from 'zod';
import { ContractError } from '../src/errors';
import { parseInput } from '../src/schemas';

/** The field errors parseInput throws, or fails the test when it does not throw VALIDATION. */
export function validationFields(schema: z.ZodType, input: unknown): Record<string, string[]> {
  try {
    parseInput(schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    const contractError = error as ContractError;
    expect(contractError.code).toBe('VALIDATION');
    return contractError.fields ?? {};
  }
  throw new Error(`expected VALIDATION for ${JSON.stringify(input)}`);
}
