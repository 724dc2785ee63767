import { describe, expect, it } from 'vitest';
import {
  createPostInput,
  parseInput,
  signUpInput,
  updateMeInput,
  updatePostInput,
  upsertProfileInput,
} from '../src';
import { validationFields } from './helpers';

const repeat = (n: number, char = 'a') => char.repeat(n);
const EMOJI = '😀'; // one code point, two UTF-16 units

describe('email', () => {
  const signUp = (email: string) => parseInput(signUpInput, { email, name: 'Ada' }).email;

  it('is trimmed and lowercased', () => {
    expect(signUp('  Ada.Lovelace@Example.COM \n')).toBe('ada.lovelace@example.com');
  });

  it('rejects an invalid address', () => {
    for (const email of ['', ' ', 'ada', 'ada@', '@example.com', 'ada @example.com', 'ada@example']) {
      expect(validationFields(signUpInput, { email, name: 'Ada' })).toHaveProperty('email');
    }
  });

  it('accepts 254 characters and rejects 255', () => {
    // 64-char local part + '@' + labels of at most 63 characters: 65 + 63 + 1 + 63 + 1 + n + 4.
    const emailOfLength = (length: number) =>
      `${repeat(64)}@${repeat(63, 'b')}.${repeat(63, 'c')}.${repeat(length - 197, 'd')}.com`;
    const at254 = emailOfLength(254);
    const at255 = emailOfLength(255);
    expect(at254).toHaveLength(254);
    expect(at255).toHaveLength(255);
    expect(signUp(at254)).toBe(at254);
    expect(validationFields(signUpInput, { email: at255, name: 'Ada' })).toHaveProperty('email');
  });
});

describe.each([
  { field: 'name', max: 80, parse: (value: string) => parseInput(updateMeInput, { name: value }).name },
  { field: 'title', max: 200, parse: (value: string) => parseInput(createPostInput, { title: value }).title },
])('$field (trimmed, 1–$max characters)', ({ field, max, parse }) => {
  const schema = field === 'name' ? updateMeInput : createPostInput;

  it('rejects 0 characters, and whitespace only', () => {
    expect(validationFields(schema, { [field]: '' })).toEqual({ [field]: ['Required'] });
    expect(validationFields(schema, { [field]: ' \t\n ' })).toHaveProperty(field);
  });

  it('accepts 1 and max characters', () => {
    expect(parse('x')).toBe('x');
    expect(parse(repeat(max))).toBe(repeat(max));
  });

  it('rejects max + 1 characters', () => {
    expect(validationFields(schema, { [field]: repeat(max + 1) })).toHaveProperty(field);
  });

  it('trims unicode whitespace before counting', () => {
    expect(parse(`\u00a0\u2003\u3000${repeat(max)}\u00a0\ufeff`)).toBe(repeat(max));
    expect(validationFields(schema, { [field]: '\u00a0\u2003\u3000' })).toHaveProperty(field);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(parse(EMOJI.repeat(max))).toBe(EMOJI.repeat(max));
    expect(validationFields(schema, { [field]: EMOJI.repeat(max + 1) })).toHaveProperty(field);
  });
});

describe.each([
  { field: 'bio', max: 280, schema: upsertProfileInput },
  { field: 'content', max: 20_000, schema: updatePostInput },
])('$field (null or at most $max characters, kept as given)', ({ field, max, schema }) => {
  const parse = (value: unknown) =>
    (parseInput(schema, { [field]: value }) as Record<string, unknown>)[field];

  it('accepts null, 0, 1 and max characters', () => {
    expect(parse(null)).toBeNull();
    expect(parse('')).toBe('');
    expect(parse('x')).toBe('x');
    expect(parse(repeat(max))).toBe(repeat(max));
  });

  it('rejects max + 1 characters, counting code points', () => {
    expect(validationFields(schema, { [field]: repeat(max + 1) })).toHaveProperty(field);
    expect(parse(EMOJI.repeat(max))).toBe(EMOJI.repeat(max));
    expect(validationFields(schema, { [field]: EMOJI.repeat(max + 1) })).toHaveProperty(field);
  });

  it('is not trimmed', () => {
    expect(parse('  spaced  ')).toBe('  spaced  ');
  });
});

describe('avatarUrl (null or an absolute https URL, at most 2048 characters)', () => {
  const parse = (avatarUrl: unknown) => parseInput(upsertProfileInput, { avatarUrl }).avatarUrl;
  const urlOfLength = (length: number) => {
    const prefix = 'https://example.com/';
    return prefix + repeat(length - prefix.length);
  };

  it('accepts null and https URLs up to 2048 characters', () => {
    expect(parse(null)).toBeNull();
    expect(parse('https://example.com/a.png?size=64#x')).toBe('https://example.com/a.png?size=64#x');
    expect(parse('https://localhost:8443')).toBe('https://localhost:8443');
    expect(parse(urlOfLength(2048))).toHaveLength(2048);
  });

  it('rejects 2049 characters', () => {
    expect(validationFields(upsertProfileInput, { avatarUrl: urlOfLength(2049) })).toHaveProperty(
      'avatarUrl',
    );
  });

  it('rejects other schemes, relative URLs, missing hosts and whitespace', () => {
    for (const avatarUrl of [
      '',
      'http://example.com/a.png',
      'ftp://example.com/a.png',
      'javascript:alert(1)',
      '/a.png',
      'example.com/a.png',
      'https://',
      'https:///a.png',
      ' https://example.com/a.png',
      'https://example.com/a b.png',
    ]) {
      expect(validationFields(upsertProfileInput, { avatarUrl }), avatarUrl).toHaveProperty('avatarUrl');
    }
  });
});
