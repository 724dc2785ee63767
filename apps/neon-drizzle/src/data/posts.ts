import {
  type AuditAction,
  type AuditChanges,
  ContractError,
  type CursorPosition,
  type Page,
  type Post,
  createPostInput,
  decodeCursor,
  editPostInput,
  encodeCursor,
  listPostsQuery,
  parseInput,
  postChanges,
  postEdit,
  sameTags,
  setPostTagsInput,
  updatePostInput,
} from '@parity/domain';
import {
  DrizzleQueryError,
  type SQL,
  type WithSubqueryWithoutSelection,
  and,
  desc,
  eq,
  isNotNull,
  isNull,
  or,
  sql,
} from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type Actor, isId, requireActor } from './access';
import { auditEntry } from './audit';
import { type Database, getDb } from './client';
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
import { posts, taggedPosts, users } from './schema';
import { linkTags, lockTags, tagsLocked, unlinkTags } from './tags';

/**
 * Every write is one statement (a data-modifying CTE: the row, its tag links and its audit entry
 * commit together or not at all), so it is one round trip on either driver. Writes to an existing
 * post read it first (access rules, the diff and no-op rules run here, in TypeScript) and then write
 * only if its updated_at is still the one read: a concurrent write in between makes the guard match
 * nothing, and the operation reads again and retries: optimistic concurrency, as explained in
 * README § How the data layer works.
 */

/** The post, its tags and the `create` audit entry (stamped with the post's createdAt): one statement. */
export const createPost = withContractErrors(
  async (actor: Actor, input: z.input<typeof createPostInput>): Promise<Post> => {
    const userId = requireActor(actor);
    const { tags: tagNames, ...fields } = parseInput(createPostInput, input);
    return retryOnRace(async (db) => {
      const created = db.$with('created').as(
        db
          .insert(posts)
          .values({ ...fields, authorId: userId })
          .returning(),
      );
      const locked = lockTags(db, created, tagNames);
      const [row] = await db
        .with(
          created,
          locked,
          ...linkTags(db, created, tagNames),
          auditEntry(
            db,
            { from: created, postId: created.id, at: created.createdAt },
            { actorId: userId, action: 'create', changes: {} },
          ),
        )
        .select({
          id: created.id,
          authorId: created.authorId,
          authorName: users.name,
          title: created.title,
          content: created.content,
          published: created.published,
          createdAt: created.createdAt,
          updatedAt: created.updatedAt,
          deletedAt: created.deletedAt,
        })
        .from(created)
        .innerJoin(users, eq(users.id, created.authorId))
        .where(tagsLocked(locked));
      return toPost({ ...row!, tags: tagNames });
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
    return retryOnRace(async (db) => {
      const post = await findPostForAuthor(db, userId, id);
      const changes = postChanges(post, fields);
      if (Object.keys(changes).length === 0) return toPost(post);
      const updated = guardedUpdate(db, post, { ...fields });
      const written = await writeAudited(db, updated, userId, 'update', changes);
      return toPost({ ...post, ...fields, ...written });
    });
  },
);

/** Replaces the post's tag set: links only what is added, unlinks only what is removed. */
export const setPostTags = withContractErrors(
  async (actor: Actor, id: string, tagNames: z.input<typeof setPostTagsInput>['tags']): Promise<Post> => {
    const userId = requireActor(actor);
    const { tags: next } = parseInput(setPostTagsInput, { tags: tagNames });
    return retryOnRace(async (db) => {
      const post = await findPostForAuthor(db, userId, id);
      if (sameTags(post.tags, next)) return toPost(post);
      const current = post.tags;
      const removed = current.filter((tag) => !next.includes(tag));
      const added = next.filter((tag) => !current.includes(tag));
      const touched = guardedUpdate(db, post, {});
      const locked = lockTags(db, touched, [...removed, ...added]);
      const written = await writeAudited(
        db,
        touched,
        userId,
        'tags',
        { tags: { from: current, to: next } },
        [...linkTags(db, touched, added), ...unlinkTags(db, touched, removed)],
        locked,
      );
      return toPost({ ...post, ...written, tags: next });
    });
  },
);

/**
 * The edit form's one write (SPEC.md §6): the fields, the tag links and one audit entry in one
 * statement, so a failure or a lost race leaves nothing of the edit behind.
 */
export const editPost = withContractErrors(
  async (actor: Actor, id: string, input: z.input<typeof editPostInput>): Promise<Post> => {
    const userId = requireActor(actor);
    const edit = parseInput(editPostInput, input);
    const { tags, ...fields } = edit;
    return retryOnRace(async (db) => {
      const post = await findPostForAuthor(db, userId, id);
      const entry = postEdit(post, edit);
      if (!entry) return toPost(post);
      const next = tags ?? post.tags;
      const added = next.filter((tag) => !post.tags.includes(tag));
      const removed = post.tags.filter((tag) => !next.includes(tag));
      const updated = guardedUpdate(db, post, fields);
      // Publishing or unpublishing moves the counters of all the post's tags (the triggers).
      const moved =
        fields.published === undefined ? [...removed, ...added] : [...new Set([...post.tags, ...next])];
      const written = await writeAudited(
        db,
        updated,
        userId,
        entry.action,
        entry.changes,
        [...linkTags(db, updated, added), ...unlinkTags(db, updated, removed)],
        moved.length > 0 ? lockTags(db, updated, moved) : undefined,
      );
      return toPost({ ...post, ...fields, ...written, tags: next });
    });
  },
);

/** Soft delete: the row stays, with deleted_at set, and can be restored by its author. */
export const deletePost = withContractErrors(async (actor: Actor, id: string): Promise<void> => {
  const userId = requireActor(actor);
  await retryOnRace(async (db) => {
    const post = await findPostForAuthor(db, userId, id);
    const deleted = guardedUpdate(db, post, { deletedAt: sql`clock_timestamp()` });
    await writeAudited(db, deleted, userId, 'delete', {}, [], lockCounters(db, deleted, post));
  });
});

/** Restoring a post that is not deleted is a no-op that returns it unchanged. */
export const restorePost = withContractErrors(async (actor: Actor, id: string): Promise<Post> => {
  const userId = requireActor(actor);
  return retryOnRace(async (db) => {
    const post = await findPostForAuthor(db, userId, id, { includeDeleted: true });
    if (!post.deletedAt) return toPost(post);
    const updated = guardedUpdate(db, post, { deletedAt: null });
    const written = await writeAudited(
      db,
      updated,
      userId,
      'restore',
      {},
      [],
      lockCounters(db, updated, post),
    );
    return toPost({ ...post, ...written });
  });
});

/**
 * Deleting or restoring a published post moves the counters of all its tags: its tagged_posts rows
 * leave or come back, and each row's trigger moves one counter, in the order the rows are found, not
 * in id order. Two such writes on posts sharing tags then took the counters in opposite orders and
 * PostgreSQL broke the deadlock after its 1 s deadlock_timeout, for the write to retry: under the
 * load test's 50 and 100 writers some writes took 17–50 s. Locked first, in id order, as edits do.
 */
function lockCounters(db: Database, after: Updated, post: PostRow) {
  return post.published && post.tags.length > 0 ? lockTags(db, after, post.tags) : undefined;
}

// A post written to this often between one read and its write is contended beyond reason.
const MAX_ATTEMPTS = 50;

/** A guarded write matched no row: the post changed after it was read. */
class LostRace extends Error {}

const DEADLOCK_DETECTED = '40P01';

/**
 * Runs a write again when it lost a race, or when PostgreSQL broke a deadlock by aborting it (the tag
 * counters' triggers lock tag rows; a write is one statement, so an aborted one left nothing behind).
 */
async function retryOnRace<T>(attempt: (db: Database) => Promise<T>): Promise<T> {
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt(getDb());
    } catch (error) {
      const cause: unknown = error instanceof DrizzleQueryError ? error.cause : error;
      const deadlock = (cause as { code?: unknown } | null)?.code === DEADLOCK_DETECTED;
      if (!(error instanceof LostRace) && !deadlock) throw error;
      if (attempts >= MAX_ATTEMPTS)
        throw new ContractError('CONFLICT', 'The post is being changed concurrently');
    }
  }
}

