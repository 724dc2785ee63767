import { expect } from 'vitest';
import type { AuditEntry, Post } from '@parity/domain';

/** What the audit log says about a post: its editable fields, tags and whether it is deleted. */
export interface ReplayedPost {
  title: string;
  content: string | null;
  published: boolean;
  tags: string[];
  deleted: boolean;
}

/**
 * Replays a post's audit log from the record createPost returned: every entry must start from
 * the state the entries before it left (each `from` is the current value; delete only a live
 * post, restore only a deleted one), and `at` strictly increases in log order. Returns the state
 * the log ends in, to compare with what the platform reads back.
 */
export function replayAuditLog(original: Post, log: readonly AuditEntry[]): ReplayedPost {
  const [create, ...writes] = log;
  expect(create?.action, 'the log starts with the create entry').toBe('create');
  expect(create!.at).toBe(original.createdAt);
  const state: ReplayedPost = {
    title: original.title,
    content: original.content,
    published: original.published,
    tags: original.tags,
    deleted: false,
  };
  let previousAt = create!.at;
  writes.forEach((entry, i) => {
    const where = `entry ${i + 1} (${entry.action}) of ${JSON.stringify(log)}`;
    expect(entry.at > previousAt, `${where}: at must be after ${previousAt}`).toBe(true);
    previousAt = entry.at;
    switch (entry.action) {
      case 'update':
        expect(state.deleted, `${where}: an update of a deleted post`).toBe(false);
        // An editPost's one entry lists its tag change too (SPEC.md §6).
        for (const [field, change] of Object.entries(entry.changes)) {
          expect(['title', 'content', 'published', 'tags'], where).toContain(field);
          const key = field as 'title' | 'content' | 'published' | 'tags';
          expect(change.from, `${where}: ${field}.from`).toEqual(state[key]);
          expect(change.to, where).not.toEqual(change.from);
          Object.assign(state, { [key]: change.to });
        }
        break;
      case 'tags':
        expect(state.deleted, `${where}: a tag change of a deleted post`).toBe(false);
        expect(entry.changes['tags']?.from, `${where}: tags.from`).toEqual(state.tags);
        state.tags = entry.changes['tags']?.to as string[];
        break;
      case 'delete':
        expect(state.deleted, `${where}: a delete of a deleted post`).toBe(false);
        state.deleted = true;
        break;
      case 'restore':
        expect(state.deleted, `${where}: a restore of a live post`).toBe(true);
        state.deleted = false;
        break;
      case 'create':
        expect.fail(`${where}: a second create entry`);
    }
  });
  return state;
}

/** The post as read back agrees with the replayed log, and its updatedAt is the last entry's at. */
export function expectLogMatches(post: Post, log: readonly AuditEntry[], replayed: ReplayedPost): void {
  const { title, content, published, tags } = post;
  expect({ title, content, published, tags, deleted: false }).toEqual(replayed);
  expect(post.updatedAt).toBe(log.at(-1)!.at);
}
