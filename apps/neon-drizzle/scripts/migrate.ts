import { runMigrations } from '../src/data/migrate';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('db:migrate needs DATABASE_URL (and NEON_WS_PROXY for the local stack)');
  process.exit(1);
}
// `db:migrate <folder>` applies the migrations of another drizzle/ folder (an older commit's).
await runMigrations({ databaseUrl, wsProxy: process.env.NEON_WS_PROXY, migrationsFolder: process.argv[2] });
console.log('migrations applied');
