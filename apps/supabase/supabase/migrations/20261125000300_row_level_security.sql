-- Row Level Security decides every read and write a client makes. Policies call
-- (select auth.uid()) so PostgreSQL evaluates it once per statement, not once per row.
-- Operations without a policy here are denied to clients on purpose (no grant either):
-- inserting users (the sign-up trigger does), hard-deleting posts (deletion is soft), updating
-- or deleting tags (a shared vocabulary) and any write to audit_logs (only triggers write it).

alter table public.users enable row level security;
alter table public.profiles enable row level security;
alter table public.posts enable row level security;
alter table public.tags enable row level security;
alter table public.post_tags enable row level security;
alter table public.audit_logs enable row level security;

-- users: public names, each user edits only their own row.
create policy users_select_everyone on public.users
  for select to anon, authenticated
  using (true);

create policy users_update_self on public.users
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- profiles: readable by everyone, written by their owner only.
create policy profiles_select_everyone on public.profiles
  for select to anon, authenticated
  using (true);

create policy profiles_insert_self on public.profiles
  for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy profiles_update_self on public.profiles
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- posts: published and not deleted for everyone; every post of their own for the author, so the
-- author can soft-delete (the row must stay visible after the update), restore, and read the
-- audit log of a deleted post. The data layer hides the author's deleted posts from reads.
create policy posts_select_published_or_own on public.posts
  for select to anon, authenticated
  using ((published and deleted_at is null) or author_id = (select auth.uid()));

create policy posts_insert_as_author on public.posts
  for insert to authenticated
  with check (author_id = (select auth.uid()));

create policy posts_update_own on public.posts
  for update to authenticated
  using (author_id = (select auth.uid()))
  with check (author_id = (select auth.uid()));

-- tags: a shared vocabulary; any signed-in author may add a name (create_post does, with
-- ON CONFLICT DO NOTHING, so concurrent posts sharing a new tag all succeed).
create policy tags_select_everyone on public.tags
  for select to anon, authenticated
  using (true);

create policy tags_insert_signed_in on public.tags
  for insert to authenticated
  with check ((select auth.uid()) is not null);

-- post_tags: visible with the post; linked and unlinked by the author of a live post.
create policy post_tags_select_with_post on public.post_tags
  for select to anon, authenticated
  using (exists (select from public.posts p where p.id = post_id));

create policy post_tags_insert_by_author on public.post_tags
  for insert to authenticated
  with check (
    exists (
      select from public.posts p
      where p.id = post_id and p.author_id = (select auth.uid()) and p.deleted_at is null
    )
  );

create policy post_tags_delete_by_author on public.post_tags
  for delete to authenticated
  using (
    exists (
      select from public.posts p
      where p.id = post_id and p.author_id = (select auth.uid()) and p.deleted_at is null
    )
  );

-- audit_logs: the author of the post reads its log; nobody writes it but the triggers.
create policy audit_logs_select_post_author on public.audit_logs
  for select to authenticated
  using (
    exists (select from public.posts p where p.id = post_id and p.author_id = (select auth.uid()))
  );
