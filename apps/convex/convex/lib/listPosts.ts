import {
  decodeCursor,
  encodeCursor,
  ContractError,
  type CursorScope,
  type ListPostsQuery,
} from '@parity/domain';
import type { Infer } from 'convex/values';
import type { Doc, Id } from '../_generated/dataModel';
import type { QueryCtx } from '../_generated/server';
import { currentUser } from './auth';
import { toPosts } from './converters';
import { contractFailure, rethrowContractErrors } from './errors';
import type { postPageValue } from './validators';

/**
 * One post in index order: its createdAt (`_creationTime`, unique per table), its id, and the
 * document itself when the range read it (a postTags range reads only the link).
 */
interface Entry {
  createdAt: number;
  postId: Id<'posts'>;
  post?: Doc<'posts'>;
}

/**
 * A page of the posts the caller may see, newest first, keyset-paginated on `_creationTime`.
 * Convex stamps each insert with its own creation time (the next float after the previous one
 * within a transaction, the clock across transactions; convex-test models the same), so it is
 * a total order on posts and the cursor's `lt` neither skips nor repeats one. The cursor also
 * carries the post id, the position format all platforms share.
 *
 * The visible set is at most two index ranges — the published posts and, for a signed-in
 * caller, their own drafts — each read after the cursor, newest first, `limit + 1` deep, then
 * merged; so a page reads at most 2 × (limit + 1) index entries whatever the table holds.
 */
export async function listVisiblePosts(
  ctx: QueryCtx,
  query: ListPostsQuery,
): Promise<Infer<typeof postPageValue>> {
  const scope: CursorScope = { authorId: query.authorId, tag: query.tag };
  const before = query.cursor == null ? null : cursorTime(query.cursor, scope);
  const viewer = await currentUser(ctx);
  const depth = query.limit + 1;

  const authorId = query.authorId === undefined ? undefined : ctx.db.normalizeId('users', query.authorId);
  if (authorId === null) return { items: [], nextCursor: null };
  // Drafts are visible to their author only: the viewer's own, within the author filter.
  const draftsOf = viewer !== null && (authorId === undefined || authorId === viewer._id) ? viewer._id : null;

  let ranges: Promise<Entry[]>[];
  if (query.tag !== undefined) {
    const tag = await ctx.db
      .query('tags')
      .withIndex('by_name', (q) => q.eq('name', query.tag!))
      .unique();
    if (tag === null) return { items: [], nextCursor: null };
    ranges = [taggedRange(ctx, tag._id, authorId, true, before, depth)];
    if (draftsOf !== null) ranges.push(taggedRange(ctx, tag._id, draftsOf, false, before, depth));
  } else {
    ranges = [postRange(ctx, authorId, true, before, depth)];
    if (draftsOf !== null) ranges.push(postRange(ctx, draftsOf, false, before, depth));
  }

  const merged = (await Promise.all(ranges)).flat().sort(newestFirst);
  const pageEntries = merged.slice(0, query.limit);
  const posts = await Promise.all(
    pageEntries.map(async (entry) => entry.post ?? (await ctx.db.get('posts', entry.postId))!),
  );
  const last = pageEntries.at(-1);
  const nextCursor =
    merged.length > query.limit && last !== undefined
      ? encodeCursor(scope, { createdAt: String(last.createdAt), id: last.postId })
      : null;
  return { items: await toPosts(ctx, posts), nextCursor };
}

/** createdAt desc, then id desc (the contract's order; the ranges never share a post). */
const newestFirst = (a: Entry, b: Entry) =>
  b.createdAt - a.createdAt || (a.postId < b.postId ? 1 : a.postId > b.postId ? -1 : 0);

/** The cursor's `_creationTime`, in full precision (String(number) round-trips exactly). */
function cursorTime(cursor: string, scope: CursorScope): number {
  const position = rethrowContractErrors(() => decodeCursor(cursor, scope));
  const createdAt = Number(position.createdAt);
  if (!Number.isFinite(createdAt)) {
    throw contractFailure(ContractError.validation({ cursor: ['Not a cursor returned by this query'] }));
  }
  return createdAt;
}

/** Not deleted posts with the given `published`, of one author or of everyone. */
async function postRange(
  ctx: QueryCtx,
  authorId: Id<'users'> | undefined,
  published: boolean,
  before: number | null,
  depth: number,
): Promise<Entry[]> {
  const posts =
    authorId === undefined
      ? ctx.db.query('posts').withIndex('by_visibility', (q) => {
          const range = q.eq('deletedAt', null).eq('published', published);
          return before === null ? range : range.lt('_creationTime', before);
        })
      : ctx.db.query('posts').withIndex('by_author_and_visibility', (q) => {
          const range = q.eq('authorId', authorId).eq('deletedAt', null).eq('published', published);
          return before === null ? range : range.lt('_creationTime', before);
        });
  const page: Doc<'posts'>[] = await posts.order('desc').take(depth);
  return page.map((post) => ({ createdAt: post._creationTime, postId: post._id, post }));
}

/** The same, restricted to one tag, read from the post-tag links that mirror post state. */
async function taggedRange(
  ctx: QueryCtx,
  tagId: Id<'tags'>,
  authorId: Id<'users'> | undefined,
  published: boolean,
  before: number | null,
  depth: number,
): Promise<Entry[]> {
  const links =
    authorId === undefined
      ? ctx.db.query('postTags').withIndex('by_tag', (q) => {
          const range = q.eq('tagId', tagId).eq('deletedAt', null).eq('published', published);
          return before === null ? range : range.lt('postCreationTime', before);
        })
      : ctx.db.query('postTags').withIndex('by_tag_and_author', (q) => {
          const range = q
            .eq('tagId', tagId)
            .eq('authorId', authorId)
            .eq('deletedAt', null)
            .eq('published', published);
          return before === null ? range : range.lt('postCreationTime', before);
        });
  const page: Doc<'postTags'>[] = await links.order('desc').take(depth);
  return page.map((link) => ({ createdAt: link.postCreationTime, postId: link.postId }));
}
