import {
  ContractError,
  type CursorPosition,
  type Page,
  type Post,
  createPostInput,
  decodeCursor,
  encodeCursor,
  listPostsQuery,
  parseInput,
  postChanges,
  sameTags,
  setPostTagsInput,
  updatePostInput,
} from '@parity/domain';
import { type SQL, and, desc, eq, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type Actor, isId, requireActor } from './access';
import { appendAudit } from './audit';
import { type Executor, getDb } from './client';
import { withContractErrors } from './errors';
import {
  type PostRow,
  findPostForAuthor,
  nextUpdatedAt,
  selectPosts,
  selectTaggedPosts,
  toPost,
  visibleTo,
} from './post-query';
import { posts, taggedPosts } from './schema';
import { linkTags, unlinkTags } from './tags';

/** One transaction: the post, its tags and the `create` audit entry (which includes the tags). */
export const createPost = withContractErrors(
  async (actor: Actor, input: z.input<typeof createPostInput>): Promise<Post> => {
    const userId = requireActor(actor);
    const { tags: tagNames, ...fields } = parseInput(createPostInput, input);
    return getDb().transaction(async (tx) => {
      const [created] = await tx
        .insert(posts)
        .values({ ...fields, authorId: userId })
        .returning({ id: posts.id, createdAt: posts.createdAt });
      const postId = created!.id;
      await linkTags(tx, postId, tagNames);
      await appendAudit(tx, {
        postId,
        actorId: userId,
        action: 'create',
        changes: {},
        at: created!.createdAt,
      });
      const [row] = await selectPosts(tx).where(eq(posts.id, postId));
      return toPost(row!);
    });
  },
);

export const getPost = withContractErrors(async (actor: Actor, id: string): Promise<Post | null> => {
  if (!isId(id)) return null;
  const [row] = await selectPosts(getDb()).where(and(eq(posts.id, id), visibleTo(actor?.userId ?? null)));
  return row ? toPost(row) : null;
});

/** The audit entry lists only the fields that changed; if none did, nothing is written at all. */
export const updatePost = withContractErrors(
  async (actor: Actor, id: string, patch: z.input<typeof updatePostInput>): Promise<Post> => {
    const userId = requireActor(actor);
    const fields = parseInput(updatePostInput, patch);
    return getDb().transaction(async (tx) => {
      const post = await findPostForAuthor(tx, userId, id, { lock: true });
      const changes = postChanges(post, fields);
      if (Object.keys(changes).length === 0) return toPost(post);
      const [updated] = await tx
        .update(posts)
        .set({ ...fields, updatedAt: nextUpdatedAt })
        .where(eq(posts.id, post.id))
        .returning();
      await appendAudit(tx, {
        postId: post.id,
        actorId: userId,
        action: 'update',
        changes,
        at: updated!.updatedAt,
      });
      return toPost({ ...post, ...updated! });
    });
  },
);

/** Replaces the post's tag set: links only what is added, unlinks only what is removed. */
export const setPostTags = withContractErrors(
  async (actor: Actor, id: string, tagNames: z.input<typeof setPostTagsInput>['tags']): Promise<Post> => {
    const userId = requireActor(actor);
    const { tags: next } = parseInput(setPostTagsInput, { tags: tagNames });
    return getDb().transaction(async (tx) => {
      const post = await findPostForAuthor(tx, userId, id, { lock: true });
      if (sameTags(post.tags, next)) return toPost(post);
      const current = post.tags;
      const removed = current.filter((tag) => !next.includes(tag));
      const added = next.filter((tag) => !current.includes(tag));
      await unlinkTags(tx, post.id, removed);
      await linkTags(tx, post.id, added);
      const updated = await touch(tx, post.id, {});
      await appendAudit(tx, {
        postId: post.id,
        actorId: userId,
        action: 'tags',
        changes: { tags: { from: current, to: next } },
        at: updated.updatedAt,
      });
      return toPost({ ...post, ...updated, tags: next });
    });
  },
);

