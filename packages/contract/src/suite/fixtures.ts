import type { Post } from '@parity/domain';
import type { Client } from '../platform';

export type CreatePostInput = Parameters<Client['createPost']>[0];

/** Ids that name no record: wrong formats for every platform, and a well-formed unused uuid. */
export const MISSING_IDS = ['not-an-id', '', '00000000-0000-0000-0000-000000000000'] as const;

export function publishedPost(client: Client, input: Partial<CreatePostInput> = {}): Promise<Post> {
  return client.createPost({ title: 'A published post', published: true, ...input });
}

export function draftPost(client: Client, input: Partial<CreatePostInput> = {}): Promise<Post> {
  return client.createPost({ title: 'A draft', published: false, ...input });
}

export async function deletedPost(client: Client, input: Partial<CreatePostInput> = {}): Promise<Post> {
  const post = await publishedPost(client, { title: 'A deleted post', ...input });
  await client.deletePost(post.id);
  return post;
}

/** Creates posts one after another, so that each is newer than the one before. */
export async function createPostsInOrder(
  client: Client,
  count: number,
  input: Partial<CreatePostInput> = {},
) {
  const posts: Post[] = [];
  for (let i = 1; i <= count; i++) posts.push(await publishedPost(client, { title: `Post ${i}`, ...input }));
  return posts;
}

/**
 * Timestamps have millisecond precision: before asserting that a write changes (or keeps)
 * updatedAt, wait until the clock has moved past the current value, or both are legally equal.
 */
export async function afterClockPasses(timestamp: string): Promise<void> {
  const target = Date.parse(timestamp) + 2;
  while (Date.now() <= target) await new Promise((resolve) => setTimeout(resolve, 2));
}
