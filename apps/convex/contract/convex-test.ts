/// <reference types="vite/client" />
import type { Platform } from '@parity/contract';
import { convexTest, type TestConvexForDataModel } from 'convex-test';
import type { FunctionReference } from 'convex/server';
import type { DataModel } from '../convex/_generated/dataModel';
import { api, internal } from '../convex/_generated/api';
import schema from '../convex/schema';
import { signUpArgs, subjectOf, tokenOf } from './auth';
import { mapErrors } from '../src/data/contract-errors';
import { type Backend, createClient } from './client';

// Every Convex module, `_generated` included (convex-test finds the functions' root by it), but
// not declaration files nor auth.config.ts, which configures the deployment and holds no functions.
export const modules = import.meta.glob([
  '../convex/**/*.ts',
  '../convex/_generated/*.js',
  '!../convex/**/*.d.ts',
  '!../convex/auth.config.ts',
]);

/** The contract platform on convex-test: the real schema and functions, an in-memory backend. */
export async function createTestPlatform(): Promise<Platform> {
  const t = convexTest(schema, modules);
  return {
    name: 'convex',
    async reset() {
      while (await t.mutation(internal.testing.resetDomainTables));
    },
    anonymous: () => createClient(testBackend(t)),
    signUp: async (account) => createClient(testBackend(await signUpMember(t, account))),
    async close() {},
  };
}

/**
 * The app's sign-up: Convex Auth's signIn action, then an accessor calling as the identity that
 * a deployment derives from the returned token (its `sub`, `<userId>|<sessionId>`).
 */
export async function signUpMember(
  t: TestConvexForDataModel<DataModel>,
  account: { email: string; name: string },
): Promise<TestConvexForDataModel<DataModel>> {
  const result = await mapErrors(t.action(api.auth.signIn, signUpArgs(account)));
  return t.withIdentity({ subject: subjectOf(tokenOf(result)) });
}

// convex-test's call signatures also accept inline functions, a conditional type that a generic
// wrapper cannot pass through; instantiated at FunctionReference they take a reference and args.
export function testBackend(accessor: TestConvexForDataModel<DataModel>): Backend {
  return {
    query: (fn, args) => accessor.query<FunctionReference<'query'>>(fn, args),
    mutation: (fn, args) => accessor.mutation<FunctionReference<'mutation'>>(fn, args),
  };
}
