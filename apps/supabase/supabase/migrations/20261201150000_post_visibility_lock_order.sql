-- Deleting a post removes its tagged_posts rows with one DELETE, whose rows come in the order the
-- scan finds them (physical order on a small table, not tag id order), and each row's trigger moves
-- its tag's counter. Two posts sharing tags, deleted at once, could so take the counters in opposite
-- orders and deadlock (40P01): the load test's concurrent deletes hit it (test/visibility-lock-order
-- .test.ts). Now the trigger first takes every counter it will move in id order, as every other
-- write does (private.lock_tag_counters); restoring and publishing go through the same lock.
create or replace function private.tagged_posts_follow_post() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- Only published rows count (tags_count_tagged_posts), so only then are there counters to move.
  if (old.published or new.published) and (
    (new.deleted_at is null) is distinct from (old.deleted_at is null)
    or (new.deleted_at is null and new.published is distinct from old.published)
  ) then
    perform from public.tags t
    where t.id in (select pt.tag_id from public.post_tags pt where pt.post_id = new.id)
    order by t.id
    for no key update;
  end if;
  if new.deleted_at is not null and old.deleted_at is null then
    delete from public.tagged_posts where post_id = new.id;
  elsif new.deleted_at is null and old.deleted_at is not null then
    insert into public.tagged_posts (tag_id, tag, post_id, author_id, published, created_at)
    select pt.tag_id, t.name, new.id, new.author_id, new.published, new.created_at
    from public.post_tags pt
    join public.tags t on t.id = pt.tag_id
    where pt.post_id = new.id
    order by pt.tag_id;
  elsif new.published is distinct from old.published then
    update public.tagged_posts set published = new.published where post_id = new.id;
  end if;
  return null;
end
$$;

revoke all on function private.tagged_posts_follow_post() from public;
