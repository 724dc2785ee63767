-- Reads whose work is one page at any size: the tag filter walks tagged_posts, a trigger-kept
-- copy of the live posts under each tag in feed order; listTags reads tags.post_count, kept by
-- triggers; list_posts pages with a row comparison, which PostgREST filters cannot express.

-- The live (not deleted) posts under each tag, with what the tag filter and RLS need to decide
-- without touching posts. Only the triggers below write it; an unlinked tag or a hard-deleted
-- post takes its rows along through the foreign key. Convex's postTags by_tag index is the same idea.
create table public.tagged_posts (
  tag_id uuid not null,
  -- The name (tags are never renamed): a filter on it is planned with the tag's own statistics.
  tag text not null,
  post_id uuid not null,
  author_id uuid not null,
  published boolean not null,
  created_at timestamptz not null,
  primary key (post_id, tag_id),
  foreign key (post_id, tag_id) references public.post_tags (post_id, tag_id) on delete cascade
);

create index tagged_posts_feed_idx on public.tagged_posts (tag, created_at desc, post_id desc);
create index tagged_posts_author_feed_idx
  on public.tagged_posts (tag, author_id, created_at desc, post_id desc);

alter table public.tagged_posts enable row level security;

-- The rows of posts_select_published_or_own: the table holds live posts only.
create policy tagged_posts_select_published_or_own on public.tagged_posts
  for select to anon, authenticated
  using (published or author_id = (select auth.uid()));

revoke all on public.tagged_posts from anon, authenticated;
grant select on public.tagged_posts to anon, authenticated;
grant all on public.tagged_posts to service_role;

-- The author listing index also serves the author_id foreign key, so deleting an account (which
-- cascades to its posts) reads that author's posts only; as a partial index it could not.
drop index public.posts_author_listing_idx;
create index posts_author_listing_idx on public.posts (author_id, created_at desc, id desc);

-- Published, live posts per tag, kept by the triggers; readable, never written, by clients.
alter table public.tags add column post_count integer not null default 0;
create index tags_post_count_idx on public.tags (post_count desc, name) where post_count > 0;
grant select (post_count) on public.tags to anon, authenticated;

-- SECURITY DEFINER: a client's write moves rows clients may not write themselves.
create function private.tagged_posts_link() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.tagged_posts (tag_id, tag, post_id, author_id, published, created_at)
  select new.tag_id, t.name, p.id, p.author_id, p.published, p.created_at
  from public.posts p, public.tags t
  where p.id = new.post_id and p.deleted_at is null and t.id = new.tag_id;
  return null;
end
$$;

create trigger post_tags_list_post
  after insert on public.post_tags
  for each row execute function private.tagged_posts_link();

-- Deleting a post hides it from its tags, restoring lists it again, publishing flips the flag.
create function private.tagged_posts_follow_post() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
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

create trigger posts_follow_in_tagged_posts
  after update of published, deleted_at on public.posts
  for each row execute function private.tagged_posts_follow_post();

-- A published row entering or leaving tagged_posts moves its tag's count. The rows of one
-- statement come in tag id order, so concurrent writes lock the tags rows in one order.
create function private.tags_count_tagged_posts() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.published then
    update public.tags set post_count = post_count - 1 where id = old.tag_id;
  end if;
  if tg_op in ('UPDATE', 'INSERT') and new.published then
    update public.tags set post_count = post_count + 1 where id = new.tag_id;
  end if;
  return null;
end
$$;

create trigger tagged_posts_count
  after insert or delete or update of published on public.tagged_posts
  for each row execute function private.tags_count_tagged_posts();

revoke all on all functions in schema private from public;

-- Links in tag id order, for the lock order above (otherwise as before).
create or replace function private.link_post_tags(target_post_id uuid, tag_names text[]) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  insert into public.tags (name)
  select name from unnest(tag_names) as name order by name
  on conflict (name) do nothing;

  insert into public.post_tags (post_id, tag_id)
  select target_post_id, t.id from public.tags t where t.name = any(tag_names)
  order by t.id
  on conflict do nothing;
end
$$;

-- Existing data: list every live post's links; the count trigger counts them.
insert into public.tagged_posts (tag_id, tag, post_id, author_id, published, created_at)
select pt.tag_id, t.name, p.id, p.author_id, p.published, p.created_at
from public.post_tags pt
join public.posts p on p.id = pt.post_id
join public.tags t on t.id = pt.tag_id
where p.deleted_at is null
order by pt.tag_id;

-- listTags reads tags.post_count now.
drop view public.tag_counts;

-- listPosts as one keyset page. An rpc because the keyset condition is a row comparison,
-- (created_at, id) < (after_created_at, after_id), which an index range serves directly and which
-- PostgREST's filters cannot express (their or() form walks the index from the top). With no
-- cursor the comparison is against 'infinity', so every branch is one index range.
-- SECURITY INVOKER: RLS on posts and tagged_posts decides what the caller sees.
create function public.list_posts(
  author_id uuid default null,
  tag text default null,
  after_created_at timestamptz default null,
  after_id uuid default null,
  page_size integer default 21
) returns setof public.post_details
language plpgsql stable security invoker set search_path = ''
as $$
declare
  before_created_at timestamptz := coalesce(list_posts.after_created_at, 'infinity');
  before_id uuid := coalesce(list_posts.after_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff');
begin
  -- EXECUTE plans each call with its own tag: a cached generic plan would assume an average
  -- tag and sort a popular tag's every post instead of walking tagged_posts_feed_idx in order.
  if list_posts.tag is not null then
    return query execute
      'select d.*
       from public.tagged_posts tp
       join public.post_details d on d.id = tp.post_id
       where tp.tag = $1 and ($2::uuid is null or tp.author_id = $2)
         and (tp.created_at, tp.post_id) < ($3, $4)
       order by tp.created_at desc, tp.post_id desc
       limit $5'
      using list_posts.tag, list_posts.author_id, before_created_at, before_id, list_posts.page_size;
  elsif list_posts.author_id is not null then
    return query
      select d.*
      from public.post_details d
      where d.author_id = list_posts.author_id and (d.created_at, d.id) < (before_created_at, before_id)
      order by d.created_at desc, d.id desc
      limit list_posts.page_size;
  else
    return query
      select d.*
      from public.post_details d
      where (d.created_at, d.id) < (before_created_at, before_id)
      order by d.created_at desc, d.id desc
      limit list_posts.page_size;
  end if;
end
$$;

revoke all on function public.list_posts(uuid, text, timestamptz, uuid, integer) from public;
grant execute on function public.list_posts(uuid, text, timestamptz, uuid, integer)
  to anon, authenticated, service_role;
