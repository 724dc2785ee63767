import { describe, expect, it } from 'vitest';
import {
  createPostInput,
  parseInput,
  setPostTagsInput,
  signUpInput,
  updateMeInput,
  upsertProfileInput,
} from '../src';
import { validationFields } from './helpers';

describe('unknown fields named like Object.prototype members', () => {
  it.each(['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'])(
    '%s is VALIDATION naming it, as an own key of plain fields',
    (key) => {
      // JSON.parse makes `__proto__` an own key, as a request body would.
      const input: unknown = JSON.parse(`{"title":"x",${JSON.stringify(key)}:1}`);
      const fields = validationFields(createPostInput, input);
      expect(Object.keys(fields)).toEqual([key]);
      expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    },
  );
});

describe('text PostgreSQL cannot store, or that platforms would change', () => {
  const bad = ['a\u0000b', 'a\uD800b', 'a\uDC00', '\u0085x', 'x\u0085', 'a\u0007b', 'a\u009fb', 'a\u007fb'];

  it.each(bad.map((value) => [JSON.stringify(value), value]))(
    '%s is VALIDATION in every text field',
    (_, value) => {
      expect(validationFields(signUpInput, { email: `a${value}@example.com`, name: value })).toEqual({
        email: expect.any(Array),
        name: expect.any(Array),
      });
      expect(validationFields(updateMeInput, { name: value })).toHaveProperty('name');
      expect(
        Object.keys(
          validationFields(upsertProfileInput, { bio: value, avatarUrl: `https://a.b/${value}` }),
        ).sort(),
      ).toEqual(['avatarUrl', 'bio']);
      expect(
        Object.keys(
          validationFields(createPostInput, { title: value, content: value, tags: [value] }),
        ).sort(),
      ).toEqual(['content', 'tags', 'title']);
      expect(validationFields(setPostTagsInput, { tags: [value] })).toHaveProperty('tags');
    },
  );

  it('keeps tab, line breaks, paired surrogates and other Unicode', () => {
    const value = 'a\tb\nc\r\nd 😀 \u00e9 \u200b \u2028';
    expect(parseInput(createPostInput, { title: 'x', content: value }).content).toBe(value);
  });
});
