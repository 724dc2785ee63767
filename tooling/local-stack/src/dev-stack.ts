import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startNeonProxy } from './neon-proxy';
import { startPostgres } from './postgres';
import { listDatabaseApps } from './workspace';

const DEV_PORTS = { supabaseApi: 54321, postgres: 54322, neonProxy: 54330 } as const;

// The Supabase CLI's well-known local JWT secret: keys signed with it stay valid across restarts.
const DEV_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
const SUPABASE_APP = '@parity/supabase';

export interface DevStack {
  /** What is running and the values apps need, ready to print. */
  summary: string;
  stop(): Promise<void>;
}

export interface ReadyFile {
  pid: number;
  postgresUrl: string;
}

export function readyFilePath(workspaceRoot: string): string {
  return join(workspaceRoot, '.local-stack', 'ready.json');
}

/** Starts the dev stack on the fixed dev ports, migrates every app's database, then writes the ready file. */
export async function startDevStack(workspaceRoot: string, log: (line: string) => void): Promise<DevStack> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopService of [...stops].reverse()) await stopService();
  };
  const readyFile = readyFilePath(workspaceRoot);
  rmSync(readyFile, { force: true });
  try {
    const dataDir = join(workspaceRoot, '.local-stack', 'pgdata');
    const postgres = await startPostgres({ dataDir, port: DEV_PORTS.postgres });
    stops.push(() => postgres.stop());
    const proxy = await startNeonProxy({
      target: { host: postgres.host, port: postgres.port },
      port: DEV_PORTS.neonProxy,
    });
    stops.push(() => proxy.stop());

    const lines = [
      `PostgreSQL         ${postgres.url()}${process.env.DATABASE_URL ? '' : `  (data: ${dataDir})`}`,
      `Neon proxy         NEON_WS_PROXY=${proxy.wsProxy}`,
    ];
    let supabaseDatabaseUrl: string | undefined;
    for (const app of await listDatabaseApps(workspaceRoot)) {
      const databaseUrl = await postgres.createDatabase(app.database);
      log(`Migrating ${app.database} for ${app.name}…`);
      await runMigrate(workspaceRoot, app.name, {
        DATABASE_URL: withoutTlsUnlessSpecified(databaseUrl),
        NEON_WS_PROXY: proxy.wsProxy,
      });
      lines.push(`${app.name.padEnd(18)} DATABASE_URL=${databaseUrl}`);
      if (app.name === SUPABASE_APP) supabaseDatabaseUrl = databaseUrl;
    }

    if (supabaseDatabaseUrl) {
      // GoTrue's settings come from the app's config.toml, as `supabase start` reads them.
      const config = join(workspaceRoot, 'apps', 'supabase', 'supabase', 'config.toml');
      lines.push(...(await startSupabase(supabaseDatabaseUrl, config, stops)));
    }

    const ready: ReadyFile = { pid: process.pid, postgresUrl: postgres.url() };
    await mkdir(join(workspaceRoot, '.local-stack'), { recursive: true });
    await writeFile(readyFile, JSON.stringify(ready));
    stops.push(async () => rmSync(readyFile, { force: true }));

    return { summary: lines.join('\n'), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startSupabase(
  databaseUrl: string,
  supabaseConfig: string,
  stops: (() => Promise<void>)[],
): Promise<string[]> {
  const offline = await loadSupabaseOffline();
  if (!offline) return ['Supabase API       not available yet (@parity/supabase-offline is missing)'];
  const api = await offline.startSupabaseApi({
    databaseUrl,
    port: DEV_PORTS.supabaseApi,
    jwtSecret: DEV_JWT_SECRET,
    supabaseConfig,
  });
  stops.push(() => api.stop());
  return [
    `Supabase API       SUPABASE_URL=${api.url}`,
    `                   SUPABASE_ANON_KEY=${api.anonKey}`,
    `                   SUPABASE_SERVICE_ROLE_KEY=${api.serviceRoleKey}`,
    `                   SUPABASE_JWT_SECRET=${api.jwtSecret}`,
  ];
}

// The embedded server has no TLS, and tools such as the Supabase CLI would otherwise insist on it.
function withoutTlsUnlessSpecified(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (!url.searchParams.has('sslmode')) url.searchParams.set('sslmode', 'disable');
  return url.toString();
}

// Imported lazily so the rest of the stack runs while that package is missing or being built.
async function loadSupabaseOffline() {
  try {
    return await import('@parity/supabase-offline');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

function runMigrate(workspaceRoot: string, app: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', app, 'run', 'db:migrate'], {
      cwd: workspaceRoot,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`db:migrate of ${app} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}
