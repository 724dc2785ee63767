import { describe, expect, it } from 'vitest';
import { parseField, parseSelect } from './select-parser';

describe('parseSelect', () => {
  it('reads columns, aliases, casts and JSON paths', () => {
    expect(parseSelect('id,label:name,score::text,body->tags->>0')).toEqual([
      { kind: 'column', field: { name: 'id', path: [] }, cast: null, alias: null },
      { kind: 'column', field: { name: 'name', path: [] }, cast: null, alias: 'label' },
      { kind: 'column', field: { name: 'score', path: [] }, cast: 'text', alias: null },
      {
        kind: 'column',
        field: {
          name: 'body',
          path: [
            { arrow: '->', key: 'tags' },
            { arrow: '->>', key: '0' },
          ],
        },
        cast: null,
        alias: null,
      },
    ]);
  });

  it('reads nested embeds with aliases, hints, !inner and spreads', () => {
    expect(
      parseSelect('*,author:users!posts_author_id_fkey!inner(name,...profiles(bio)),tags(count)'),
    ).toEqual([
      { kind: 'star' },
      {
        kind: 'embed',
        name: 'users',
        alias: 'author',
        hints: ['posts_author_id_fkey'],
        inner: true,
        spread: false,
        select: [
          { kind: 'column', field: { name: 'name', path: [] }, cast: null, alias: null },
          {
            kind: 'embed',
            name: 'profiles',
            alias: null,
            hints: [],
            inner: false,
            spread: true,
            select: [{ kind: 'column', field: { name: 'bio', path: [] }, cast: null, alias: null }],
          },
        ],
      },
      {
        kind: 'embed',
        name: 'tags',
        alias: null,
        hints: [],
        inner: false,
        spread: false,
        select: [{ kind: 'column', field: { name: 'count', path: [] }, cast: null, alias: null }],
      },
    ]);
  });

  it('defaults to * and rejects malformed lists with PGRST100', () => {
    expect(parseSelect(null)).toEqual([{ kind: 'star' }]);
    expect(() => parseSelect('id,(name')).toThrow(expect.objectContaining({ code: 'PGRST100', status: 400 }));
    expect(() => parseSelect('users(name')).toThrow(expect.objectContaining({ code: 'PGRST100' }));
  });
});

describe('parseField', () => {
  it('keeps hyphens in names but splits JSON arrows', () => {
    expect(parseField('kebab-case')).toEqual({ name: 'kebab-case', path: [] });
    expect(parseField('data->a->>b')).toEqual({
      name: 'data',
      path: [
        { arrow: '->', key: 'a' },
        { arrow: '->>', key: 'b' },
      ],
    });
  });
});
