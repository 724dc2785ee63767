/**
 * The numbers and patterns of SPEC.md §3 in one place, so that the zod schemas here and the
 * CHECK constraints / Convex validators of every platform quote the same values.
 */
export const RULES = {
  email: { max: 254 },
  name: { min: 1, max: 80 },
  bio: { max: 280 },
  avatarUrl: { max: 2048 },
  title: { min: 1, max: 200 },
  content: { max: 20_000 },
  tags: { maxPerPost: 10 },
  limit: { min: 1, max: 100, default: 20 },
} as const;

/**
 * listTags returns the tag cloud: the most used tags only, as tag clouds do, so reading it costs
 * the same whatever the number of posts or tags.
 */
export const TAG_CLOUD_SIZE = 50;

/** A normalized tag. */
export const TAG_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * An absolute https URL with a host; no whitespace anywhere, so that what is stored is exactly
 * what was validated (the WHATWG parser would silently strip surrounding spaces).
 */
export const AVATAR_URL_PATTERN = /^https:\/\/[^\s/?#]+([/?#]\S*)?$/;

/**
 * Length in Unicode code points, as PostgreSQL's char_length counts it, so an emoji is one
 * character on every platform (String#length would count two).
 */
export function charCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
