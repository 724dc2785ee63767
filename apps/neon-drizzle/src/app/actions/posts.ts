'use server';

import type { Page, Post } from '@parity/domain';
import { type ActionResult, type PostFormValues, runAction } from '@parity/ui';
import { POSTS_PER_PAGE, routes } from '@parity/ui/routes';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getActor } from '@/auth/session';
import { createPost, deletePost, editPost, listPosts, restorePost } from '@/data/posts';

export async function createPostAction(values: PostFormValues): Promise<ActionResult<Post>> {
  const actor = await getActor();
  const result = await runAction(() => createPost(actor, values));
  if (!result.ok) return result;
  redirect(routes.post(result.data.id));
}

/** The edit form's one write: fields and tags together, or nothing of them (SPEC.md §6). */
export async function editPostAction(id: string, values: PostFormValues): Promise<ActionResult<Post>> {
  const actor = await getActor();
  const result = await runAction(() => editPost(actor, id, values));
  if (!result.ok) return result;
  redirect(routes.post(id));
}

// Delete and restore stay on the post's page, which renders again from the database: the same
// page a reload shows (SPEC.md §8).
export async function deletePostAction(id: string): Promise<ActionResult<void>> {
  const actor = await getActor();
  const result = await runAction(() => deletePost(actor, id));
  revalidatePath(routes.post(id));
  return result;
}

export async function restorePostAction(id: string): Promise<ActionResult<Post>> {
  const actor = await getActor();
  const result = await runAction(() => restorePost(actor, id));
  revalidatePath(routes.post(id));
  return result;
}

/** The next page of a list: the filters are bound by the page, the cursor comes from the last one. */
export async function listPostsAction(
  filters: { tag?: string; authorId?: string },
  cursor: string,
): Promise<ActionResult<Page<Post>>> {
  const actor = await getActor();
  return runAction(() => listPosts(actor, { ...filters, limit: POSTS_PER_PAGE, cursor }));
}
