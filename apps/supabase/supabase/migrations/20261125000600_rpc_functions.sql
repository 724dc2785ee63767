-- Writes that span several tables, each one atomic round trip through rpc. SECURITY INVOKER
-- (the default, written out): they run as the caller, so RLS applies to every statement inside.

-- Adds the given (normalized) tag names, sharing existing ones, and links them to the post.
-- Names are inserted in sorted order, so concurrent posts sharing new tags cannot deadlock.
create function private.link_post_tags(target_post_id uuid, tag_names text[]) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  insert into public.tags (name)
  select name from unnest(tag_names) as name order by name
  on conflict (name) do nothing;

  insert into public.post_tags (post_id, tag_id)
  select target_post_id, t.id from public.tags t where t.name = any(tag_names)
  on conflict do nothing;
end
$$;

revoke all on function private.link_post_tags(uuid, text[]) from public;
grant execute on function private.link_post_tags(uuid, text[]) to authenticated;

create function public.create_post(
  title text,
  content text default null,
  published boolean default false,
  tags text[] default '{}'
) returns public.post_details
language plpgsql security invoker set search_path = ''
as $$
declare
  new_post_id uuid;
  created public.post_details;
begin
  insert into public.posts (title, content, published)
  values (create_post.title, create_post.content, create_post.published)
  returning id into new_post_id;

  perform private.link_post_tags(
    new_post_id,
    array(select distinct name from unnest(create_post.tags) as name order by name)
  );

  select * into created from public.post_details d where d.id = new_post_id;
  return created;
end
$$;

-- Replaces a post's tags. Not the author: FORBIDDEN when the caller can see the post, NOT_FOUND
-- otherwise (RLS hides it); the same tag set is a no-op without an audit entry.
create function public.set_post_tags(post_id uuid, tags text[]) returns public.post_details
language plpgsql security invoker set search_path = ''
as $$
declare
  post_author_id uuid;
  previous_tags text[];
  next_tags text[] := array(select distinct name from unnest(set_post_tags.tags) as name order by name);
  updated public.post_details;
begin
  select p.author_id into post_author_id
  from public.posts p
  where p.id = set_post_tags.post_id and p.deleted_at is null;
  if not found then
    raise exception 'post not found' using errcode = 'no_data_found';
  end if;
  if post_author_id is distinct from auth.uid() then
    raise exception 'only the author may tag a post' using errcode = 'insufficient_privilege';
  end if;

  -- Serializes concurrent tag changes of one post (the 10-tag limit counts its rows).
  perform from public.posts p where p.id = set_post_tags.post_id for no key update;

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

-- deleteMe: on Supabase a user cannot delete from auth.users, so this one function does it with
-- the owner's rights, for the caller's own account only (auth.uid()); the foreign keys cascade
-- to public.users, profiles, posts, post_tags and audit_logs in the same statement.
create function public.delete_me() returns void
language plpgsql security definer set search_path = ''
as $$
begin
  delete from auth.users where id = auth.uid();
  if not found then
    raise exception 'no account to delete' using errcode = 'invalid_authorization_specification';
  end if;
end
$$;

revoke all on function public.create_post(text, text, boolean, text[]) from public, anon;
revoke all on function public.set_post_tags(uuid, text[]) from public, anon;
revoke all on function public.delete_me() from public, anon;
grant execute on function public.create_post(text, text, boolean, text[]) to authenticated, service_role;
grant execute on function public.set_post_tags(uuid, text[]) to authenticated, service_role;
grant execute on function public.delete_me() to authenticated;
