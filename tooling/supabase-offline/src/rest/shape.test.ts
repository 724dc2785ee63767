import { describe, expect, it } from 'vitest';
import { reshape, type Shape } from './shape';

describe('reshape', () => {
  const author: Shape = [{ alias: 'k4', key: 'name', embed: null }];
  const shape: Shape = [
    { alias: 'k1', key: 'title', embed: null },
    { alias: 'k2', key: 'meta', embed: null },
    { alias: 'k3', key: 'author', embed: author },
  ];

  it('renames generated keys in select order, inside embeds too, but never inside JSON values', () => {
    const rows = [{ k3: { k4: 'Ada' }, k2: { k1: 'user data keeps its keys' }, k1: 'Engines' }];
    const renamed = reshape(rows, shape);
    expect(renamed).toEqual([
      { title: 'Engines', meta: { k1: 'user data keeps its keys' }, author: { name: 'Ada' } },
    ]);
    expect(Object.keys((renamed as object[])[0] as object)).toEqual(['title', 'meta', 'author']);
  });

  it('keeps null embeds and maps arrays of embedded rows', () => {
    expect(reshape({ k1: 'x', k2: null, k3: null }, shape)).toEqual({ title: 'x', meta: null, author: null });
    expect(reshape([{ k4: 'a' }, { k4: 'b' }], author)).toEqual([{ name: 'a' }, { name: 'b' }]);
  });
});
