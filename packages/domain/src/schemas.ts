import { z } from 'zod';
import { ContractError, type FieldErrors } from './errors';
import { isValidTag, normalizeEmail, normalizeTag } from './normalize';
import { AVATAR_URL_PATTERN, RULES, charCount, isStorableText } from './rules';

/** Any text input: a string PostgreSQL can store and every platform returns unchanged. */
const text = () =>
  z.string().refine(isStorableText, 'Control characters and lone surrogates are not allowed');

const chars = (min: number, max: number) =>
  text()
    .refine((s) => charCount(s) >= min, min === 1 ? 'Required' : `At least ${min} characters`)
    .refine((s) => charCount(s) <= max, `At most ${max} characters`);

const trimmedText = (min: number, max: number) => text().trim().pipe(chars(min, max));

export const emailSchema = text()
  .transform(normalizeEmail)
  .pipe(z.email('Not a valid email address').max(RULES.email.max, `At most ${RULES.email.max} characters`));
export const nameSchema = trimmedText(RULES.name.min, RULES.name.max);
export const bioSchema = chars(0, RULES.bio.max).nullable();
export const avatarUrlSchema = text()
  .max(RULES.avatarUrl.max, `At most ${RULES.avatarUrl.max} characters`)
  .refine((s) => AVATAR_URL_PATTERN.test(s) && URL.canParse(s), 'Must be an absolute https URL')
  .nullable();
export const titleSchema = trimmedText(RULES.title.min, RULES.title.max);
export const contentSchema = chars(0, RULES.content.max).nullable();
export const publishedSchema = z.boolean();

/** One tag filter value, normalized like a stored tag. */
export const tagSchema = text()
  .transform(normalizeTag)
  .refine(isValidTag, 'Not a valid tag: 1–32 of a-z, 0-9 and "-", starting with a letter or digit');

/** A post's tag list: normalized, duplicates collapsed, sorted, at most 10. */
export const tagsSchema = z.array(z.string()).transform((tags, ctx) => {
  const normalized = [...new Set(tags.map(normalizeTag))].sort();
  for (const tag of normalized) {
    if (!isValidTag(tag)) ctx.addIssue({ code: 'custom', message: `Not a valid tag: "${tag}"` });
  }
  if (normalized.length > RULES.tags.maxPerPost) {
    ctx.addIssue({ code: 'custom', message: `At most ${RULES.tags.maxPerPost} tags` });
  }
  return normalized;
});

export const limitSchema = z
  .number()
  .int('Must be an integer')
  .min(RULES.limit.min, `At least ${RULES.limit.min}`)
  .max(RULES.limit.max, `At most ${RULES.limit.max}`);

// Strict objects: a field the contract does not name (authorId, id, createdAt…) is rejected,
// as Convex argument validators and PostgREST reject unknown columns.
export const signUpInput = z.strictObject({ email: emailSchema, name: nameSchema });
/**
 * A patch field given as `undefined` is not given: it is dropped, so every platform sees the same
 * patch (JSON would drop it on the way to PostgREST or Convex, but not on the way to Drizzle).
 */
function givenFields<T extends object>(patch: T): T {
  // Object.entries and fromEntries keep exactly the keys zod output; only the undefined ones go.
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as T;
}

export const updateMeInput = z.strictObject({ name: nameSchema.optional() }).transform(givenFields);
export const upsertProfileInput = z
  .strictObject({
    bio: bioSchema.optional(),
    avatarUrl: avatarUrlSchema.optional(),
  })
  .transform(givenFields);
export const createPostInput = z.strictObject({
  title: titleSchema,
  content: contentSchema.optional().transform((content) => content ?? null),
  published: publishedSchema.optional().transform((published) => published ?? false),
  tags: tagsSchema.optional().transform((tags) => tags ?? []),
});
const postFields = {
  title: titleSchema.optional(),
  content: contentSchema.optional(),
  published: publishedSchema.optional(),
};
export const updatePostInput = z.strictObject(postFields).transform(givenFields);
/** The edit form's one write: the fields and the tag set together. */
export const editPostInput = z
  .strictObject({ ...postFields, tags: tagsSchema.optional() })
  .transform(givenFields);
export const setPostTagsInput = z.strictObject({ tags: tagsSchema });
export const listPostsQuery = z.strictObject({
  authorId: z.string().optional(),
  tag: tagSchema.optional(),
  limit: limitSchema.optional().transform((limit) => limit ?? RULES.limit.default),
  cursor: z.string().nullable().optional(),
});

/** SPEC.md §7: the password rule, the same on every platform. */
export const passwordSchema = z
  .string()
  .refine((s) => charCount(s) >= RULES.password.min, `At least ${RULES.password.min} characters`);

/** SPEC.md §7: the messages of the two expected account failures, worded alike everywhere. */
export const ACCOUNT_MESSAGES = {
  emailTaken: 'This email already has an account.',
  wrongCredentials: 'Wrong email or password.',
} as const;

export type CreatePostInput = z.output<typeof createPostInput>;
export type UpdatePostInput = z.output<typeof updatePostInput>;
export type EditPostInput = z.output<typeof editPostInput>;
export type ListPostsQuery = z.output<typeof listPostsQuery>;

/** Parses input or throws VALIDATION with every bad field at once. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw ContractError.validation(fieldErrorsOf(result.error.issues));
}

/** A zod issue, as zod reports it or after a JSON round trip (Convex error data). */
export interface ValidationIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[];
}

/** Issues of one input object's schema as the contract's field errors: the first path key names the field. */
export function fieldErrorsOf(issues: readonly ValidationIssue[]): FieldErrors {
  // A Map, not an object literal: an unknown field may be named `toString` or `__proto__`.
  const fields = new Map<string, string[]>();
  const add = (field: string, message: string) => {
    const messages = fields.get(field);
    if (messages) messages.push(message);
    else fields.set(field, [message]);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) add(key, 'Unknown field');
    } else {
      const [head] = issue.path;
      add(typeof head === 'string' ? head : 'input', issue.message);
    }
  }
  // fromEntries defines own properties, so even `__proto__` becomes a plain key.
  return Object.fromEntries(fields);
}

/**
 * An id argument (getPost, updatePost, auditLog…): any string, since a malformed one simply names
 * no record (null / NOT_FOUND); anything else is a wrong type, VALIDATION on `id`.
 */
export function parseId(id: unknown): string {
  if (typeof id === 'string') return id;
  throw ContractError.validation({ id: ['Must be a string'] });
}

/**
 * The input with one more field (sign-up's password next to the account). Only an object gets
 * it: anything else stays as it is, so its schema still reports it as not an object (`input`).
 */
export function withField(input: unknown, field: string, value: unknown): unknown {
  return typeof input === 'object' && input !== null && !Array.isArray(input)
    ? { ...input, [field]: value }
    : input;
}
