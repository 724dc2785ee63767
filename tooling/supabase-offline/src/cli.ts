import { startSupabaseApi } from './index';

// `DATABASE_URL=postgres://… [SUPABASE_CONFIG=…/config.toml] pnpm start` — the local stack normally starts the API in-process instead.
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('supabase-offline: set DATABASE_URL to a superuser URL of the database');
  process.exit(1);
}
const api = await startSupabaseApi({
  databaseUrl,
  port: Number(process.env.PORT ?? 54321),
  jwtSecret: process.env.JWT_SECRET,
  jwtAlgorithm: process.env.JWT_ALGORITHM === 'HS256' ? 'HS256' : 'ES256',
  supabaseConfig: process.env.SUPABASE_CONFIG,
});
console.log(
  `Supabase API (offline) on ${api.url}\n  anon key:         ${api.anonKey}\n  service_role key: ${api.serviceRoleKey}`,
);
const stop = (): void => {
  void api.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
