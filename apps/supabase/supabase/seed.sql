-- A little demo data for `supabase db reset` / local development; the tests never load it.
-- Users are created the way sign-up creates them: a row in auth.users, whose trigger adds the
-- public user. Passwords are not set, so these accounts cannot sign in.
insert into auth.users (id, aud, role, email, raw_user_meta_data)
values
  ('00000000-0000-4000-8000-000000000001', 'authenticated', 'authenticated', 'ada@example.com', '{"name": "Ada Lovelace"}'),
  ('00000000-0000-4000-8000-000000000002', 'authenticated', 'authenticated', 'grace@example.com', '{"name": "Grace Hopper"}');

insert into public.profiles (user_id, bio, avatar_url)
values
  ('00000000-0000-4000-8000-000000000001', 'Wrote the first program.', null),
  ('00000000-0000-4000-8000-000000000002', 'Found the first bug.', null);

insert into public.posts (id, author_id, title, content, published)
values
  ('00000000-0000-4000-8000-000000000101', '00000000-0000-4000-8000-000000000001', 'Notes on the Analytical Engine', 'It weaves algebraic patterns.', true),
  ('00000000-0000-4000-8000-000000000102', '00000000-0000-4000-8000-000000000002', 'A moth in relay 70', 'First actual case of bug being found.', true),
  ('00000000-0000-4000-8000-000000000103', '00000000-0000-4000-8000-000000000002', 'Compilers, a draft', null, false);

insert into public.tags (name) values ('history'), ('computing'), ('debugging');

insert into public.post_tags (post_id, tag_id)
select p.id, t.id
from (values
  ('00000000-0000-4000-8000-000000000101'::uuid, 'history'),
  ('00000000-0000-4000-8000-000000000101'::uuid, 'computing'),
  ('00000000-0000-4000-8000-000000000102'::uuid, 'debugging')
) as p (id, tag_name)
join public.tags t on t.name = p.tag_name;
