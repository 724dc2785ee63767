import {
  ContractError,
  createPostInput,
  editPostInput,
  parseInput,
  setPostTagsInput,
  toIsoTimestamp,
  updatePostInput,
  type Post,
} from '@parity/domain';
import type { Tables } from './database.types';
import type { Supabase } from './supabase/types';
import { dataOrThrow } from './errors';
import { isUuid } from './ids';
import { requireSessionUser } from './session';

// Reads go through the post_details view (security_invoker, so RLS on posts applies): one select
// returns the author's name and the sorted tags, and deleted posts are already left out.
export const POST_COLUMNS =
  'id, author_id, author_name, title, content, published, tags, created_at, updated_at';

export type PostRow = Tables<'post_details'>;

export function toPost(row: PostRow): Post {
  return {
    id: row.id,
    authorId: row.author_id,
    author: { id: row.author_id, name: row.author_name },
    title: row.title,
    content: row.content,
    published: row.published,
    tags: row.tags ?? [],
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

export async function getPost(supabase: Supabase, id: string): Promise<Post | null> {
  if (!isUuid(id)) return null;
  const row = dataOrThrow(
    await supabase.from('post_details').select(POST_COLUMNS).eq('id', id).maybeSingle(),
  );
  return row && toPost(row);
}

/**
 * A write that matched no row: FORBIDDEN if the caller sees someone else's post, else NOT_FOUND.
 * The author's own post can be visible again by now (restored after a concurrent delete made
 * the write miss): that is still NOT_FOUND, the post was deleted when the write ran.
 */
async function refusal(supabase: Supabase, userId: string, id: string): Promise<ContractError> {
  const post = await getPost(supabase, id);
  return post && post.authorId !== userId
    ? new ContractError('FORBIDDEN', 'Only the author may change this post')
    : new ContractError('NOT_FOUND', 'Post not found');
}

async function getPostOrThrow(supabase: Supabase, id: string): Promise<Post> {
  const post = await getPost(supabase, id);
  if (!post) throw new ContractError('NOT_FOUND', 'Post not found');
  return post;
}

// A PATCH returns rows of the table it changed, not of the view, so the updated post brings the
// same data along through foreign-key embeds: still one request.
const UPDATED_POST_COLUMNS =
  'id, author_id, title, content, published, created_at, updated_at, author:users(id, name), post_tags(tags(name))';

type UpdatedPostRow = Omit<Tables<'posts'>, 'deleted_at'> & {
  author: { id: string; name: string };
  post_tags: { tags: { name: string } }[];
};

function toUpdatedPost(row: UpdatedPostRow): Post {
  return toPost({
    ...row,
    author_name: row.author.name,
    tags: row.post_tags.map((link) => link.tags.name).sort(),
  });
}

/** Applies a change to one of the caller's posts; no row means FORBIDDEN or NOT_FOUND. */
async function updateOwnPost(
  supabase: Supabase,
  userId: string,
  id: string,
  changes: { title?: string; content?: string | null; published?: boolean; deleted_at?: null },
  options: { liveOnly: boolean },
): Promise<Post> {
  let update = supabase.from('posts').update(changes).eq('id', id);
  if (options.liveOnly) update = update.is('deleted_at', null);
  const [row] = dataOrThrow(await update.select(UPDATED_POST_COLUMNS));
  if (!row) throw await refusal(supabase, userId, id);
  return toUpdatedPost(row);
}

/** create_post inserts the post, its tags and links in one transaction (one round trip). */
export async function createPost(
  supabase: Supabase,
  input: { title: string; content?: string | null; published?: boolean; tags?: string[] },
): Promise<Post> {
  await requireSessionUser(supabase);
  const { title, content, published, tags } = parseInput(createPostInput, input);
  const row = dataOrThrow(
    await supabase.rpc('create_post', { title, published, tags, ...(content !== null && { content }) }),
  );
  return toPost(row);
}

export async function updatePost(
  supabase: Supabase,
  id: string,
  patch: { title?: string; content?: string | null; published?: boolean },
): Promise<Post> {
  const user = await requireSessionUser(supabase);
  const changes = parseInput(updatePostInput, patch);
  if (!isUuid(id)) throw new ContractError('NOT_FOUND', 'Post not found');
  if (Object.keys(changes).length === 0) {
    const post = await getPostOrThrow(supabase, id);
    if (post.authorId !== user.id)
      throw new ContractError('FORBIDDEN', 'Only the author may change this post');
    return post;
  }
  // RLS limits the update to the caller's own posts; the triggers keep updatedAt on a no-op
  // and append the audit entry with only the changed fields.
  return updateOwnPost(supabase, user.id, id, changes, { liveOnly: true });
}

/** set_post_tags replaces the links and appends one 'tags' entry in one transaction. */
export async function setPostTags(supabase: Supabase, id: string, tags: string[]): Promise<Post> {
  await requireSessionUser(supabase);
  const input = parseInput(setPostTagsInput, { tags });
  if (!isUuid(id)) throw new ContractError('NOT_FOUND', 'Post not found');
  const row = dataOrThrow(await supabase.rpc('set_post_tags', { post_id: id, tags: input.tags }));
  return toPost(row);
}

/**
 * edit_post saves the fields and the tag set in one transaction with one audit entry (SPEC.md §6):
 * one round trip, and nothing of the edit is saved when any part of it fails.
 */
export async function editPost(
  supabase: Supabase,
  id: string,
  edit: { title?: string; content?: string | null; published?: boolean; tags?: string[] },
): Promise<Post> {
  await requireSessionUser(supabase);
  const { tags, ...fields } = parseInput(editPostInput, edit);
  if (!isUuid(id)) throw new ContractError('NOT_FOUND', 'Post not found');
  const row = dataOrThrow(
    await supabase.rpc('edit_post', { post_id: id, fields, ...(tags !== undefined && { tags }) }),
  );
  return toPost(row);
}

export async function deletePost(supabase: Supabase, id: string): Promise<void> {
  const user = await requireSessionUser(supabase);
  if (!isUuid(id)) throw new ContractError('NOT_FOUND', 'Post not found');
  // 'now' is PostgreSQL's input for the transaction time; a trigger stamps it in any case.
  const deleted = dataOrThrow(
    await supabase
      .from('posts')
      .update({ deleted_at: 'now' })
      .eq('id', id)
      .is('deleted_at', null)
      .select('id'),
  );
  if (deleted.length === 0) throw await refusal(supabase, user.id, id);
}

/** Restoring a post that is not deleted matches the row but changes nothing: a no-op. */
export async function restorePost(supabase: Supabase, id: string): Promise<Post> {
  const user = await requireSessionUser(supabase);
  if (!isUuid(id)) throw new ContractError('NOT_FOUND', 'Post not found');
  return updateOwnPost(supabase, user.id, id, { deleted_at: null }, { liveOnly: false });
}
