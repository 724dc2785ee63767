import { sql } from 'drizzle-orm';
import { getDb } from './client';
import {
  accounts,
  auditLogs,
  postTags,
  posts,
  profiles,
  sessions,
  taggedPosts,
  tags,
  users,
  verifications,
} from './schema';

/** Empties every table, Better Auth's included (the contract suite's reset between tests). */
export async function truncateAll(): Promise<void> {
  await getDb().execute(
    sql`truncate ${auditLogs}, ${taggedPosts}, ${postTags}, ${posts}, ${tags}, ${profiles}, ${sessions}, ${accounts}, ${verifications}, ${users}`,
  );
}
