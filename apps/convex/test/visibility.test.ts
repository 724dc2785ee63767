import { convexTest } from 'convex-test';
import { getFunctionName, makeFunctionReference, type FunctionReference } from 'convex/server';
import { ConvexError } from 'convex/values';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { Client } from '@parity/contract';
import { api, internal } from '../convex/_generated/api';
import schema from '../convex/schema';
import { type Backend, createClient } from '../contract/client';
import { modules, signUpMember, testBackend } from '../contract/convex-test';
import { registeredFunctions } from './registered-functions';

/** The visibility of every function reference reachable in an api object, as a union. */
type Visibilities<T> =
  T extends FunctionReference<'query' | 'mutation' | 'action', infer V>
    ? V
    : { [K in keyof T]: Visibilities<T[K]> }[keyof T];

// convex-test runs internal functions for any caller; a deployment refuses them to clients.
// So these tests pin down what is internal and prove nothing a client uses is.
describe('public and internal functions', () => {
  it("the internal functions are Convex Auth's and the test reset; the public api names none", async () => {
    const internalNames = (await registeredFunctions()).filter((fn) => fn.visibility === 'internal');
    expect(internalNames.map((fn) => fn.name)).toEqual([
      'auth:isEmailTaken',
      'auth:store',
      'testing:resetDomainTables',
    ]);
    expect(getFunctionName(internal.testing.resetDomainTables)).toBe('testing:resetDomainTables');
    // Checked by `tsc` (pnpm typecheck): the generated `api` holds public references only.
    expectTypeOf<Visibilities<typeof api>>().toEqualTypeOf<'public'>();
    expectTypeOf<Visibilities<typeof internal>>().toEqualTypeOf<'internal'>();
    expectTypeOf(api).not.toHaveProperty('testing');
  });

  it('the internal reset refuses to run unless PARITY_ALLOW_RESET is true', async () => {
    const t = convexTest(schema, modules);
    vi.stubEnv('PARITY_ALLOW_RESET', 'false');
    try {
      await expect(t.mutation(internal.testing.resetDomainTables)).rejects.toThrow('PARITY_ALLOW_RESET');
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await t.mutation(internal.testing.resetDomainTables)).toBe(false);
  });

  it('the contract adapter calls public functions only, and every public function', async () => {
    const t = convexTest(schema, modules);
    const called = new Set<string>();
    const recording = (backend: Backend): Backend => ({
      query: (fn, args) => {
        called.add(getFunctionName(fn));
        return backend.query(fn, args);
      },
      mutation: (fn, args) => {
        called.add(getFunctionName(fn));
        return backend.mutation(fn, args);
      },
    });
    const member = await signUpMember(t, { email: 'ada@example.com', name: 'Ada' });
    await exerciseEveryMethod(createClient(recording(testBackend(member))));

    const functions = await registeredFunctions();
    const publicNames = functions.filter((fn) => fn.visibility === 'public').map((fn) => fn.name);
    // Convex Auth's own functions are called by its client (the adapter's signUp runs auth:signIn).
    expect([...called].sort()).toEqual(publicNames.filter((name) => !name.startsWith('auth:')));
  });
});

describe('identity', () => {
  /** Arguments that pass every public mutation's validators, so its handler really runs. */
  const ARGS: Record<string, Record<string, unknown>> = {
    'posts:createPost': { post: { title: 'Hello' } },
    'posts:updatePost': { postId: 'any', patch: { title: 'Hello' } },
    'posts:setPostTags': { postId: 'any', tags: ['a'] },
    'posts:editPost': { postId: 'any', edit: { title: 'Hello' } },
    'posts:deletePost': { postId: 'any' },
    'posts:restorePost': { postId: 'any' },
    'profiles:upsertProfile': { profile: { bio: 'Hi' } },
    'users:updateMe': { patch: { name: 'Ada' } },
    'users:deleteMe': {},
  };

  async function publicMutations(): Promise<string[]> {
    const names = (await registeredFunctions())
      .filter((fn) => fn.kind === 'mutation' && fn.visibility === 'public')
      .map((fn) => fn.name);
    // A new public mutation must be added above, so it cannot escape this test.
    expect(names).toEqual(Object.keys(ARGS).sort());
    return names;
  }

  async function expectUnauthenticated(call: Promise<unknown>): Promise<void> {
    const error: unknown = await call.then(
      () => expect.fail('the mutation succeeded'),
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string }>).data.code).toBe('UNAUTHENTICATED');
  }

  it('every public mutation rejects a caller without identity', async () => {
    const t = convexTest(schema, modules);
    for (const name of await publicMutations()) {
      await expectUnauthenticated(t.mutation(makeFunctionReference<'mutation'>(name), ARGS[name]!));
    }
    expect(await t.run((ctx) => ctx.db.query('users').take(1))).toEqual([]);
  });

  it('every public mutation rejects the identity of a deleted account', async () => {
    const member = await signUpMember(convexTest(schema, modules), { email: 'ada@example.com', name: 'Ada' });
    await member.mutation(api.users.deleteMe, {});
    for (const name of await publicMutations()) {
      await expectUnauthenticated(member.mutation(makeFunctionReference<'mutation'>(name), ARGS[name]!));
    }
  });
});

/** One call of each Client method, in an order where each has something to act on. */
async function exerciseEveryMethod(client: Client): Promise<void> {
  const me = (await client.me())!;
  await client.getUser(me.id);
  await client.updateMe({ name: 'Ada L.' });
  await client.upsertProfile({ bio: 'Hi' });
  await client.getProfile(me.id);
  const post = await client.createPost({ title: 'Hello', published: true, tags: ['intro'] });
  await client.getPost(post.id);
  await client.updatePost(post.id, { title: 'Hello again' });
  await client.setPostTags(post.id, ['intro', 'news']);
  await client.editPost(post.id, { title: 'Hello, edited', tags: ['intro', 'news'] });
  await client.listPosts({ tag: 'news' });
  await client.listTags();
  await client.deletePost(post.id);
  await client.restorePost(post.id);
  await client.auditLog(post.id);
  await client.deleteMe();
}