/**
 * The post's update, guarded: only if the row is still the version read (updated_at, which every write
 * moves on, see nextUpdatedAt) and still deleted or not as it was.
 */
function guardedUpdate(
  db: Database,
  post: PostRow,
  set: { title?: string; content?: string | null; published?: boolean; deletedAt?: SQL | null },
) {
  return db.$with('updated').as(
    db
      .update(posts)
      .set({ ...set, updatedAt: nextUpdatedAt })
      .where(
        and(
          eq(posts.id, post.id),
          eq(posts.updatedAt, post.updatedAt),
          post.deletedAt ? isNotNull(posts.deletedAt) : isNull(posts.deletedAt),
        ),
      )
      .returning({ id: posts.id, updatedAt: posts.updatedAt, deletedAt: posts.deletedAt }),
  );
}

type Updated = ReturnType<typeof guardedUpdate>;

/** Runs the guarded update with its audit entry (and any tag changes) as one statement. */
async function writeAudited(
  db: Database,
  updated: Updated,
  actorId: string,
  action: AuditAction,
  changes: AuditChanges,
  alsoWrite: WithSubqueryWithoutSelection<string>[] = [],
  lockedTags?: ReturnType<typeof lockTags>,
): Promise<{ updatedAt: Date; deletedAt: Date | null }> {
  const [written] = await db
    .with(
      updated,
      ...(lockedTags ? [lockedTags] : []),
      ...alsoWrite,
      auditEntry(
        db,
        { from: updated, postId: updated.id, at: updated.updatedAt },
        { actorId, action, changes },
      ),
    )
    .select({ updatedAt: updated.updatedAt, deletedAt: updated.deletedAt })
    .from(updated)
    .where(lockedTags && tagsLocked(lockedTags));
  if (!written) throw new LostRace();
  return written;
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
