import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ContractError,
  type FieldErrors,
  createPostInput,
  editPostInput,
  parseInput,
  setPostTagsInput,
  signUpInput,
  updateMeInput,
  updatePostInput,
  upsertProfileInput,
} from '@parity/domain';
import type { z } from 'zod';
import {
  type FieldArbitraries,
  hostileObject,
  notAnObject,
  unusualText,
  wrongValue,
} from '../generators/hostile';
import { unchecked } from './assertions';
import type { ContractContext, Member } from './context';
import { publishedPost } from './fixtures';

/** Inputs per write operation and platform; PARITY_FUZZ_RUNS raises it, PARITY_FUZZ_SEED replays. */
const RUNS = Number(process.env['PARITY_FUZZ_RUNS'] ?? 1_000);
const SEED = Number(process.env['PARITY_FUZZ_SEED'] ?? Date.now() % 2 ** 31);
// Reads are compared with their values before the run this often, and at the end.
const CHECK_EVERY = 100;

const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: max }).map((s) => `x${s.trim()}`.slice(0, max));

interface Target {
  member: Member;
  postId: string;
}

interface FuzzOperation {
  name: string;
  /** The domain's rule for the input: the oracle for which fields are bad. */
  schema: z.ZodType;
  /** The schema sees what the operation's input is (setPostTags passes a list, not an object). */
  asSchemaInput?: (input: unknown) => unknown;
  fields: FieldArbitraries;
  call(ctx: ContractContext, target: Target, input: unknown): Promise<unknown>;
  /** Every read the operation could change, to prove a rejected call changed nothing. */
  reads(ctx: ContractContext, target: Target): Promise<unknown>;
}

const postReads = async (ctx: ContractContext, { member, postId }: Target) => ({
  post: await member.client.getPost(postId),
  log: await member.client.auditLog(postId),
  own: await member.client.listPosts({ authorId: member.user.id, limit: 100 }),
  tags: await ctx.anonymous().listTags(),
});

const OPERATIONS = {
  signUp: {
    name: 'signUp',
    schema: signUpInput,
    fields: { email: fc.emailAddress(), name: text(80) },
    call: (ctx, _, input) => ctx.platform().signUp(unchecked(input)),
    reads: async (ctx) => ({ posts: await ctx.anonymous().listPosts({ limit: 100 }) }),
  },
  updateMe: {
    name: 'updateMe',
    schema: updateMeInput,
    fields: { name: text(80) },
    call: (_, { member }, input) => member.client.updateMe(unchecked(input)),
    reads: async (_, { member }) => ({
      me: await member.client.me(),
      user: await member.client.getUser(member.user.id),
    }),
  },
  upsertProfile: {
    name: 'upsertProfile',
    schema: upsertProfileInput,
    fields: {
      bio: fc.option(text(280), { nil: null }),
      avatarUrl: fc.option(
        fc.webUrl().map((url) => url.replace(/^http:/, 'https:')),
        { nil: null },
      ),
    },
    call: (_, { member }, input) => member.client.upsertProfile(unchecked(input)),
    reads: async (_, { member }) => ({ profile: await member.client.getProfile(member.user.id) }),
  },
  createPost: {
    name: 'createPost',
    schema: createPostInput,
    fields: {
      title: text(200),
      content: fc.option(text(500), { nil: null }),
      published: fc.boolean(),
      tags: fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/), { maxLength: 4 }),
    },
    call: (_, { member }, input) => member.client.createPost(unchecked(input)),
    reads: postReads,
  },
  updatePost: {
    name: 'updatePost',
    schema: updatePostInput,
    fields: { title: text(200), content: fc.option(text(500), { nil: null }), published: fc.boolean() },
    call: (_, { member, postId }, input) => member.client.updatePost(postId, unchecked(input)),
    reads: postReads,
  },
  setPostTags: {
    name: 'setPostTags',
    schema: setPostTagsInput,
    asSchemaInput: (tags) => ({ tags }),
    fields: {},
    call: (_, { member, postId }, input) => member.client.setPostTags(postId, unchecked(input)),
    reads: postReads,
  },
  editPost: {
    name: 'editPost',
    schema: editPostInput,
    fields: {
      title: text(200),
      content: fc.option(text(500), { nil: null }),
      published: fc.boolean(),
      tags: fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/), { maxLength: 4 }),
    },
    call: (_, { member, postId }, input) => member.client.editPost(postId, unchecked(input)),
    reads: postReads,
  },
} satisfies Record<string, FuzzOperation>;

/** setPostTags takes a list: hostile lists and hostile values in place of one. */
const hostileTags = fc.oneof(
  fc.array(fc.oneof(wrongValue, unusualText, fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/)), {
    maxLength: 12,
  }),
  wrongValue,
  fc.object({ maxDepth: 2 }),
);

