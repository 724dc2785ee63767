-- Deleting an account cascades to its posts, and each post's tagged_posts rows move their tags'
-- counters as the cascade reaches them: post by post, not in tag id order. Two accounts deleted at
-- once whose posts share tags then lock the counters in opposite orders and deadlock (40P01). The
-- user's row goes before its posts, so a BEFORE DELETE trigger there takes those counters first,
-- in id order, as every other write does (private.lock_tag_counters).
create function private.lock_tag_counters_of_author() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform from public.tags t
  where t.id in (
    select tp.tag_id
    from public.posts p
    join public.tagged_posts tp on tp.post_id = p.id
    where p.author_id = old.id and tp.published
  )
  order by t.id
  for no key update;
  return old;
end
$$;

revoke all on function private.lock_tag_counters_of_author() from public;

create trigger users_lock_tag_counters
  before delete on public.users
  for each row execute function private.lock_tag_counters_of_author();
