import { describe, expect, it } from 'vitest';
import {
  ContractError,
  contractErrorFromData,
  createPostInput,
  listPostsQuery,
  parseInput,
  postChanges,
  updatePostInput,
  upsertProfileInput,
} from '../src';
import { validationFields } from './helpers';

describe('createPost input', () => {
  it('defaults published to false and content to null', () => {
    expect(parseInput(createPostInput, { title: 'Hello' })).toEqual({
      title: 'Hello',
      content: null,
      published: false,
      tags: [],
    });
  });

  it('reports every bad field at once', () => {
    const fields = validationFields(createPostInput, {
      title: ' ',
      content: 'x'.repeat(20_001),
      published: 'yes',
      tags: ['ok', 'not ok!'],
    });
    expect(Object.keys(fields).sort()).toEqual(['content', 'published', 'tags', 'title']);
  });

  it('rejects fields the platform sets, naming each', () => {
    const fields = validationFields(createPostInput, {
      title: 'Hello',
      authorId: 'someone-else',
      id: 'mine',
      createdAt: '2000-01-01T00:00:00.000Z',
    });
    expect(Object.keys(fields).sort()).toEqual(['authorId', 'createdAt', 'id']);
  });

  it('rejects a missing title and a non-object input', () => {
    expect(validationFields(createPostInput, {})).toHaveProperty('title');
    expect(validationFields(createPostInput, null)).toHaveProperty('input');
  });
});

describe('patches', () => {
  it('accept an empty patch and fields given as undefined', () => {
    expect(parseInput(updatePostInput, {})).toEqual({});
    expect(parseInput(upsertProfileInput, { bio: undefined })).toStrictEqual({});
    expect(parseInput(updatePostInput, { title: undefined, published: true })).toStrictEqual({
      published: true,
    });
  });

  it('postChanges keeps only fields that change', () => {
    const current = { title: 'A', content: null, published: false };
    expect(postChanges(current, {})).toEqual({});
    expect(postChanges(current, { title: 'A', content: null, published: false })).toEqual({});
    expect(postChanges(current, { title: 'B', published: false, content: 'text' })).toEqual({
      title: { from: 'A', to: 'B' },
      content: { from: null, to: 'text' },
    });
  });
});

describe('limit', () => {
  const parseLimit = (limit: unknown) => parseInput(listPostsQuery, { limit }).limit;

  it('defaults to 20 and accepts 1 and 100', () => {
    expect(parseInput(listPostsQuery, {}).limit).toBe(20);
    expect(parseLimit(undefined)).toBe(20);
    expect(parseLimit(1)).toBe(1);
    expect(parseLimit(100)).toBe(100);
  });

  it('rejects 0, 101, fractions and non-numbers', () => {
    for (const limit of [0, -1, 101, 1.5, Number.NaN, '10', null]) {
      expect(validationFields(listPostsQuery, { limit }), String(limit)).toHaveProperty('limit');
    }
  });
});

describe('ContractError', () => {
  it('round-trips through its JSON form', () => {
    const error = ContractError.validation({ title: ['Required'] });
    const copy = contractErrorFromData(JSON.parse(JSON.stringify(error)));
    expect(copy).toBeInstanceOf(ContractError);
    expect(copy).toMatchObject({ code: 'VALIDATION', fields: { title: ['Required'] } });
    expect(contractErrorFromData(new ContractError('NOT_FOUND', 'gone').toJSON())?.fields).toBeUndefined();
  });

  it('rebuilds nothing from data that is not a contract error', () => {
    for (const data of [null, 'NOT_FOUND', { code: 'TEAPOT' }, { message: 'x' }]) {
      expect(contractErrorFromData(data)).toBeNull();
    }
  });
});
