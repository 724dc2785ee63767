'use server';

import type { PostFormValues } from '@parity/ui';
import { routes, runAction } from '@parity/ui';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import * as data from '@/data';
import { getSupabase } from '@/auth/session';

// Writes run on the server with the request's cookie session; RLS decides what they may change.
// Each returns an ActionResult, so ContractErrors reach the forms as field errors.

export async function createPostAction(values: PostFormValues) {
  const result = await runAction(async () => data.createPost(await getSupabase(), values));
  if (result.ok) redirect(routes.post(result.data.id));
  return result;
}

/** The edit form's one write: fields and tags together, or nothing of them (SPEC.md §6). */
export async function editPostAction(id: string, values: PostFormValues) {
  const result = await runAction(async () => data.editPost(await getSupabase(), id, values));
  if (result.ok) redirect(routes.post(id));
  return result;
}

export async function deletePostAction(id: string) {
  const result = await runAction(async () => data.deletePost(await getSupabase(), id));
  revalidatePath(routes.post(id));
  return result;
}

export async function restorePostAction(id: string) {
  const result = await runAction(async () => data.restorePost(await getSupabase(), id));
  revalidatePath(routes.post(id));
  return result;
}
