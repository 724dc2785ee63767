/** The records of SPEC.md §1 as every platform returns them (timestamps are ISO strings). */
export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export type PublicUser = Pick<User, 'id' | 'name' | 'createdAt'>;

export interface Profile {
  userId: string;
  bio: string | null;
  avatarUrl: string | null;
  updatedAt: string;
}

export interface Post {
  id: string;
  authorId: string;
  author: { id: string; name: string };
  title: string;
  content: string | null;
  published: boolean;
  /** normalized, sorted ascending */
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Tag {
  name: string;
  postCount: number;
}

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore', 'tags'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type FieldChange<T = unknown> = { from: T; to: T };
export type AuditChanges = Record<string, FieldChange>;

export interface AuditEntry {
  id: string;
  postId: string;
  actorId: string;
  action: AuditAction;
  at: string;
  changes: AuditChanges;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
