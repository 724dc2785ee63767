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
  /** Sign-up only (SPEC.md §7); each platform's auth service enforces the same minimum. */
  password: { min: 8 },
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

// C0 and C1 control characters except tab, line feed and carriage return (NUL cannot be stored in
// PostgreSQL text at all; U+0085 is whitespace to PostgreSQL's regexes but not to String#trim),
// and UTF-16 surrogates that are not part of a pair (not Unicode text: PostgreSQL cannot store
// them and JSON encoders replace them). With the `u` flag a paired surrogate is one code point,
// so \p{Cs} (surrogate) matches lone ones only.
const UNSTORABLE = /(?![\t\n\r])\p{Cc}|\p{Cs}/u;

/** Whether a text input is stored and returned unchanged by every platform (CONTRACT decision). */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}
