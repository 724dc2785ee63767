import { sql } from 'drizzle-orm';
import { getDb } from './client';
import {
  accounts,
  auditLogs,
  postTags,
  posts,
  profiles,
  sessions,
  tags,
  users,
  verifications,
} from './schema';

/** Empties every table, Better Auth's included (the contract suite's reset between tests). */
export async function truncateAll(): Promise<void> {
  await getDb().execute(
    sql`truncate ${auditLogs}, ${postTags}, ${posts}, ${tags}, ${profiles}, ${sessions}, ${accounts}, ${verifications}, ${users}`,
  );
}
