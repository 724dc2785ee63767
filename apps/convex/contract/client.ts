import type { Client } from '@parity/contract';
import type { FunctionArgs, FunctionReference, FunctionReturnType } from 'convex/server';
import {
  createPostInput,
  editPostInput,
  listPostsQuery,
  setPostTagsInput,
  updateMeInput,
  updatePostInput,
  upsertProfileInput,
} from '@parity/domain';
import { api } from '../convex/_generated/api';
import { mapErrors } from '../src/data/contract-errors';
import { idArgument, inputArgument, listArgument } from '../src/data/convex-args';

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
  // Arguments are built inside the returned promise, so an input Convex cannot carry rejects it.
  const query = <Q extends FunctionReference<'query'>>(fn: Q, args: () => FunctionArgs<Q>) =>
    mapErrors(Promise.resolve().then(() => backend.query(fn, args())));
  const mutation = <M extends FunctionReference<'mutation'>>(fn: M, args: () => FunctionArgs<M>) =>
    mapErrors(Promise.resolve().then(() => backend.mutation(fn, args())));

  return {
    me: () => query(api.users.me, () => ({})),
    getUser: (userId) => query(api.users.getUser, () => ({ userId: idArgument(userId) })),
    updateMe: (patch) => mutation(api.users.updateMe, () => ({ patch: inputArgument(updateMeInput, patch) })),
    deleteMe: async () => {
      await mutation(api.users.deleteMe, () => ({}));
    },
    getProfile: (userId) => query(api.profiles.getProfile, () => ({ userId: idArgument(userId) })),
    upsertProfile: (profile) =>
      mutation(api.profiles.upsertProfile, () => ({ profile: inputArgument(upsertProfileInput, profile) })),
    createPost: (post) =>
      mutation(api.posts.createPost, () => ({ post: inputArgument(createPostInput, post) })),
    getPost: (postId) => query(api.posts.getPost, () => ({ postId: idArgument(postId) })),
    updatePost: (postId, patch) =>
      mutation(api.posts.updatePost, () => ({
        postId: idArgument(postId),
        patch: inputArgument(updatePostInput, patch),
      })),
    setPostTags: (postId, tags) =>
      mutation(api.posts.setPostTags, () => ({
        postId: idArgument(postId),
        tags: listArgument(setPostTagsInput, 'tags', tags),
      })),
    editPost: (postId, edit) =>
      mutation(api.posts.editPost, () => ({
        postId: idArgument(postId),
        edit: inputArgument(editPostInput, edit),
      })),
    deletePost: async (postId) => {
      await mutation(api.posts.deletePost, () => ({ postId: idArgument(postId) }));
    },
    restorePost: (postId) => mutation(api.posts.restorePost, () => ({ postId: idArgument(postId) })),
    // Omitted means the first page with the defaults; null is not a query (VALIDATION on input).
    listPosts: (listQuery = {}) =>
      query(api.posts.listPosts, () => ({ query: inputArgument(listPostsQuery, listQuery) })),
    listTags: () => query(api.tags.listTags, () => ({})),
    auditLog: (postId) => query(api.auditLogs.auditLog, () => ({ postId: idArgument(postId) })),
  };
}
