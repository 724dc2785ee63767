-- Triggers: the public user row at sign-up, updated_at, the rules of soft deletion, the tag limit
-- and the audit trail. Functions that must write what clients cannot (users, audit_logs) are
-- SECURITY DEFINER and live in schema private, which the Data API does not expose.

create schema private;
revoke all on schema private from public;
grant usage on schema private to authenticated;

-- Sign-up: GoTrue inserts auth.users; the profile name comes from signUp's options.data.
create function private.create_public_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.users (id, email, name)
  values (new.id, new.email, coalesce(new.raw_user_meta_data ->> 'name', ''));
  return new;
end
$$;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.create_public_user();

-- updated_at moves only when something else in the row changed, so a no-op update keeps it.
create function private.set_updated_at() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (to_jsonb(new) - 'updated_at') is distinct from (to_jsonb(old) - 'updated_at') then
    new.updated_at := now();
  end if;
  return new;
end
$$;

create trigger users_set_updated_at
  before update on public.users
  for each row execute function private.set_updated_at();

create trigger profiles_set_updated_at
  before update on public.profiles
  for each row execute function private.set_updated_at();

-- Soft deletion: the database sets deleted_at itself, and a delete or restore changes nothing
-- else; a deleted post cannot be edited until it is restored.
create function private.guard_post_update() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.deleted_at is null and new.deleted_at is not null then
    new.deleted_at := now();
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

-- Named so that it runs before posts_set_updated_at (same-event triggers fire in name order).
create trigger posts_guard_update
  before update on public.posts
  for each row execute function private.guard_post_update();

create trigger posts_set_updated_at
  before update on public.posts
  for each row execute function private.set_updated_at();

-- At most 10 tags per post: no CHECK can count rows, so a trigger stands in for one.
create function private.limit_post_tags() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (select count(*) from public.post_tags where post_id = new.post_id) >= 10 then
    raise exception 'a post has at most 10 tags'
      using errcode = 'check_violation', constraint = 'post_tags_limit_check';
  end if;
  return new;
end
$$;

create trigger post_tags_limit
  before insert on public.post_tags
  for each row execute function private.limit_post_tags();

-- Audit: one entry per successful write, in the write's own transaction; no entry for a no-op.
create function private.audit_post_write() returns trigger
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

  insert into public.audit_logs (post_id, actor_id, action, changes)
  values (new.id, coalesce(auth.uid(), new.author_id), entry_action, entry_changes);
  return null;
end
$$;

create trigger posts_audit
  after insert or update on public.posts
  for each row execute function private.audit_post_write();

-- A tag change spans several post_tags statements but is one write: set_post_tags calls this
-- once, after its changes, to touch the post and append the single 'tags' entry.
create function private.record_post_tags_change(target_post_id uuid, from_tags text[], to_tags text[])
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  update public.posts set updated_at = now()
  where id = target_post_id and author_id = auth.uid() and deleted_at is null;
  if not found then
    raise exception 'only the author records a tag change of a live post'
      using errcode = 'insufficient_privilege';
  end if;

  insert into public.audit_logs (post_id, actor_id, action, changes)
  values (
    target_post_id,
    auth.uid(),
    'tags',
    jsonb_build_object('tags', jsonb_build_object('from', to_jsonb(from_tags), 'to', to_jsonb(to_tags)))
  );
end
$$;

revoke all on all functions in schema private from public;
grant execute on function private.record_post_tags_change(uuid, text[], text[]) to authenticated;
