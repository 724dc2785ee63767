-- set_post_tags moved tag counters in two steps: the removed tags' (the delete's triggers), then
-- the added ones' (the links' triggers). Two calls swapping tags in opposite directions (one post
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