/** The fields the domain rejects, or null when it accepts the input. */
function domainVerdict(operation: FuzzOperation, input: unknown): string[] | null {
  try {
    parseInput(operation.schema, operation.asSchemaInput ? operation.asSchemaInput(input) : input);
    return null;
  } catch (error) {
    if (error instanceof ContractError) return Object.keys(error.fields ?? {}).sort();
    throw error;
  }
}

function describeInput(input: unknown): string {
  if (typeof input === 'symbol') return input.toString();
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    return `{${Object.entries(input)
      .map(
        ([key, value]) =>
          `${JSON.stringify(key)}: ${typeof value === 'symbol' ? value.toString() : JSON.stringify(value)?.slice(0, 80)}`,
      )
      .join(', ')}}`;
  }
  return String(JSON.stringify(input)).slice(0, 80);
}

export function describeFuzz(ctx: ContractContext): void {
  describe('hostile input: fuzzed writes', () => {
    beforeAll(() => {
      console.info(`fuzz: ${RUNS} malformed inputs per write operation, PARITY_FUZZ_SEED=${SEED}`);
    });

    // Titles are literals, so that the README's rule → test map can find them.
    const budget = 300_000;
    it(
      'signUp answers every malformed input with VALIDATION naming the domain’s fields, and changes nothing',
      () => fuzz(ctx, OPERATIONS.signUp),
      budget,
    );
    it(
      'updateMe answers every malformed input with VALIDATION naming the domain’s fields, and changes nothing',
      () => fuzz(ctx, OPERATIONS.updateMe),
      budget,
    );
    it(
      'upsertProfile answers every malformed input with VALIDATION naming the domain’s fields, and changes nothing',
      () => fuzz(ctx, OPERATIONS.upsertProfile),
      budget,
    );
    it(
      'createPost answers every malformed input with VALIDATION naming the domain’s fields, and changes nothing',
      () => fuzz(ctx, OPERATIONS.createPost),
      budget,
    );
    it(
      'updatePost answers every malformed input with VALIDATION naming the domain’s fields, and changes nothing',
      () => fuzz(ctx, OPERATIONS.updatePost),
      budget,
    );
    it(
      'setPostTags answers every malformed input with VALIDATION naming the domain’s fields, and changes nothing',
      () => fuzz(ctx, OPERATIONS.setPostTags),
      budget,
    );
    it(
      'editPost answers every malformed input with VALIDATION naming the domain’s fields, and changes nothing',
      () => fuzz(ctx, OPERATIONS.editPost),
      budget,
    );
  });
}

/**
 * RUNS generated inputs the domain rejects, each sent to the platform: the answer must be
 * VALIDATION naming exactly the domain's fields, and the reads must stay as they were.
 */
async function fuzz(ctx: ContractContext, operation: FuzzOperation): Promise<void> {
  const member = await ctx.signUp('Fuzz target');
  const post = await publishedPost(member.client, { title: 'Target', tags: ['kept'] });
  const target = { member, postId: post.id };
  const before = await operation.reads(ctx, target);
  const generated =
    operation.name === 'setPostTags'
      ? hostileTags
      : fc.oneof(
          { weight: 9, arbitrary: hostileObject(operation.fields) },
          { weight: 1, arbitrary: notAnObject },
        );
  const inputs = generated.filter((input) => domainVerdict(operation, input) !== null);

  let calls = 0;
  await fc
    .assert(
      fc.asyncProperty(inputs, async (input) => {
        const expected = domainVerdict(operation, input)!;
        let thrown: unknown;
        try {
          await operation.call(ctx, target, input);
        } catch (error) {
          thrown = error;
        }
        const where = `${operation.name}(${describeInput(input)})`;
        if (!(thrown instanceof ContractError)) {
          const got = thrown === undefined ? 'success' : String(thrown);
          expect.fail(`${where}: expected VALIDATION on ${expected.join(', ')}, got ${got}`);
        }
        expect(thrown.code, `${where}: ${thrown.message}`).toBe('VALIDATION');
        expect(Object.keys(thrown.fields as FieldErrors).sort(), where).toEqual(expected);
        if (++calls % CHECK_EVERY === 0) expect(await operation.reads(ctx, target), where).toEqual(before);
      }),
      { numRuns: RUNS, seed: SEED },
    )
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\nReplay: PARITY_FUZZ_SEED=${SEED}`, { cause: error });
    });
  expect(await operation.reads(ctx, target)).toEqual(before);
  expect(calls).toBeGreaterThanOrEqual(RUNS);
}
