import { ContractError, contractErrorFromData } from '@parity/domain';
import { ConvexError } from 'convex/values';

/**
 * The one place Convex errors become contract errors, for the pages and the contract adapter
 * alike: ConvexError data is the contract's `{code, message, fields}`. A ContractError passes
 * as it is (an argument Convex cannot carry is answered before the call, convex-args.ts).
 * Anything else is a bug in a function and fails loudly as one.
 */
export async function mapErrors<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ContractError) throw error;
    const contractError = error instanceof ConvexError ? contractErrorFromData(error.data) : null;
    if (contractError) throw contractError;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Unexpected Convex failure: ${message}`, { cause: error });
  }
}