/** Soft delete: the row stays, with deleted_at set, and can be restored by its author. */
export const deletePost = withContractErrors(async (actor: Actor, id: string): Promise<void> => {
  const userId = requireActor(actor);
  await getDb().transaction(async (tx) => {
    const post = await findPostForAuthor(tx, userId, id, { lock: true });
    const { updatedAt } = await touch(tx, post.id, { deletedAt: sql`clock_timestamp()` });
    await appendAudit(tx, { postId: post.id, actorId: userId, action: 'delete', changes: {}, at: updatedAt });
  });
});

/** Restoring a post that is not deleted is a no-op that returns it unchanged. */
export const restorePost = withContractErrors(async (actor: Actor, id: string): Promise<Post> => {
  const userId = requireActor(actor);
  return getDb().transaction(async (tx) => {
    const post = await findPostForAuthor(tx, userId, id, { includeDeleted: true, lock: true });
    if (!post.deletedAt) return toPost(post);
    const updated = await touch(tx, post.id, { deletedAt: null });
    await appendAudit(tx, {
      postId: post.id,
      actorId: userId,
      action: 'restore',
      changes: {},
      at: updated.updatedAt,
    });
    return toPost({ ...post, ...updated });
  });
});

/** Sets the given columns and moves updated_at on (under the row lock), returning the new timestamps. */
async function touch(
  tx: Executor,
  postId: string,
  set: { deletedAt?: SQL | null },
): Promise<Pick<PostRow, 'updatedAt' | 'deletedAt'>> {
  const [row] = await tx
    .update(posts)
    .set({ ...set, updatedAt: nextUpdatedAt })
    .where(eq(posts.id, postId))
    .returning({ updatedAt: posts.updatedAt, deletedAt: posts.deletedAt });
  return row!;
}

/**
 * Visible posts, newest first (ties: id desc), keyset-paginated in one statement: it reads one
 * row past the page to know whether there is a next one.
 */
export const listPosts = withContractErrors(
  async (actor: Actor, query: z.input<typeof listPostsQuery> = {}): Promise<Page<Post>> => {
    const { authorId, tag, limit, cursor } = parseInput(listPostsQuery, query);
    const scope = { authorId, tag };
    // Only null or an omitted cursor means "first page"; '' is a cursor, and not a valid one.
    const after = cursor === undefined || cursor === null ? null : cursorPosition(cursor, scope);
    if (authorId !== undefined && !isId(authorId)) return { items: [], nextCursor: null };
    const db = getDb();
    const userId = actor?.userId ?? null;
    // A tag filter walks tagged_posts (tag, created_at desc, post_id desc): one index range in page
    // order, however many posts carry the tag; the other lists walk the posts indexes.
    const rows =
      tag === undefined
        ? await selectPosts(db)
            .where(
              and(
                visibleTo(userId),
                authorId === undefined ? undefined : eq(posts.authorId, authorId),
                after ? before(posts.createdAt, posts.id, after) : undefined,
              ),
            )
            .orderBy(desc(posts.createdAt), desc(posts.id))
            .limit(limit + 1)
        : await selectTaggedPosts(db)
            .where(
              and(
                eq(taggedPosts.tag, tag),
                userId
                  ? or(eq(taggedPosts.published, true), eq(taggedPosts.authorId, userId))
                  : eq(taggedPosts.published, true),
                authorId === undefined ? undefined : eq(taggedPosts.authorId, authorId),
                after ? before(taggedPosts.createdAt, taggedPosts.postId, after) : undefined,
              ),
            )
            .orderBy(desc(taggedPosts.createdAt), desc(taggedPosts.postId))
            .limit(limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor(scope, { createdAt: last.createdAt.toISOString(), id: last.id })
        : null;
    return { items: items.map(toPost), nextCursor };
  },
);

/** The keyset condition as one row comparison, which the (created_at desc, id desc) indexes serve. */
function before(createdAt: AnyPgColumn, id: AnyPgColumn, after: CursorPosition): SQL {
  return sql`(${createdAt}, ${id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`;
}

/** decodeCursor checks the scope; this also rejects a position that cannot be a post's. */
function cursorPosition(cursor: string, scope: { authorId?: string; tag?: string }): CursorPosition {
  const position = decodeCursor(cursor, scope);
  if (!isId(position.id) || !isIsoTimestamp(position.createdAt)) {
    throw ContractError.validation({ cursor: ['Not a cursor returned by this query'] });
  }
  return position;
}

function isIsoTimestamp(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}
