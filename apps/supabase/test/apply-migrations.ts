import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const appRoot = fileURLToPath(new URL('..', import.meta.url));

/** Applies supabase/migrations with the real Supabase CLI, exactly as `pnpm db:migrate` does. */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  await promisify(execFile)(
    'pnpm',
    ['exec', 'supabase', 'migration', 'up', `--remote=${databaseUrl}`, '--yes', '--agent', 'no'],
    { cwd: appRoot },
  );
}
