import { sql } from 'drizzle-orm';
import { getDb } from './client';
import { auditLogs, postTags, posts, profiles, tags, users } from './schema';

/** Empties every domain table (the contract suite's reset between tests). */
export async function truncateAll(): Promise<void> {
  await getDb().execute(sql`truncate ${auditLogs}, ${postTags}, ${posts}, ${tags}, ${profiles}, ${users}`);
}
