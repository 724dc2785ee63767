import {
  ContractError,
  decodeCursor,
  encodeCursor,
  listPostsQuery,
  parseInput,
  type CursorPosition,
  type Page,
  type Post,
} from '@parity/domain';
import type { Supabase } from './supabase/types';
import { dataOrThrow } from './errors';
import { isUuid } from './ids';
import { POST_COLUMNS, toPost } from './posts';

// created_at exactly as PostgREST returns a timestamptz (microseconds, UTC offset): the cursor
// keeps the database's full precision so the keyset never skips posts sharing a millisecond.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

export async function listPosts(
  supabase: Supabase,
  query: { authorId?: string; tag?: string; limit?: number; cursor?: string | null } = {},
): Promise<Page<Post>> {
  const { authorId, tag, limit, cursor } = parseInput(listPostsQuery, query);
  const scope = { authorId, tag };
  const after = cursor == null ? null : positionOf(cursor, scope);
  if (authorId !== undefined && !isUuid(authorId)) return { items: [], nextCursor: null };

  // Newest first, ties by id; one row more than the page tells whether another page follows.
  // list_posts (an rpc: see its migration) pages with a row comparison, so a deep page costs
  // what the first one does, and reaches a tag's posts through tagged_posts. Called with GET, as a
  // read of a STABLE function should be: PostgREST runs it read-only (a POST runs read-write, and
  // its commit waits for the result's checks), and an HTTP cache may keep it.
  const rows = dataOrThrow(
    await supabase
      .rpc(
        'list_posts',
        {
          ...(authorId !== undefined && { author_id: authorId }),
          ...(tag !== undefined && { tag }),
          ...(after && { after_created_at: after.createdAt, after_id: after.id }),
          page_size: limit + 1,
        },
        { get: true },
      )
      .select(POST_COLUMNS),
  );

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toPost),
    nextCursor:
      rows.length > limit && last ? encodeCursor(scope, { createdAt: last.created_at, id: last.id }) : null,
  };
}

/** A cursor's position, refused unless it holds a timestamp and a uuid, as list_posts takes them. */
function positionOf(cursor: string, scope: { authorId?: string; tag?: string }): CursorPosition {
  const position = decodeCursor(cursor, scope);
  if (!TIMESTAMP.test(position.createdAt) || !isUuid(position.id)) {
    throw ContractError.validation({ cursor: ['Not a cursor returned by this query'] });
  }
  return position;
}
