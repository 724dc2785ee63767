import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/neon-serverless/migrator';
import { type DatabaseOptions, createDatabase } from './client';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Applies the committed drizzle-kit migrations in drizzle/ through the Neon driver. */
export async function runMigrations(options: DatabaseOptions): Promise<void> {
  const db = createDatabase(options);
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await db.$client.end();
  }
}
