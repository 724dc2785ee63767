import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const appRoot = fileURLToPath(new URL('..', import.meta.url));

/** Applies supabase/migrations with the real Supabase CLI, exactly as `pnpm db:migrate` does. */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  // A local server has no TLS; the CLI would try it first and warn.
  if (['127.0.0.1', 'localhost'].includes(url.hostname) && !url.searchParams.has('sslmode')) {
    url.searchParams.set('sslmode', 'disable');
  }
  await promisify(execFile)(
    'pnpm',
    ['exec', 'supabase', 'migration', 'up', `--remote=${url.href}`, '--yes', '--agent', 'no'],
    { cwd: appRoot },
  );
}
