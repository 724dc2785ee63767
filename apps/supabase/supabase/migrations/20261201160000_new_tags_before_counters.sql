-- set_post_tags and edit_post locked their tags' counters (lock_tag_counters, id order) and only
-- then inserted the tags nobody had used yet (link_post_tags). A createPost that had just inserted
-- the same new tag, not yet committed, and then waited for one of those counters deadlocked with
-- it (40P01): the retag waited on the create's insert, the create on the retag's counter. The load
-- test's concurrent writers hit it (test/tag-lock-order.test.ts). Now the tags a call will add
-- are inserted before any counter is locked, in name order as link_post_tags inserts them, so every
-- write takes its locks in the same two phases: new tag rows first, then counters in id order.
create or replace function private.lock_tag_counters(tag_names text[]) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.tags (name)
  select name from unnest(tag_names) as name order by name
  on conflict (name) do nothing;

  perform from public.tags where name = any(tag_names) order by id for no key update;
end
$$;

revoke all on function private.lock_tag_counters(text[]) from public;
grant execute on function private.lock_tag_counters(text[]) to authenticated;
