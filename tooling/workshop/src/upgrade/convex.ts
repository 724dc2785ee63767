import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConvexApp } from '@parity/convex-offline';
import { argumentError } from '@parity/convex-offline/validate';
import { convexTest } from 'convex-test';
import { makeFunctionReference } from 'convex/server';
import { AUTHOR, OLD_POSTS, expectedPublishedAt } from './published-at';

const MIGRATION = 'migrations:backfillPublishedAt';
const MAX_BATCH_WAITS = 500;

/** convex-helpers' migration state (the `migrations` table): done once its last batch ran. */
async function migrationDone(t: ReturnType<typeof convexTest>): Promise<boolean> {
  const states = await t.run((ctx) => ctx.db.query('migrations' as never).collect());
  return (states as { name: string; isDone: boolean }[]).some(
    (state) => state.name === MIGRATION && state.isDone,
  );
}

/**
 * Convex, as a deployment goes through the change: documents written before it stay as they were
 * (a deployment checks stored documents only when a schema is pushed), the backfill migration runs
 * on them, and then every document must pass the narrowed schema, which is the check the second
 * `npx convex deploy` makes. The local deployment (tooling/convex-offline) cannot push a schema
 * over kept data, so this runs the app's functions on convex-test directly, as it does.
 */
export async function convexUpgrade(appDir: string): Promise<string[]> {
  const app = new ConvexApp(join(appDir, 'convex'));
  const schema = await app.schema();
  if (!schema) return ['convex/schema.ts is missing'];
  // The old documents are written as they are stored, not as the new schema would have them.
  const unchecked = Object.assign(Object.create(Object.getPrototypeOf(schema) as object) as object, schema, {
    schemaValidation: false,
  }) as typeof schema;
  const t = convexTest(unchecked, app.modules);
  const ids = await t.run(async (ctx) => {
    const authorId = await ctx.db.insert('users', { email: AUTHOR.email, name: AUTHOR.name });
    const posts = [];
    for (const post of OLD_POSTS) {
      posts.push(
        await ctx.db.insert('posts', {
          authorId,
          title: post.title,
          content: post.content,
          published: post.published,
          tags: [],
          deletedAt: post.deletedAt === null ? null : Date.parse(post.deletedAt),
          updatedAt: Date.parse(post.updatedAt),
        }),
      );
    }
    return { authorId, posts };
  });
  const before = await t.run((ctx) => ctx.db.query('posts').collect());

  try {
    await t.mutation(makeFunctionReference<'mutation'>(MIGRATION), { fn: MIGRATION });
    // Each batch schedules the next (runAfter 0, real timers here): wait until the state says done.
    for (let waited = 0; !(await migrationDone(t)); waited++) {
      if (waited === MAX_BATCH_WAITS) return [`${MIGRATION} did not finish`];
      await t.finishInProgressScheduledFunctions();
      await sleep(10);
    }
  } catch (error) {
    return [`${MIGRATION} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`];
  }

  const after = await t.run((ctx) => ctx.db.query('posts').collect());
  const problems: string[] = [];
  if (after.length !== before.length) problems.push(`${before.length} posts before, ${after.length} after`);
  const table = (schema.tables as Record<string, { validator: { json: unknown } }>).posts;
  const field = (table?.validator.json as { value?: Record<string, { optional: boolean }> }).value
    ?.publishedAt;
  if (!field) problems.push('posts has no publishedAt field in convex/schema.ts');
  else if (field.optional)
    problems.push('publishedAt is still optional in convex/schema.ts: narrow it once the backfill ran');
  const tableOf = (id: string) =>
    id === ids.authorId ? 'users' : (ids.posts as string[]).includes(id) ? 'posts' : undefined;
  for (const old of before) {
    const doc = after.find((candidate) => candidate._id === old._id);
    if (!doc) {
      problems.push(`post ${old._id} is gone`);
      continue;
    }
    const { publishedAt, ...rest } = doc as typeof doc & { publishedAt?: number | null };
    if (JSON.stringify(rest) !== JSON.stringify(old)) {
      problems.push(
        `post ${old._id} changed beyond publishedAt: ${JSON.stringify(old)} → ${JSON.stringify(rest)}`,
      );
    }
    const expected = expectedPublishedAt(old, old._creationTime);
    if (publishedAt !== expected) {
      problems.push(
        `post ${old._id} (published: ${old.published}): publishedAt ${publishedAt}, expected ${expected}`,
      );
    }
    // The narrowed schema's check of a stored document, as a push makes it.
    const { _id, _creationTime, ...fields } = doc;
    const invalid =
      table &&
      argumentError(JSON.stringify(table.validator.json), fields, (id) => {
        const found = tableOf(id);
        return found && { table: found, system: false };
      });
    if (invalid) problems.push(`post ${_id} does not pass the schema: ${invalid}`);
  }
  return problems;
}
