import { Client } from 'pg';

/** Supabase's local stack gives its service roles this password; the offline API does the same. */
export const authenticatorPassword = 'postgres';

// Roles are cluster-wide, so two API instances on two databases of one server may race here:
// each CREATE ROLE runs in its own block that tolerates "already exists".
const createRole = (name: string, options: string): string => `
  do $$ begin
    if not exists (select from pg_roles where rolname = '${name}') then create role ${name} ${options}; end if;
  exception when duplicate_object or unique_violation then null;
  end $$`;

const statements = [
  // Two API instances starting on one database take turns (ALTER ROLE and GRANT would otherwise
  // meet as "tuple concurrently updated").
  'select pg_advisory_xact_lock(hashtext($$supabase-offline bootstrap$$))',
  // The API roles normally come from the app's migrations; created here only when missing, with the same definitions.
  createRole('anon', 'nologin noinherit'),
  createRole('authenticated', 'nologin noinherit'),
  createRole('service_role', 'nologin noinherit bypassrls'),
  // PostgREST's login role: it can only become one of the API roles, never act as itself.
  createRole('authenticator', 'login noinherit'),
  `alter role authenticator with login noinherit password '${authenticatorPassword}'`,
  'grant anon, authenticated, service_role to authenticator',
  // Every Supabase project has this (empty) publication; tables join it to reach Realtime.
  `do $$ begin
     if not exists (select from pg_publication where pubname = 'supabase_realtime') then
       create publication supabase_realtime;
     end if;
   end $$`,
  'create schema if not exists auth',
  `create table if not exists auth.sessions (
     id uuid primary key default gen_random_uuid(),
     user_id uuid not null,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now())`,
  'create index if not exists sessions_user_id_idx on auth.sessions (user_id)',
  `create table if not exists auth.refresh_tokens (
     id bigserial primary key,
     token text not null unique,
     user_id uuid not null,
     session_id uuid not null references auth.sessions (id) on delete cascade,
     parent text,
     revoked boolean not null default false,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now())`,
];

/**
 * Creates what PostgREST and GoTrue set up for themselves: the `authenticator` login role and
 * GoTrue's session bookkeeping (auth.sessions, auth.refresh_tokens), and Realtime's publication. Idempotent.
 */
export async function bootstrapDatabase(superuserUrl: string): Promise<void> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query('begin');
    for (const statement of statements) await client.query(statement);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    await client.end();
  }
}

/** The same server and database, logged in as `authenticator`. */
export function authenticatorUrl(superuserUrl: string): string {
  const url = new URL(superuserUrl);
  url.username = 'authenticator';
  url.password = authenticatorPassword;
  return url.toString();
}
