-- set_post_tags and edit_post moved tag counters in two steps: the removed tags' (the delete's
-- triggers), then the added ones' (the links' triggers). Two calls swapping tags in opposite directions (one post
-- a → c, another c → a) each held one counter and waited for the other's: a deadlock, which
-- PostgreSQL broke by failing one call (test/tag-lock-order.test.ts). Now each call locks every
-- counter it will move in id order first, the order the count triggers use, so the second waits.

-- SECURITY DEFINER: clients may not update tags, and a row lock for update needs that right.
create function private.lock_tag_counters(tag_names text[]) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  perform from public.tags where name = any(tag_names) order by id for no key update;
end
$$;

revoke all on function private.lock_tag_counters(text[]) from public;
grant execute on function private.lock_tag_counters(text[]) to authenticated;

-- As before, with the counters this call moves locked after the post's row and before its links.
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
    perform private.lock_tag_counters(array(
      (select unnest(previous_tags) except select unnest(next_tags))
      union all
      (select unnest(next_tags) except select unnest(previous_tags))
    ));
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

-- edit_post the same way: its published flip moves the counters of every tag of the post.
create or replace function public.edit_post(post_id uuid, fields jsonb default '{}', tags text[] default null)
returns public.post_details
language plpgsql security invoker set search_path = ''
as $$
declare
  post_author_id uuid;
  stamp_before timestamptz;
  stamp_after timestamptz;
  previous_tags text[];
  next_tags text[];
  edited public.post_details;
begin
  select p.author_id into post_author_id
  from public.posts p
  where p.id = edit_post.post_id and p.deleted_at is null;
  if not found then
    raise exception 'post not found' using errcode = 'no_data_found';
  end if;
  if post_author_id is distinct from auth.uid() then
    raise exception 'only the author may edit a post' using errcode = 'insufficient_privilege';
  end if;

  -- The row lock serializes the edit with the post's other writes; re-checked after the wait, and
  -- the tags read afterwards (a new snapshot) include every change committed before it.
  select p.updated_at into stamp_before
  from public.posts p
  where p.id = edit_post.post_id and p.deleted_at is null
  for no key update;
  if not found then
    raise exception 'post not found' using errcode = 'no_data_found';
  end if;

  previous_tags := array(
    select t.name
    from public.post_tags pt
    join public.tags t on t.id = pt.tag_id
    where pt.post_id = edit_post.post_id
    order by t.name
  );
  next_tags := case
    when edit_post.tags is null then previous_tags
    else array(select distinct name from unnest(edit_post.tags) as name order by name)
  end;

  -- Publishing, unpublishing or retagging moves tag counters (the triggers): the counters of every
  -- tag the post has or will have are locked first, in id order, as set_post_tags does.
  if edit_post.fields ? 'published' or previous_tags is distinct from next_tags then
    perform private.lock_tag_counters(array(
      select unnest(previous_tags) union select unnest(next_tags)
    ));
  end if;

  -- A field change moves updated_at and appends the `update` entry (triggers); a no-op moves nothing.
  stamp_after := stamp_before;
  if edit_post.fields <> '{}'::jsonb then
    update public.posts p
    set
      title = case when edit_post.fields ? 'title' then edit_post.fields ->> 'title' else p.title end,
      content = case when edit_post.fields ? 'content' then edit_post.fields ->> 'content' else p.content end,
      published = case
        when edit_post.fields ? 'published' then (edit_post.fields -> 'published')::boolean
        else p.published
      end
    where p.id = edit_post.post_id
    returning p.updated_at into stamp_after;
  end if;

  if previous_tags is distinct from next_tags then
    delete from public.post_tags pt
    using public.tags t
    where pt.post_id = edit_post.post_id and t.id = pt.tag_id and t.name <> all(next_tags);
    perform private.link_post_tags(edit_post.post_id, next_tags);
    if stamp_after > stamp_before then
      perform private.add_tags_to_edit_entry(edit_post.post_id, previous_tags, next_tags);
    else
      -- Only the tags change: the `tags` entry set_post_tags writes.
      perform private.record_post_tags_change(edit_post.post_id, previous_tags, next_tags);
    end if;
  end if;

  select * into edited from public.post_details d where d.id = edit_post.post_id;
  return edited;
end
$$;
