/// <reference types="vite/client" />
import type { Platform } from '@parity/contract';
import { convexTest, type TestConvexForDataModel } from 'convex-test';
import type { FunctionReference } from 'convex/server';
import type { DataModel } from '../convex/_generated/dataModel';
import { api, internal } from '../convex/_generated/api';
import schema from '../convex/schema';
import { type Backend, createClient, mapErrors } from './client';

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
  let identities = 0;
  return {
    name: 'convex',
    async reset() {
      while (await t.mutation(internal.testing.resetDomainTables));
    },
    anonymous: () => createClient(testBackend(t)),
    async signUp(account) {
      // What an identity provider does at sign-in (a new subject), then the app's user document.
      const member = t.withIdentity({ subject: `member-${++identities}`, email: account.email });
      await mapErrors(member.mutation(api.users.signUp, { account }));
      return createClient(testBackend(member));
    },
    async close() {},
  };
}

// convex-test's call signatures also accept inline functions, a conditional type that a generic
// wrapper cannot pass through; instantiated at FunctionReference they take a reference and args.
export function testBackend(accessor: TestConvexForDataModel<DataModel>): Backend {
  return {
    query: (fn, args) => accessor.query<FunctionReference<'query'>>(fn, args),
    mutation: (fn, args) => accessor.mutation<FunctionReference<'mutation'>>(fn, args),
  };
}
