import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/neon-serverless/migrator';
import { type DatabaseOptions, createDatabase, endDatabase } from './client';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Applies the committed drizzle-kit migrations in drizzle/ through the Neon driver, over a WebSocket
 * session whatever NEON_DRIVER says: the migrator runs them in one interactive transaction.
 */
export async function runMigrations(options: Omit<DatabaseOptions, 'driver'>): Promise<void> {
  const db = createDatabase({ ...options, driver: 'websocket' });
  try {
    await migrate(db as Parameters<typeof migrate>[0], { migrationsFolder });
  } finally {
    await endDatabase(db);
  }
}
