import fc from 'fast-check';

/**
 * A sequence is data: who does what with which input. Users are `u0`…`u3` (signed up first),
 * `anon` is the visitor; posts are referred to by the order they were created (`p0`, `p1`…) or by
 * a malformed id; cursors by the order they were returned. The same sequence runs on every
 * platform, and a failing one shrinks and prints as code (code.ts).
 */
export type Actor = 'anon' | `u${number}`;
export type PostRef = { post: number } | { bad: string } | { userIdOf: number };

export type Operation =
  | { op: 'me' | 'listTags' | 'deleteMe' | 'signUpAgain'; as: Actor }
  | { op: 'getUser' | 'getProfile'; as: Actor; user: number }
  | { op: 'updateMe'; as: Actor; patch: Record<string, unknown> }
  | { op: 'upsertProfile'; as: Actor; input: Record<string, unknown> }
  | { op: 'createPost'; as: Actor; input: Record<string, unknown> }
  | { op: 'updatePost'; as: Actor; target: PostRef; patch: Record<string, unknown> }
  | { op: 'setPostTags'; as: Actor; target: PostRef; tags: unknown[] }
  | { op: 'editPost'; as: Actor; target: PostRef; edit: Record<string, unknown> }
  | { op: 'getPost' | 'deletePost' | 'restorePost' | 'auditLog'; as: Actor; target: PostRef }
  | { op: 'listPosts'; as: Actor; query: ListQuery };

export interface ListQuery {
  author?: number;
  tag?: string;
  limit?: number;
  /** Index of a cursor returned earlier in the sequence (by any listPosts): reused cursors. */
  cursor?: number;
}

export interface Sequence {
  users: string[];
  operations: Operation[];
}

const TAGS = ['alpha', 'beta', 'Gamma Ray', 'delta', 'x'];
const BAD_TAGS = ['', 'no!', '-lead', 'a'.repeat(33)];

const actor = (users: number): fc.Arbitrary<Actor> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.nat(users - 1).map((i): Actor => `u${i}`) },
    { weight: 1, arbitrary: fc.constant<Actor>('anon') },
  );

const postRef: fc.Arbitrary<PostRef> = fc.oneof(
  { weight: 8, arbitrary: fc.nat(6).map((post) => ({ post })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('not-an-id', '', '00000000-0000-0000-0000-000000000000')
      .map((bad) => ({ bad })),
  },
  { weight: 1, arbitrary: fc.nat(3).map((userIdOf) => ({ userIdOf })) },
);

// About a quarter of the inputs are invalid: an empty or too long title, a bad tag, a wrong
// type, an unknown field.
const title = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('Hello', '  Spaced  ', 'Émoji 😀', 'T'.repeat(200)) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', 'T'.repeat(201)) },
);
const content = fc.constantFrom(null, 'Body', 'x'.repeat(20_001));
const tags = fc.oneof(
  { weight: 3, arbitrary: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...TAGS), fc.constantFrom<unknown>(...BAD_TAGS, 7))
      .map((t) => [...t]),
  },
);
const extra = fc.oneof(
  { weight: 4, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.constantFrom({ authorId: 'x' }, { id: 'p' }, { published: 'yes' }, { toString: 1 }),
  },
);
const patch = fc
  .tuple(fc.record({ title, content, published: fc.boolean() }, { requiredKeys: [] }), extra)
  .map(([fields, more]) => ({ ...fields, ...more }));

function operation(users: number): fc.Arbitrary<Operation> {
  const as = actor(users);
  const user = fc.nat(users - 1);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('createPost' as const),
        as,
        input: fc.tuple(patch, tags).map(([p, t]) => ({ title: 'Post', ...p, tags: t })),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ op: fc.constant('updatePost' as const), as, target: postRef, patch }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ op: fc.constant('setPostTags' as const), as, target: postRef, tags }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('editPost' as const),
        as,
        target: postRef,
        // The fields of a patch with, or without, a tag list.
        edit: fc
          .tuple(patch, fc.option(tags, { nil: undefined }))
          .map(([p, t]) => (t === undefined ? p : { ...p, tags: t })),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constantFrom(
          'getPost' as const,
          'deletePost' as const,
          'restorePost' as const,
          'auditLog' as const,
        ),
        as,
        target: postRef,
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('listPosts' as const),
        as,
        query: fc.record(
          {
            author: user,
            tag: fc.constantFrom(...TAGS, 'no!'),
            limit: fc.constantFrom(1, 2, 0, 101),
            cursor: fc.nat(4),
          },
          { requiredKeys: [] },
        ),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('me' as const, 'listTags' as const), as }) },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constantFrom('getUser' as const, 'getProfile' as const), as, user }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('updateMe' as const),
        as,
        patch: fc.record({ name: fc.constantFrom('New name', '', ' Trim ') }, { requiredKeys: [] }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('upsertProfile' as const),
        as,
        input: fc.record(
          {
            bio: fc.constantFrom(null, 'Bio', 'b'.repeat(281)),
            avatarUrl: fc.constantFrom(null, 'https://example.com/a.png', 'http://x'),
          },
          { requiredKeys: [] },
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constantFrom('deleteMe' as const, 'signUpAgain' as const), as }),
    },
  );
}

/** 2–4 users plus the visitor, then `length` operations. */
export function sequences(length: { min: number; max: number }): fc.Arbitrary<Sequence> {
  return fc.integer({ min: 2, max: 4 }).chain((count) =>
    fc.record({
      users: fc.constant(Array.from({ length: count }, (_, i) => `User ${i}`)),
      operations: fc.array(operation(count), { minLength: length.min, maxLength: length.max }),
    }),
  );
}
