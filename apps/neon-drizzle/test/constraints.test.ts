import { RULES } from '@parity/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb } from '../src/data/client';
import { toContractError } from '../src/data/errors';
import { truncateAll } from '../src/data/maintenance';
import { posts, profiles, tags, users } from '../src/data/schema';

// The zod schemas stop bad input before it reaches SQL, so the contract suite never hits these
// constraints. Here rows go straight to the database, as a bug or another client could send them.
async function rejection(write: PromiseLike<unknown>): Promise<unknown> {
  try {
    await write;
  } catch (error) {
    return toContractError(error);
  }
  throw new Error('the database accepted the row');
}

describe('database constraints, the second line behind the zod schemas', () => {
  let userId: string;

  beforeAll(async () => {
    await truncateAll();
    const [user] = await getDb()
      .insert(users)
      .values({ email: 'checked@example.com', name: 'Checked' })
      .returning({ id: users.id });
    userId = user!.id;
  });

  afterAll(() => closeDb());

  const tooLong = (max: number) => 'x'.repeat(max + 1);
  it.each([
    ['email', () => getDb().insert(users).values({ email: 'Upper@example.com', name: 'U' })],
    [
      'name',
      () =>
        getDb()
          .insert(users)
          .values({ email: 'n@example.com', name: tooLong(RULES.name.max) }),
    ],
    [
      'bio',
      () =>
        getDb()
          .insert(profiles)
          .values({ userId, bio: tooLong(RULES.bio.max) }),
    ],
    ['avatarUrl', () => getDb().insert(profiles).values({ userId, avatarUrl: 'http://example.com/a.png' })],
    ['title', () => getDb().insert(posts).values({ authorId: userId, title: '' })],
    [
      'title',
      () =>
        getDb()
          .insert(posts)
          .values({ authorId: userId, title: tooLong(RULES.title.max) }),
    ],
    [
      'content',
      () =>
        getDb()
          .insert(posts)
          .values({ authorId: userId, title: 't', content: tooLong(RULES.content.max) }),
    ],
    ['name', () => getDb().insert(tags).values({ name: 'Not A Tag' })],
  ])('a CHECK rejects a bad %s as VALIDATION on that field', async (field, write) => {
    expect(await rejection(write())).toMatchObject({
      code: 'VALIDATION',
      fields: { [field]: [expect.any(String)] },
    });
  });

  it('counts characters as code points, like the zod rules: 200 emoji are a valid title', async () => {
    const [post] = await getDb()
      .insert(posts)
      .values({ authorId: userId, title: '🦄'.repeat(RULES.title.max) })
      .returning();
    expect(post?.title).toHaveLength(RULES.title.max * 2);
  });

  it('the unique index on email makes a taken address a CONFLICT', async () => {
    const write = getDb().insert(users).values({ email: 'checked@example.com', name: 'Again' });
    expect(await rejection(write)).toMatchObject({ code: 'CONFLICT' });
  });

  it('a row for a user that does not exist is UNAUTHENTICATED', async () => {
    const write = getDb()
      .insert(posts)
      .values({ authorId: '00000000-0000-4000-8000-000000000000', title: 'orphan' });
    expect(await rejection(write)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('an id that is not a uuid is NOT_FOUND', async () => {
    expect(await rejection(getDb().select().from(posts).where(eq(posts.id, 'not-a-uuid')))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
