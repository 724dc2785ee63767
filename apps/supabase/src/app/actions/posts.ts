'use server';

import type { PostFormValues } from '@parity/ui';
import { createPostInput, parseInput } from '@parity/domain';
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

export async function updatePostAction(id: string, { tags, ...patch }: PostFormValues) {
  const result = await runAction(async () => {
    // The form holds a whole post: checked as one first, so that every field error shows at once
    // and a bad tag list never leaves the post half saved.
    parseInput(createPostInput, { ...patch, tags });
    const supabase = await getSupabase();
    await data.updatePost(supabase, id, patch);
    return data.setPostTags(supabase, id, tags);
  });
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
