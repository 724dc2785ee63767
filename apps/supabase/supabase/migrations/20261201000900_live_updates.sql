-- Live updates through Supabase Realtime (postgres_changes). Realtime checks an INSERT or UPDATE
-- against the subscriber's RLS on the new row, so a post that becomes a draft or is deleted would
-- simply fall silent for everyone else, and DELETE events are sent without any RLS check. Pages
-- therefore subscribe to this log instead of to posts: one row per change that may alter what a
-- page shows, readable by everyone when the post is or was public, by its author otherwise. It
-- carries ids only; pages re-read through the data layer, where the usual policies apply.

create table public.post_changes (
  id bigint generated always as identity primary key,
  post_id uuid not null,
  author_id uuid not null,
  -- The post was public (published, not deleted) before or after the change.
  public boolean not null,
  changed_at timestamptz not null default now()
);

create index post_changes_changed_at_idx on public.post_changes (changed_at);

alter table public.post_changes enable row level security;
revoke all on public.post_changes from anon, authenticated;
grant select on public.post_changes to anon, authenticated;
grant all on public.post_changes to service_role;

create policy post_changes_select_public_or_own on public.post_changes
  for select to anon, authenticated
  using (public or author_id = (select auth.uid()));

-- Rows only need to outlive their delivery; a day is ample and keeps the table small.
create function private.prune_post_changes() returns void
language sql security definer set search_path = ''
as $$
  delete from public.post_changes where changed_at < now() - interval '1 day';
$$;

create function private.log_post_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.post_changes (post_id, author_id, public)
  values (
    new.id,
    new.author_id,
    (new.published and new.deleted_at is null)
      or coalesce(tg_op = 'UPDATE' and old.published and old.deleted_at is null, false)
  );
  perform private.prune_post_changes();
  return null;
end
$$;

create trigger posts_log_change
  after insert or update on public.posts
  for each row execute function private.log_post_change();

-- Tags change in sets (set_post_tags): one row per post and statement, not one per tag.
create function private.log_post_tags_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.post_changes (post_id, author_id, public)
  select p.id, p.author_id, p.published and p.deleted_at is null
  from public.posts p
  where p.id in (select distinct post_id from changed);
  return null;
end
$$;

create trigger post_tags_log_insert
  after insert on public.post_tags
  referencing new table as changed
  for each statement execute function private.log_post_tags_change();

create trigger post_tags_log_delete
  after delete on public.post_tags
  referencing old table as changed
  for each statement execute function private.log_post_tags_change();

-- Every Supabase project has this publication (created here only on a plain PostgreSQL).
do $$
begin
  if not exists (select from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;

alter publication supabase_realtime add table public.post_changes;
