import { authTables } from '@convex-dev/auth/server';
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
import { auditAction, auditChanges } from './lib/validators';

/**
 * Every list is read through an index range, newest first. Convex appends `_creationTime`
 * to every index, so "…and created" is implicit: `_creationTime` is each document's
 * createdAt, unique and increasing within a table, which makes it the keyset of listPosts.
 * `updatedAt` is absent until a document's first update, when createdAt stands for it (a
 * timestamp taken before the insert could be a millisecond older than `_creationTime`).
 */
export default defineSchema({
  // Convex Auth's tables (accounts, sessions, refresh tokens, …), with `users` replaced by the
  // domain's own: Convex Auth inserts the `{ email, name }` that sign-up validated, and its
  // `email` index name is the one Convex Auth looks up.
  ...authTables,
  users: defineTable({
    email: v.string(),
    name: v.string(),
    updatedAt: v.optional(v.number()),
  }).index('email', ['email']),

  profiles: defineTable({
    userId: v.id('users'),
    bio: v.union(v.string(), v.null()),
    avatarUrl: v.union(v.string(), v.null()),
    updatedAt: v.number(),
  }).index('by_user', ['userId']),

  posts: defineTable({
    authorId: v.id('users'),
    title: v.string(),
    content: v.union(v.string(), v.null()),
    published: v.boolean(),
    // Normalized, sorted names: a copy of the post's postTags, so a page of posts needs no join.
    tags: v.array(v.string()),
    deletedAt: v.union(v.number(), v.null()),
    updatedAt: v.optional(v.number()),
  })
    // Published, not deleted posts: eq('deletedAt', null).eq('published', true).
    .index('by_visibility', ['deletedAt', 'published'])
    // One author's posts; its prefix ['authorId'] also finds the deleted ones (deleteMe).
    .index('by_author_and_visibility', ['authorId', 'deletedAt', 'published']),

  tags: defineTable({
    name: v.string(),
    // Published, not deleted posts carrying the tag, kept by every post write (listTags).
    postCount: v.number(),
  })
    .index('by_name', ['name'])
    // The tag cloud: the most used counts first, each count's tags by name.
    .index('by_post_count', ['postCount', 'name']),

  // The post's author, visibility and createdAt are mirrored here so that a tag filter is one
  // index range in post order, whatever else the query asks for.
  postTags: defineTable({
    postId: v.id('posts'),
    tagId: v.id('tags'),
    authorId: v.id('users'),
    published: v.boolean(),
    deletedAt: v.union(v.number(), v.null()),
    postCreationTime: v.number(),
  })
    .index('by_post', ['postId'])
    .index('by_tag', ['tagId', 'deletedAt', 'published', 'postCreationTime'])
    .index('by_tag_and_author', ['tagId', 'authorId', 'deletedAt', 'published', 'postCreationTime']),

  // The by_post range is oldest first (mutations commit one after another). `at` is the stamp of
  // the write: the post's creation time for `create`, else the post's new updatedAt, so a post's
  // entries carry strictly increasing, millisecond-distinct times (see nextUpdatedAt).
  auditLogs: defineTable({
    postId: v.id('posts'),
    actorId: v.id('users'),
    action: auditAction,
    changes: auditChanges,
    at: v.number(),
  }).index('by_post', ['postId']),
});
