import { describe, expect, it } from 'vitest';
import { createPostInput, listPostsQuery, normalizeTag, parseInput, setPostTagsInput } from '../src';
import { validationFields } from './helpers';

const parseTags = (tags: unknown) => parseInput(setPostTagsInput, { tags }).tags;
const tagsOf = (n: number) => Array.from({ length: n }, (_, i) => `tag-${i}`);

describe('tag normalization', () => {
  it('trims, lowercases and turns inner whitespace runs into one dash', () => {
    expect(normalizeTag('  Type Script  ')).toBe('type-script');
    expect(normalizeTag('a \t\n b')).toBe('a-b');
    expect(normalizeTag('\u00a0Next\u2003JS\u3000')).toBe('next-js');
  });

  it('collapses duplicates after normalizing and sorts ascending', () => {
    expect(parseTags(['Zod', 'zod', ' ZOD ', 'a b', 'A  B', 'convex'])).toEqual(['a-b', 'convex', 'zod']);
  });
});

describe('tag pattern ^[a-z0-9][a-z0-9-]{0,31}$', () => {
  it('accepts 1 and 32 characters, digits and inner dashes', () => {
    expect(parseTags(['a', '7', 'a-b-c', 'x'.repeat(32), '0-day'])).toEqual([
      '0-day',
      '7',
      'a',
      'a-b-c',
      'x'.repeat(32),
    ]);
  });

  it('rejects 0 characters, 33 characters, a leading dash and other characters', () => {
    for (const tag of ['', '   ', 'x'.repeat(33), '-lead', 'c++', 'node.js', 'café', 'a_b', '#tag']) {
      expect(validationFields(setPostTagsInput, { tags: [tag] }), tag).toHaveProperty('tags');
    }
  });

  it('allows a trailing dash, as the pattern does', () => {
    expect(parseTags(['wip-'])).toEqual(['wip-']);
  });
});

describe('tags per post', () => {
  it('accepts 0 and 10 tags, rejects 11', () => {
    expect(parseTags([])).toEqual([]);
    expect(parseTags(tagsOf(10))).toHaveLength(10);
    expect(validationFields(setPostTagsInput, { tags: tagsOf(11) })).toEqual({ tags: ['At most 10 tags'] });
  });

  it('counts after collapsing duplicates: 11 given, 10 distinct, is fine', () => {
    expect(parseTags([...tagsOf(10), 'TAG-0'])).toHaveLength(10);
  });

  it('rejects non-string entries and a non-array', () => {
    expect(validationFields(setPostTagsInput, { tags: ['ok', 3] })).toHaveProperty('tags');
    expect(validationFields(setPostTagsInput, { tags: 'ok' })).toHaveProperty('tags');
  });

  it('defaults to no tags on createPost', () => {
    expect(parseInput(createPostInput, { title: 'x' }).tags).toEqual([]);
  });
});

describe('tag filter of listPosts', () => {
  it('is normalized like a stored tag', () => {
    expect(parseInput(listPostsQuery, { tag: '  Type Script ' }).tag).toBe('type-script');
  });

  it('rejects a value that cannot be a tag, under the field "tag"', () => {
    expect(validationFields(listPostsQuery, { tag: 'c++' })).toEqual({ tag: [expect.any(String)] });
  });
});
