-- The edit form's one write (SPEC.md §6, "An edit is all or nothing"): the fields and the tag set of
-- a post in one transaction, with one audit entry. SECURITY INVOKER like the other rpc functions:
-- RLS applies to every statement, and the triggers keep updated_at, the tag counts and the log.

-- The entry the posts_audit trigger wrote for edit_post's field update (the post's latest, at its
-- current stamp) also records the tag change, so one edit is one entry. Like the other private
-- helpers it is reachable from SQL only (the API exposes public), and only for the author's post.
create function private.add_tags_to_edit_entry(target_post_id uuid, from_tags text[], to_tags text[])
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  update public.audit_logs a
  set changes = a.changes
    || jsonb_build_object('tags', jsonb_build_object('from', to_jsonb(from_tags), 'to', to_jsonb(to_tags)))
  from public.posts p
  where p.id = target_post_id
    and p.author_id = auth.uid()
    and p.deleted_at is null
    and a.post_id = p.id
    and a.action = 'update'
    and a.at = p.updated_at;
  if not found then
    raise exception 'only the author records the tag change of their own edit'
      using errcode = 'insufficient_privilege';
  end if;
end
$$;

revoke all on function private.add_tags_to_edit_entry(uuid, text[], text[]) from public;
grant execute on function private.add_tags_to_edit_entry(uuid, text[], text[]) to authenticated;

-- `fields` is a patch: only the keys it has (title, content, published) change, so that content
-- can be set to null; `tags` null keeps the tags. Visibility and ownership answer as set_post_tags
-- does: not visible is NOT_FOUND, visible but not one's own FORBIDDEN, deleted meanwhile NOT_FOUND.
create function public.edit_post(post_id uuid, fields jsonb default '{}', tags text[] default null)
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

revoke all on function public.edit_post(uuid, jsonb, text[]) from public, anon;
grant execute on function public.edit_post(uuid, jsonb, text[]) to authenticated, service_role;
