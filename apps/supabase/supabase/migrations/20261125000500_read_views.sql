-- Read models. security_invoker = true makes every view run with the caller's privileges, so the
-- policies of the tables underneath still decide which rows a caller sees.

-- A post as the contract returns it, the author's name and the sorted tag names included, so a
-- read is a single select. Deleted posts are left out here, for everyone (their author too).
create view public.post_details with (security_invoker = true) as
select
  p.id,
  p.author_id,
  u.name as author_name,
  p.title,
  p.content,
  p.published,
  array(
    select t.name
    from public.post_tags pt
    join public.tags t on t.id = pt.tag_id
    where pt.post_id = p.id
    order by t.name
  ) as tags,
  p.created_at,
  p.updated_at
from public.posts p
join public.users u on u.id = p.author_id
where p.deleted_at is null;

-- Tags counted over published, live posts only, whoever asks; unused tags do not appear.
create view public.tag_counts with (security_invoker = true) as
select t.name, count(*)::integer as post_count
from public.tags t
join public.post_tags pt on pt.tag_id = t.id
join public.posts p on p.id = pt.post_id
where p.published and p.deleted_at is null
group by t.name;

revoke all on public.post_details, public.tag_counts from anon, authenticated;
grant select on public.post_details, public.tag_counts to anon, authenticated, service_role;
