/**
 * The floor: for each contract operation, the best single SQL statement a person would write for
 * the same result on the same schema, sent through plain node-postgres. Writes are one statement
 * each (data-modifying CTEs); on Supabase the audit triggers write what neon's CTE inserts.
 */
export type Flavor = 'neon-drizzle' | 'supabase';

const POST = `select p.id, p.author_id, u.name as author_name, p.title, p.content, p.published,
  p.created_at, p.updated_at, coalesce((select array_agg(t.name order by t.name)
    from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = p.id), '{}') as tags`;
const PAGE = `order by p.created_at desc, p.id desc limit 21`;

export const FLOOR_READS = {
  feed: `${POST} from posts p join users u on u.id = p.author_id
    where p.deleted_at is null and p.published ${PAGE}`,
  feedSignedIn: `${POST} from posts p join users u on u.id = p.author_id
    where p.deleted_at is null and (p.published or p.author_id = $1) ${PAGE}`,
  byAuthor: `${POST} from posts p join users u on u.id = p.author_id
    where p.author_id = $1 and p.deleted_at is null and p.published ${PAGE}`,
  byTag: `${POST} from tagged_posts tp join posts p on p.id = tp.post_id join users u on u.id = p.author_id
    where tp.tag = $1 and tp.published
    order by tp.created_at desc, tp.post_id desc limit 21`,
  after: `${POST} from posts p join users u on u.id = p.author_id
    where p.deleted_at is null and p.published and (p.created_at, p.id) < ($1, $2) ${PAGE}`,
  getPost: `${POST} from posts p join users u on u.id = p.author_id
    where p.id = $1 and p.deleted_at is null and p.published`,
  listTags: `select name, post_count from tags where post_count > 0 order by post_count desc, name limit 50`,
};

export function floorAuditLog(flavor: Flavor): string {
  return flavor === 'supabase'
    ? `select id, post_id, actor_id, action, at, changes from audit_logs where post_id = $1 order by at, id`
    : `select id, post_id, actor_id, action, created_at, changes from audit_logs where post_id = $1 order by created_at`;
}

/** $1 author, $2 title, $3 tag names. */
export function floorCreatePost(flavor: Flavor): string {
  return `with p as (insert into posts (author_id, title, published) values ($1, $2, true) returning id),
    l as (insert into post_tags (post_id, tag_id) select p.id, t.id from p, tags t where t.name = any($3::text[]))
    ${flavor === 'neon-drizzle' ? `, a as (insert into audit_logs (post_id, actor_id, action) select id, $1, 'create' from p)` : ''}
    select id from p`;
}

/** $1 post, $2 title, $3 author. */
export function floorUpdatePost(flavor: Flavor): string {
  const update = `update posts set title = $2, updated_at = now() where id = $1 and author_id = $3 and deleted_at is null`;
  return flavor === 'supabase'
    ? update
    : `with u as (${update} returning id)
       insert into audit_logs (post_id, actor_id, action, changes)
       select id, $3, 'update', jsonb_build_object('title', jsonb_build_object('to', $2::text)) from u`;
}

/** $1 post, $2 tag names, $3 author. */
export const FLOOR_SET_POST_TAGS = `with
  d as (delete from post_tags where post_id = $1 and tag_id <> all(array(select id from tags where name = any($2::text[])))),
  i as (insert into post_tags (post_id, tag_id) select $1, id from tags where name = any($2::text[]) on conflict do nothing),
  u as (update posts set updated_at = now() where id = $1 and author_id = $3 and deleted_at is null returning id)
  insert into audit_logs (post_id, actor_id, action, changes)
  select id, $3, 'tags', jsonb_build_object('tags', $2::text[]) from u`;

/**
 * $1 post, $2 title, $3 tag names, $4 author: the title, the links and one entry listing both
 * changes (on Supabase the posts_audit trigger writes the entry, as for updatePost).
 */
export function floorEditPost(flavor: Flavor): string {
  const before = `select p.title, array(select t.name from post_tags pt join tags t on t.id = pt.tag_id
      where pt.post_id = p.id order by t.name) as tags
    from posts p where p.id = $1 and p.author_id = $4 and p.deleted_at is null`;
  const links = `d as (delete from post_tags where post_id = $1 and tag_id <> all(array(select id from tags where name = any($3::text[])))),
    i as (insert into post_tags (post_id, tag_id) select $1, id from tags where name = any($3::text[]) on conflict do nothing)`;
  const update = `update posts set title = $2, updated_at = now() where id = $1 and author_id = $4 and deleted_at is null`;
  return flavor === 'supabase'
    ? `with ${links} ${update}`
    : `with b as (${before}), ${links}, u as (${update} returning id)
       insert into audit_logs (post_id, actor_id, action, changes)
       select u.id, $4, 'update', jsonb_build_object('title', jsonb_build_object('from', b.title, 'to', $2::text),
         'tags', jsonb_build_object('from', b.tags, 'to', $3::text[])) from u, b`;
}

/** $1 post, $2 author. */
export function floorDeletePost(flavor: Flavor): string {
  const update = `update posts set deleted_at = now(), updated_at = now() where id = $1 and author_id = $2 and deleted_at is null`;
  return flavor === 'supabase'
    ? update
    : `with u as (${update} returning id) insert into audit_logs (post_id, actor_id, action) select id, $2, 'delete' from u`;
}
