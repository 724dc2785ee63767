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
  let select = supabase
    .from('post_details')
    .select(POST_COLUMNS)
    .order('created_at', { ascending: false })
    .order('id', { ascending: false })
    .limit(limit + 1);
  if (authorId !== undefined) select = select.eq('author_id', authorId);
  if (tag !== undefined) select = select.contains('tags', [tag]);
  if (after) {
    select = select.or(
      `created_at.lt.${after.createdAt},and(created_at.eq.${after.createdAt},id.lt.${after.id})`,
    );
  }
  const rows = dataOrThrow(await select);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toPost),
    nextCursor:
      rows.length > limit && last ? encodeCursor(scope, { createdAt: last.created_at, id: last.id }) : null,
  };
}

/**
 * A cursor's position, refused unless it holds a timestamp and a uuid: both go into the or()
 * filter text, so nothing else may reach it.
 */
function positionOf(cursor: string, scope: { authorId?: string; tag?: string }): CursorPosition {
  const position = decodeCursor(cursor, scope);
  if (!TIMESTAMP.test(position.createdAt) || !isUuid(position.id)) {
    throw ContractError.validation({ cursor: ['Not a cursor returned by this query'] });
  }
  return position;
}
