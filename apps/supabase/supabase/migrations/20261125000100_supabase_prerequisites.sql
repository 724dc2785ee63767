-- What every Supabase project already has, created here only when missing, so that these
-- migrations run unchanged on a real project and on a plain PostgreSQL (tests, offline API).
-- Each object is guarded by an existence check rather than IF NOT EXISTS, because on Supabase the
-- migration role may not own schema auth and IF NOT EXISTS still checks for CREATE privilege.

do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

grant usage on schema public to anon, authenticated, service_role;

do $$
begin
  if not exists (select from pg_namespace where nspname = 'auth') then
    create schema auth;
    grant usage on schema auth to anon, authenticated, service_role;
  end if;

  if to_regclass('auth.users') is null then
    create table auth.users (
      id uuid primary key default gen_random_uuid(),
      aud text,
      role text,
      email text,
      encrypted_password text,
      email_confirmed_at timestamptz,
      last_sign_in_at timestamptz,
      raw_app_meta_data jsonb default '{}'::jsonb,
      raw_user_meta_data jsonb default '{}'::jsonb,
      created_at timestamptz default now(),
      updated_at timestamptz default now()
    );
    -- Supabase's own auth.users has a unique index on email too.
    create unique index users_email_key on auth.users (email);
  end if;

  -- As Supabase defines them: the claims of the verified JWT, set per request by PostgREST.
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb
    language sql stable
    as $fn$
      select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
    $fn$;
  end if;
  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid
    language sql stable
    as $fn$
      select nullif(auth.jwt() ->> 'sub', '')::uuid
    $fn$;
  end if;
  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text
    language sql stable
    as $fn$
      select nullif(auth.jwt() ->> 'role', '')
    $fn$;
  end if;
end
$$;
