import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/neon-serverless/migrator';
import { type DatabaseOptions, createDatabase, endDatabase } from './client';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Applies the committed drizzle-kit migrations in drizzle/ (or another copy of them, as the workshop's
 * upgrade check replays an older one) through the Neon driver, over a WebSocket session whatever
 * NEON_DRIVER says: the migrator runs them in one interactive transaction.
 */
export async function runMigrations(
  options: Omit<DatabaseOptions, 'driver'> & { migrationsFolder?: string },
): Promise<void> {
  const { migrationsFolder: folder = migrationsFolder, ...database } = options;
  const db = createDatabase({ ...database, driver: 'websocket' });
  try {
    await migrate(db as Parameters<typeof migrate>[0], { migrationsFolder: folder });
  } finally {
    await endDatabase(db);
  }
}
