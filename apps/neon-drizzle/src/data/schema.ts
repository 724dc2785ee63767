import { AUDIT_ACTIONS, AVATAR_URL_PATTERN, type AuditChanges, RULES, TAG_PATTERN } from '@parity/domain';
import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// CHECK constraints are the second line behind the zod schemas and quote the same RULES.
// Names follow `<table>_<column>_check` so that errors.ts can name the offending field.
const charLength = (column: AnyPgColumn, { min = 0, max }: { min?: number; max: number }): SQL =>
  (min > 0
    ? sql`char_length(${column}) between ${min} and ${max}`
    : sql`char_length(${column}) <= ${max}`
  ).inlineParams();
const matches = (column: AnyPgColumn, pattern: RegExp): SQL =>
  sql`${column} ~ ${pattern.source}`.inlineParams();

// Millisecond precision: what crosses the interface is exactly what is stored, so a listPosts
// cursor built from createdAt never falls between two stored values.
const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const createdAt = () => timestampMs('created_at').notNull().defaultNow();
const updatedAt = () => timestampMs('updated_at').notNull().defaultNow();

// The domain's users are also Better Auth's user model (`usePlural` maps `user` onto this table):
// one table of accounts, whose ids the database generates. email_verified and image are Better
// Auth's own fields; the domain does not expose them.
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Plain email, the column Better Auth looks up (`email = $1`): the CHECK below keeps it lower
    // case, so this index is as strict as one on lower(email) would be.
    uniqueIndex('users_email_key').on(t.email),
    check('users_email_check', sql`${charLength(t.email, RULES.email)} and ${t.email} = lower(${t.email})`),
    check('users_name_check', charLength(t.name, RULES.name)),
  ],
);

export const profiles = pgTable(
  'profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    bio: text('bio'),
    avatarUrl: text('avatar_url'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('profiles_bio_check', charLength(t.bio, RULES.bio)),
    check(
      'profiles_avatar_url_check',
      sql`${charLength(t.avatarUrl, RULES.avatarUrl)} and ${matches(t.avatarUrl, AVATAR_URL_PATTERN)}`,
    ),
  ],
);

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    content: text('content'),
    published: boolean('published').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestampMs('deleted_at'),
  },
  (t) => [
    check('posts_title_check', charLength(t.title, RULES.title)),
    check('posts_content_check', charLength(t.content, RULES.content)),
    // The feed in keyset order, for everyone: anonymous callers skip the drafts it holds, a
    // signed-in caller keeps their own. NULLS FIRST is what ORDER BY ... DESC means; Drizzle's
    // .desc() alone writes DESC NULLS LAST, which PostgreSQL cannot use for that ORDER BY.
    index('posts_feed_idx')
      .on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.deletedAt} is null`),
    // listPosts by author in keyset order; also the index of the author_id foreign key.
    index('posts_author_id_idx').on(t.authorId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

export const tags = pgTable(
  'tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique('tags_name_key'),
    // Published, live posts carrying the tag, kept by the tagged_posts triggers (listTags).
    postCount: integer('post_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('tags_name_check', matches(t.name, TAG_PATTERN)),
    // The tag cloud: the most used tags first, ties by name, unused tags left out.
    index('tags_post_count_idx')
      .on(t.postCount.desc().nullsFirst(), t.name)
      .where(sql`${t.postCount} > 0`),
  ],
);

// A pure link table: its rows are only ever inserted and deleted, so it carries no timestamps.
export const postTags = pgTable(
  'post_tags',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.tagId] }),
    // listPosts by tag and listTags; also the index of the tag_id foreign key.
    index('post_tags_tag_id_idx').on(t.tagId, t.postId),
  ],
);

/**
 * The live (not deleted) posts under each tag, in feed order: a copy of post_tags carrying the
 * post's author, visibility and created_at, so a tag filter reads one index range in keyset order
 * whatever the tag's popularity (Convex's postTags by_tag index does the same). Only triggers
 * write it (drizzle/0003_tagged_posts_triggers.sql); the data layer only reads it.
 */
export const taggedPosts = pgTable(
  'tagged_posts',
  {
    tagId: uuid('tag_id').notNull(),
    // The tag's name (tags are never renamed): filtering on it lets the planner use the tag's own
    // statistics, so a popular tag gets the ordered index walk, not a sort of all its posts.
    tag: text('tag').notNull(),
    postId: uuid('post_id').notNull(),
    authorId: uuid('author_id').notNull(),
    published: boolean('published').notNull(),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.tagId] }),
    // Unlinking a tag or hard-deleting a post removes the row with its link.
    foreignKey({ columns: [t.postId, t.tagId], foreignColumns: [postTags.postId, postTags.tagId] }).onDelete(
      'cascade',
    ),
    index('tagged_posts_feed_idx').on(t.tag, t.createdAt.desc().nullsFirst(), t.postId.desc().nullsFirst()),
    index('tagged_posts_author_feed_idx').on(
      t.tag,
      t.authorId,
      t.createdAt.desc().nullsFirst(),
      t.postId.desc().nullsFirst(),
    ),
  ],
);

export const auditAction = pgEnum('audit_action', AUDIT_ACTIONS);

export const auditLogs = pgTable(
  'audit_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    action: auditAction('action').notNull(),
    changes: jsonb('changes').$type<AuditChanges>().notNull().default({}),
    // Append-only, so no updated_at. The write sets it to the post's createdAt / new updatedAt
    // (audit.ts), which strictly increase per post, so it orders a post's entries.
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_logs_post_id_idx').on(t.postId, t.createdAt),
    index('audit_logs_actor_id_idx').on(t.actorId),
  ],
);

// Better Auth's session, account and verification models, as its Drizzle adapter reads them
// (property names are its field names). A deleted user takes their sessions and accounts along.
const userIdReference = () =>
  uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: userIdReference(),
    token: text('token').notNull().unique('sessions_token_key'),
    expiresAt: timestampMs('expires_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: userIdReference(),
    providerId: text('provider_id').notNull(),
    accountId: text('account_id').notNull(),
    // The scrypt hash of an email + password account ('credential' provider).
    password: text('password'),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestampMs('access_token_expires_at'),
    refreshTokenExpiresAt: timestampMs('refresh_token_expires_at'),
    scope: text('scope'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_provider_id_account_id_key').on(t.providerId, t.accountId),
    index('accounts_user_id_idx').on(t.userId),
  ],
);

export const verifications = pgTable(
  'verifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestampMs('expires_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('verifications_identifier_idx').on(t.identifier)],
);
