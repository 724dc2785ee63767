-- The domain of SPEC.md (packages/contract). Every validation rule of §3 is repeated here as a CHECK constraint
-- (named <table>_<column>_check, which the data layer maps back to a field), so the database
-- refuses bad data even from a client that skips the app's own validation.

create table public.users (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null unique
    constraint users_email_check check (
      email = lower(email) and email !~ '^\s|\s$' and char_length(email) <= 254
      and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'
    ),
  name text not null
    constraint users_name_check check (char_length(name) between 1 and 80 and name !~ '^\s|\s$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.profiles (
  user_id uuid primary key default auth.uid() references public.users (id) on delete cascade,
  bio text constraint profiles_bio_check check (char_length(bio) <= 280),
  avatar_url text constraint profiles_avatar_url_check check (
    char_length(avatar_url) <= 2048 and avatar_url ~ '^https://[^\s/?#]+([/?#]\S*)?$'
  ),
  updated_at timestamptz not null default now()
);

create table public.posts (
  id uuid primary key default gen_random_uuid(),
  author_id uuid not null default auth.uid() references public.users (id) on delete cascade,
  title text not null
    constraint posts_title_check check (char_length(title) between 1 and 200 and title !~ '^\s|\s$'),
  content text constraint posts_content_check check (char_length(content) <= 20000),
  published boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);

-- listPosts: newest first, ties by id, soft-deleted rows left out.
create index posts_listing_idx on public.posts (created_at desc, id desc) where deleted_at is null;
create index posts_author_listing_idx on public.posts (author_id, created_at desc, id desc)
  where deleted_at is null;

create table public.tags (
  id uuid primary key default gen_random_uuid(),
  name text not null unique constraint tags_name_check check (name ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
  created_at timestamptz not null default now()
);

create table public.post_tags (
  post_id uuid not null references public.posts (id) on delete cascade,
  tag_id uuid not null references public.tags (id) on delete restrict,
  primary key (post_id, tag_id)
);

create index post_tags_tag_id_idx on public.post_tags (tag_id);

create table public.audit_logs (
  -- An identity, not a uuid: entries of one post are read back in the order they were written.
  id bigint generated always as identity primary key,
  post_id uuid not null references public.posts (id) on delete cascade,
  actor_id uuid not null references public.users (id) on delete cascade,
  action text not null
    constraint audit_logs_action_check check (action in ('create', 'update', 'delete', 'restore', 'tags')),
  at timestamptz not null default now(),
  changes jsonb not null default '{}'::jsonb
    constraint audit_logs_changes_check check (jsonb_typeof(changes) = 'object')
);

create index audit_logs_post_id_idx on public.audit_logs (post_id, id);
create index audit_logs_actor_id_idx on public.audit_logs (actor_id);

-- Privileges are explicit (config.toml: auto_expose_new_tables = false). Column lists are the
-- first guard for "ids, authorId and timestamps are set by the platform": a client can neither
-- insert nor update them, whatever the policies say. users.email is left out of every client
-- grant: it is private, and RLS filters rows, not columns.
revoke all on public.users, public.profiles, public.posts, public.tags, public.post_tags, public.audit_logs
  from anon, authenticated;

grant select (id, name, created_at, updated_at) on public.users to anon, authenticated;
grant update (name) on public.users to authenticated;

grant select on public.profiles to anon, authenticated;
grant insert (bio, avatar_url), update (bio, avatar_url) on public.profiles to authenticated;

grant select (id, author_id, title, content, published, created_at, updated_at, deleted_at)
  on public.posts to anon, authenticated;
grant insert (title, content, published) on public.posts to authenticated;
grant update (title, content, published, deleted_at) on public.posts to authenticated;

grant select (id, name) on public.tags to anon, authenticated;
grant insert (name) on public.tags to authenticated;

grant select on public.post_tags to anon, authenticated;
grant insert, delete on public.post_tags to authenticated;

grant select on public.audit_logs to authenticated;

grant all on public.users, public.profiles, public.posts, public.tags, public.post_tags, public.audit_logs
  to service_role;
