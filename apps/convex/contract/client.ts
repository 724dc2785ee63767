import type { Client } from '@parity/contract';
import type { FunctionArgs, FunctionReference, FunctionReturnType } from 'convex/server';
import { api } from '../convex/_generated/api';
import { mapErrors } from '../src/data/contract-errors';

/** What a client needs of a backend: convex-test's accessors and ConvexHttpClient both fit. */
export interface Backend {
  query<Q extends FunctionReference<'query'>>(
    query: Q,
    args: FunctionArgs<Q>,
  ): Promise<FunctionReturnType<Q>>;
  mutation<M extends FunctionReference<'mutation'>>(
    mutation: M,
    args: FunctionArgs<M>,
  ): Promise<FunctionReturnType<M>>;
}

/** The contract's Client, every method one call of a public Convex function. */
export function createClient(backend: Backend): Client {
  const query = <Q extends FunctionReference<'query'>>(fn: Q, args: FunctionArgs<Q>) =>
    mapErrors(backend.query(fn, args));
  const mutation = <M extends FunctionReference<'mutation'>>(fn: M, args: FunctionArgs<M>) =>
    mapErrors(backend.mutation(fn, args));

  return {
    me: () => query(api.users.me, {}),
    getUser: (userId) => query(api.users.getUser, { userId }),
    updateMe: (patch) => mutation(api.users.updateMe, { patch }),
    deleteMe: async () => {
      await mutation(api.users.deleteMe, {});
    },
    getProfile: (userId) => query(api.profiles.getProfile, { userId }),
    upsertProfile: (profile) => mutation(api.profiles.upsertProfile, { profile }),
    createPost: (post) => mutation(api.posts.createPost, { post }),
    getPost: (postId) => query(api.posts.getPost, { postId }),
    updatePost: (postId, patch) => mutation(api.posts.updatePost, { postId, patch }),
    setPostTags: (postId, tags) => mutation(api.posts.setPostTags, { postId, tags }),
    deletePost: async (postId) => {
      await mutation(api.posts.deletePost, { postId });
    },
    restorePost: (postId) => mutation(api.posts.restorePost, { postId }),
    listPosts: (listQuery = {}) => query(api.posts.listPosts, { query: { ...listQuery } }),
    listTags: () => query(api.tags.listTags, {}),
    auditLog: (postId) => query(api.auditLogs.auditLog, { postId }),
  };
}
