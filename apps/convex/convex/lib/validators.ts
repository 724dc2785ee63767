import { v } from 'convex/values';
import { AUDIT_ACTIONS } from '@parity/domain';

export const auditAction = v.union(...AUDIT_ACTIONS.map((action) => v.literal(action)));

/** The values an audited field can hold: title/content (string | null), published, tags. */
const auditedValue = v.union(v.string(), v.boolean(), v.null(), v.array(v.string()));
export const auditChanges = v.record(v.string(), v.object({ from: auditedValue, to: auditedValue }));

// `returns` validators: the contract's records as every public function hands them out.
const timestamp = v.string();

export const userValue = v.object({
  id: v.id('users'),
  email: v.string(),
  name: v.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const publicUserValue = v.object({ id: v.id('users'), name: v.string(), createdAt: timestamp });

export const profileValue = v.object({
  userId: v.id('users'),
  bio: v.union(v.string(), v.null()),
  avatarUrl: v.union(v.string(), v.null()),
  updatedAt: timestamp,
});

export const postValue = v.object({
  id: v.id('posts'),
  authorId: v.id('users'),
  author: v.object({ id: v.id('users'), name: v.string() }),
  title: v.string(),
  content: v.union(v.string(), v.null()),
  published: v.boolean(),
  tags: v.array(v.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const postPageValue = v.object({
  items: v.array(postValue),
  nextCursor: v.union(v.string(), v.null()),
});

export const tagValue = v.object({ name: v.string(), postCount: v.number() });

export const auditEntryValue = v.object({
  id: v.id('auditLogs'),
  postId: v.id('posts'),
  actorId: v.id('users'),
  action: auditAction,
  at: timestamp,
  changes: auditChanges,
});
