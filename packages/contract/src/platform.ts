import type { AuditEntry, Page, Post, Profile, PublicUser, Tag, User } from '@parity/domain';

/** SPEC.md §2, verbatim: what every platform adapter implements. */
export type PlatformName = 'neon-drizzle' | 'supabase' | 'convex';

export interface Platform {
  name: PlatformName;
  /** Empty every domain table; for test isolation. */
  reset(): Promise<void>;
  /** A visitor with no account. */
  anonymous(): Client;
  /** A new account, signed in. */
  signUp(input: { email: string; name: string }): Promise<Client>;
  close(): Promise<void>;
}

export interface ListPostsQuery {
  authorId?: string;
  tag?: string;
  limit?: number;
  cursor?: string | null;
}

export interface Client {
  me(): Promise<User | null>;
  getUser(id: string): Promise<PublicUser | null>;
  updateMe(patch: { name?: string }): Promise<User>;
  /** Hard delete + cascade (SPEC.md §4). */
  deleteMe(): Promise<void>;
  getProfile(userId: string): Promise<Profile | null>;
  upsertProfile(input: { bio?: string | null; avatarUrl?: string | null }): Promise<Profile>;
  createPost(input: {
    title: string;
    content?: string | null;
    published?: boolean;
    tags?: string[];
  }): Promise<Post>;
  getPost(id: string): Promise<Post | null>;
  updatePost(
    id: string,
    patch: { title?: string; content?: string | null; published?: boolean },
  ): Promise<Post>;
  setPostTags(id: string, tags: string[]): Promise<Post>;
  /** Fields and tags in one atomic write (SPEC.md §6, "An edit is all or nothing"). */
  editPost(
    id: string,
    edit: { title?: string; content?: string | null; published?: boolean; tags?: string[] },
  ): Promise<Post>;
  /** Soft delete. */
  deletePost(id: string): Promise<void>;
  restorePost(id: string): Promise<Post>;
  listPosts(query?: ListPostsQuery): Promise<Page<Post>>;
  /** postCount desc, then name asc. */
  listTags(): Promise<Tag[]>;
  /** Oldest first. */
  auditLog(postId: string): Promise<AuditEntry[]>;
}

export type CreatePlatform = () => Promise<Platform>;
