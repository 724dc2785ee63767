import { TAG_PATTERN } from './rules';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** trim, lowercase, inner whitespace runs → '-' (SPEC.md §3). Does not validate. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/gu, '-');
}

export function isValidTag(normalized: string): boolean {
  return TAG_PATTERN.test(normalized);
}

export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

/** Every timestamp crossing the interface: ISO 8601 UTC with milliseconds. */
export function toIsoTimestamp(value: Date | number | string): string {
  return new Date(value).toISOString();
}
