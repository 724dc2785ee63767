import { randomBytes } from 'node:crypto';
import type { Client, CreatePlatform, Platform } from '@parity/contract';
import { inject } from 'vitest';
import * as data from '../src/data';
import { createSupabaseClient, type Supabase } from '../src/data/supabase/node';
import type { SupabaseTarget } from '../test/global-setup';

/**
 * The contract enters at the data layer, the door the pages use: each Client is one supabase-js
 * client with its own session. The target is the offline API of the test run, or a real
 * project when SUPABASE_URL, SUPABASE_ANON_KEY and SUPABASE_SERVICE_ROLE_KEY are set.
 */
export const createPlatform: CreatePlatform = () => Promise.resolve(supabasePlatform(inject('supabase')));

export function supabasePlatform(target: SupabaseTarget): Platform {
  const anonClient = () => createSupabaseClient({ url: target.url, key: target.anonKey });
  const admin = createSupabaseClient({ url: target.url, key: target.serviceRoleKey });

  return {
    name: 'supabase',
    async reset() {
      // Deleting the auth users cascades to every domain row they own; tags are shared, so last.
      const { data: users, error } = await admin.from('users').select('id');
      if (error) throw new Error(`reset: ${error.message}`);
      const deletions = await Promise.all(users.map(({ id }) => admin.auth.admin.deleteUser(id)));
      const failed = deletions.find((deletion) => deletion.error);
      if (failed?.error) throw new Error(`reset: ${failed.error.message}`);
      const tags = await admin.from('tags').delete().neq('name', '');
      if (tags.error) throw new Error(`reset: ${tags.error.message}`);
    },
    anonymous: () => contractClient(anonClient()),
    async signUp(input) {
      const supabase = anonClient();
      // The contract has no passwords; each account gets a random one it never needs again.
      await data.signUp(supabase, input, randomBytes(18).toString('base64url'));
      return contractClient(supabase);
    },
    close: () => Promise.resolve(),
  };
}

function contractClient(supabase: Supabase): Client {
  return {
    me: () => data.me(supabase),
    getUser: (id) => data.getUser(supabase, id),
    updateMe: (patch) => data.updateMe(supabase, patch),
    deleteMe: () => data.deleteMe(supabase),
    getProfile: (userId) => data.getProfile(supabase, userId),
    upsertProfile: (input) => data.upsertProfile(supabase, input),
    createPost: (input) => data.createPost(supabase, input),
    getPost: (id) => data.getPost(supabase, id),
    updatePost: (id, patch) => data.updatePost(supabase, id, patch),
    setPostTags: (id, tags) => data.setPostTags(supabase, id, tags),
    editPost: (id, edit) => data.editPost(supabase, id, edit),
    deletePost: (id) => data.deletePost(supabase, id),
    restorePost: (id) => data.restorePost(supabase, id),
    listPosts: (query) => data.listPosts(supabase, query),
    listTags: () => data.listTags(supabase),
    auditLog: (postId) => data.auditLog(supabase, postId),
  };
}
