import type { AuditEntry, Page, Post } from '@parity/domain';

let sequence = 0;

/** A post as a platform returns it; each call gets a distinct id and title. */
export function makePost(overrides: Partial<Post> = {}): Post {
  sequence += 1;
  return {
    id: `post-${sequence}`,
    authorId: 'user-ada',
    author: { id: 'user-ada', name: 'Ada' },
    title: `Post number ${sequence}`,
    content: 'Some content',
    published: true,
    tags: ['notes'],
    createdAt: '2026-11-25T19:42:07.123Z',
    updatedAt: '2026-11-25T19:42:07.123Z',
    ...overrides,
  };
}

export function makePage(items: Post[], nextCursor: string | null = null): Page<Post> {
  return { items, nextCursor };
}

export function makeAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'audit-1',
    postId: 'post-1',
    actorId: 'user-ada',
    action: 'create',
    at: '2026-11-25T19:42:07.123Z',
    changes: {},
    ...overrides,
  };
}
