-- Writes to one post are stamped in commit order. now() is the transaction's start: a write that
-- waited for the post's row lock carried a time from before the write it waited for, so the audit
-- log (and updated_at) could go backwards. Every write to a post holds its row lock (UPDATE takes
-- it; set_post_tags takes it first), so under that lock the clock, kept at least 1 ms past the
-- previous value, gives a post's updated_at and audit `at` strictly increasing in commit order.

create or replace function private.set_updated_at() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (to_jsonb(new) - 'updated_at') is distinct from (to_jsonb(old) - 'updated_at') then
    new.updated_at := greatest(clock_timestamp(), old.updated_at + interval '1 millisecond');
  end if;
  return new;
end
$$;

create or replace function private.guard_post_update() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.deleted_at is null and new.deleted_at is not null then
    new.deleted_at := clock_timestamp();
  elsif old.deleted_at is not null and new.deleted_at is not null then
    new.deleted_at := old.deleted_at;
  end if;

  if (old.deleted_at is not null or new.deleted_at is not null)
    and (new.title, new.content, new.published) is distinct from (old.title, old.content, old.published)
  then
    raise exception 'a deleted post cannot be edited, and deleting or restoring changes nothing else'
      using errcode = 'object_not_in_prerequisite_state';
  end if;
  return new;
end
$$;

-- An entry's `at` is the post's created_at (create) or new updated_at: the write's own stamp.
create or replace function private.audit_post_write() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  entry_action text;
  entry_changes jsonb := '{}'::jsonb;
begin
  if tg_op = 'INSERT' then
    entry_action := 'create';
  elsif old.deleted_at is null and new.deleted_at is not null then
    entry_action := 'delete';
  elsif old.deleted_at is not null and new.deleted_at is null then
    entry_action := 'restore';
  else
    if new.title is distinct from old.title then
      entry_changes := entry_changes || jsonb_build_object('title', jsonb_build_object('from', old.title, 'to', new.title));
    end if;
    if new.content is distinct from old.content then
      entry_changes := entry_changes || jsonb_build_object('content', jsonb_build_object('from', old.content, 'to', new.content));
    end if;
    if new.published is distinct from old.published then
      entry_changes := entry_changes || jsonb_build_object('published', jsonb_build_object('from', old.published, 'to', new.published));
    end if;
    if entry_changes = '{}'::jsonb then
      return null;
    end if;
    entry_action := 'update';
  end if;

  insert into public.audit_logs (post_id, actor_id, action, changes, at)
  values (new.id, coalesce(auth.uid(), new.author_id), entry_action, entry_changes, new.updated_at);
  return null;
end
$$;

-- Called by set_post_tags with the post's row lock held.
create or replace function private.record_post_tags_change(target_post_id uuid, from_tags text[], to_tags text[])
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  stamped timestamptz;
begin
  update public.posts
  set updated_at = greatest(clock_timestamp(), updated_at + interval '1 millisecond')
  where id = target_post_id and author_id = auth.uid() and deleted_at is null
  returning updated_at into stamped;
  if not found then
    raise exception 'only the author records a tag change of a live post'
      using errcode = 'insufficient_privilege';
  end if;

  insert into public.audit_logs (post_id, actor_id, action, changes, at)
  values (
    target_post_id,
    auth.uid(),
    'tags',
    jsonb_build_object('tags', jsonb_build_object('from', to_jsonb(from_tags), 'to', to_jsonb(to_tags))),
    stamped
  );
end
$$;

-- The row lock comes first, in the statement that checks the post is still live: a delete that
-- committed while this call waited makes it NOT_FOUND, never FORBIDDEN to the author, and the
-- tags read afterwards (a new snapshot) include every change committed before the lock.
create or replace function public.set_post_tags(post_id uuid, tags text[]) returns public.post_details
language plpgsql security invoker set search_path = ''
as $$
declare
  post_author_id uuid;
  previous_tags text[];
  next_tags text[] := array(select distinct name from unnest(set_post_tags.tags) as name order by name);
  updated public.post_details;
begin
  -- Visibility first (RLS): not visible is NOT_FOUND, visible but not one's own is FORBIDDEN.
  select p.author_id into post_author_id
  from public.posts p
  where p.id = set_post_tags.post_id and p.deleted_at is null;
  if not found then
    raise exception 'post not found' using errcode = 'no_data_found';
  end if;
  if post_author_id is distinct from auth.uid() then
    raise exception 'only the author may tag a post' using errcode = 'insufficient_privilege';
  end if;

  -- Serializes writes to the post (the 10-tag limit counts its rows); re-checked after the wait.
  perform from public.posts p
  where p.id = set_post_tags.post_id and p.deleted_at is null
  for no key update;
  if not found then
    raise exception 'post not found' using errcode = 'no_data_found';
  end if;

  previous_tags := array(
    select t.name
    from public.post_tags pt
    join public.tags t on t.id = pt.tag_id
    where pt.post_id = set_post_tags.post_id
    order by t.name
  );

  if previous_tags is distinct from next_tags then
    delete from public.post_tags pt
    using public.tags t
    where pt.post_id = set_post_tags.post_id and t.id = pt.tag_id and t.name <> all(next_tags);
    perform private.link_post_tags(set_post_tags.post_id, next_tags);
    perform private.record_post_tags_change(set_post_tags.post_id, previous_tags, next_tags);
  end if;

  select * into updated from public.post_details d where d.id = set_post_tags.post_id;
  return updated;
end
$$;

-- A post's log is read in `at` order.
create index audit_logs_post_id_at_idx on public.audit_logs (post_id, at, id);
drop index public.audit_logs_post_id_idx;
