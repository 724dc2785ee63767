/**
 * Where each rule of the spec is enforced, per platform: a checked map. Each site names a piece of
 * code by an anchor, a string that must occur exactly once in the app's source (outside tests); the
 * report finds its file and line at generation time, so moving code never leaves a stale line
 * number, and `test/rules.test.ts` fails when an anchor disappears or becomes ambiguous.
 * Anchors rather than annotations in the apps: the map stays in one file a reader can audit.
 */
import type { Platform } from './report';

export interface SiteAnchor {
  anchor: string;
  mechanism: string;
}

export interface RuleEntry {
  rule: string;
  /** The section of the spec that states the rule. */
  spec: string;
  sites: Record<Platform, SiteAnchor[]>;
}

export const RULES: RuleEntry[] = [
  {
    rule: 'Authentication first: every anonymous write is UNAUTHENTICATED',
    spec: 'SPEC.md §4',
    sites: {
      'neon-drizzle': [{ anchor: 'export function requireActor(', mechanism: 'data-layer check' }],
      supabase: [
        {
          anchor: 'export async function requireSessionUser(',
          mechanism: 'data-layer check (RLS refuses anon too)',
        },
      ],
      convex: [{ anchor: 'export async function requireUser(', mechanism: 'Convex helper over ctx.auth' }],
    },
  },
  {
    rule: 'Visibility: a published, live post is visible to everyone, a draft to its author only',
    spec: 'SPEC.md §4',
    sites: {
      'neon-drizzle': [{ anchor: 'export function visibleTo(', mechanism: 'data-layer WHERE clause' }],
      supabase: [{ anchor: 'create policy posts_select_published_or_own', mechanism: 'RLS policy' }],
      convex: [{ anchor: 'export function isVisible(', mechanism: 'Convex function check' }],
    },
  },
  {
    rule: 'Ownership: only the author writes a post (FORBIDDEN if visible, else NOT_FOUND)',
    spec: 'SPEC.md §4',
    sites: {
      'neon-drizzle': [{ anchor: 'export async function findPostForAuthor(', mechanism: 'data-layer check' }],
      supabase: [{ anchor: 'create policy posts_update_own', mechanism: 'RLS policy' }],
      convex: [{ anchor: 'export async function requireAuthoredPost(', mechanism: 'Convex function check' }],
    },
  },
  {
    rule: 'Ownership: only the owner writes a profile',
    spec: 'SPEC.md §4',
    sites: {
      'neon-drizzle': [
        { anchor: 'export const upsertProfile', mechanism: 'data layer keys by the acting user' },
      ],
      supabase: [{ anchor: 'create policy profiles_update_self', mechanism: 'RLS policy' }],
      convex: [
        {
          anchor: 'export const upsertProfile = userMutation(',
          mechanism: 'Convex mutation keyed by ctx.auth',
        },
      ],
    },
  },
  {
    rule: 'Validation: title trimmed, 1–200 characters (and every other field rule)',
    spec: 'SPEC.md §3',
    sites: {
      'neon-drizzle': [
        { anchor: 'parseInput(createPostInput, input)', mechanism: 'shared zod schema in the data layer' },
        { anchor: 'CONSTRAINT "posts_title_check"', mechanism: 'CHECK constraint' },
      ],
      supabase: [
        { anchor: 'parseInput(createPostInput, input)', mechanism: 'shared zod schema in the data layer' },
        { anchor: 'constraint posts_title_check', mechanism: 'CHECK constraint' },
      ],
      convex: [
        {
          anchor: 'args: { post: createPostInput }',
          mechanism: 'shared zod schema as the function arguments',
        },
      ],
    },
  },
  {
    rule: 'Validation: at most 10 tags per post',
    spec: 'SPEC.md §3',
    sites: {
      'neon-drizzle': [
        { anchor: 'parseInput(setPostTagsInput', mechanism: 'shared zod schema in the data layer' },
      ],
      supabase: [{ anchor: 'create trigger post_tags_limit', mechanism: 'trigger' }],
      convex: [
        {
          anchor: 'export const setPostTags = userMutation(',
          mechanism: 'Convex mutation with the shared zod schema',
        },
      ],
    },
  },
  {
    rule: 'Audit: one entry per successful write, none for a failed one',
    spec: 'SPEC.md §4',
    sites: {
      'neon-drizzle': [
        {
          anchor: 'export function auditEntry(',
          mechanism: "data layer, a CTE of the write's one statement",
        },
      ],
      supabase: [{ anchor: 'create trigger posts_audit', mechanism: 'trigger' }],
      convex: [{ anchor: 'export async function appendAudit(', mechanism: 'Convex helper, in the mutation' }],
    },
  },
  {
    rule: 'An edit is all or nothing: fields and tags in one write, one audit entry',
    spec: 'SPEC.md §6',
    sites: {
      'neon-drizzle': [
        {
          anchor: 'export const editPost = withContractErrors(',
          mechanism: 'data layer, one guarded statement',
        },
      ],
      supabase: [
        {
          anchor: 'create function public.edit_post(',
          mechanism: 'rpc function, one transaction under the row lock',
        },
      ],
      convex: [{ anchor: 'export const editPost = userMutation(', mechanism: 'one Convex mutation' }],
    },
  },
  {
    rule: 'Soft delete: a deleted post stays, hidden from all, restorable by its author',
    spec: 'SPEC.md §1, §5',
    sites: {
      'neon-drizzle': [{ anchor: 'export const deletePost', mechanism: 'data layer sets deleted_at' }],
      supabase: [{ anchor: 'create trigger posts_guard_update', mechanism: 'trigger guarding deleted rows' }],
      convex: [
        { anchor: 'export const deletePost = mutation(', mechanism: 'Convex mutation sets deletedAt' },
      ],
    },
  },
  {
    rule: 'Account deletion: deleteMe removes the user, profile, posts, links and their audit',
    spec: 'SPEC.md §4',
    sites: {
      'neon-drizzle': [{ anchor: 'export const deleteMe', mechanism: 'data layer, foreign keys cascade' }],
      supabase: [
        { anchor: 'create function public.delete_me()', mechanism: 'rpc function, foreign keys cascade' },
      ],
      convex: [
        { anchor: 'export const deleteMe = mutation(', mechanism: 'Convex mutation deletes each document' },
      ],
    },
  },
  {
    rule: 'Counts: listTags counts published, live posts; omits 0',
    spec: 'SPEC.md §4',
    sites: {
      'neon-drizzle': [{ anchor: 'export const listTags', mechanism: 'data-layer aggregate query' }],
      supabase: [{ anchor: 'create view public.tag_counts', mechanism: 'SQL view (security invoker)' }],
      convex: [
        { anchor: 'export async function syncPostTags(', mechanism: 'counts maintained by the mutations' },
      ],
    },
  },
];
