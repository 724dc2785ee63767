import { defineConfig } from 'drizzle-kit';

// `db:generate` needs only the schema; DATABASE_URL is for drizzle-kit's database commands (studio).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/data/schema.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL! },
});
