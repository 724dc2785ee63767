import { describe, expect, it } from 'vitest';
import { parseQuery } from './query-parser';

const root = (query: string) => parseQuery(new URLSearchParams(query)).levels.get('');

describe('parseQuery', () => {
  it('reads operators, negation and quantifiers', () => {
    expect(root('a=eq.1&b=not.like.*x*&c=like(any).{a*,b*}')?.filters).toEqual([
      { kind: 'compare', column: 'a', negate: false, operator: 'eq', quantifier: null, value: '1' },
      { kind: 'compare', column: 'b', negate: true, operator: 'like', quantifier: null, value: '%x%' },
      {
        kind: 'compare',
        column: 'c',
        negate: false,
        operator: 'like',
        quantifier: 'any',
        value: ['a%', 'b%'],
      },
    ]);
  });

  it('reads in lists with quoted values and is', () => {
    expect(root('a=in.(1,"x,y","say \\"hi\\"")&b=is.null')?.filters).toEqual([
      { kind: 'in', column: 'a', negate: false, values: ['1', 'x,y', 'say "hi"'] },
      { kind: 'is', column: 'b', negate: false, value: 'null' },
    ]);
  });

  it('reads nested logic trees, negated ones included', () => {
    expect(root('or=(a.eq.1,and(b.gt.2,c.is.null))&not.and=(d.eq.4)')?.filters).toEqual([
      {
        kind: 'logic',
        operator: 'or',
        negate: false,
        children: [
          { kind: 'compare', column: 'a', negate: false, operator: 'eq', quantifier: null, value: '1' },
          {
            kind: 'logic',
            operator: 'and',
            negate: false,
            children: [
              { kind: 'compare', column: 'b', negate: false, operator: 'gt', quantifier: null, value: '2' },
              { kind: 'is', column: 'c', negate: false, value: 'null' },
            ],
          },
        ],
      },
      {
        kind: 'logic',
        operator: 'and',
        negate: true,
        children: [
          { kind: 'compare', column: 'd', negate: false, operator: 'eq', quantifier: null, value: '4' },
        ],
      },
    ]);
  });

  it('keeps timestamps with colons, dots and offsets intact inside logic trees', () => {
    const params = new URLSearchParams({ or: '(created_at.lt.2026-11-25T19:42:07.123456+00:00,id.lt.5)' });
    const [filter] = parseQuery(params).levels.get('')?.filters ?? [];
    expect(filter).toMatchObject({
      children: [
        { column: 'created_at', operator: 'lt', value: '2026-11-25T19:42:07.123456+00:00' },
        { column: 'id' },
      ],
    });
  });

  it('assigns order, limit, offset and filters to embed levels', () => {
    const query = parseQuery(
      new URLSearchParams(
        'order=a.desc.nullslast,b&posts.order=title&posts.limit=2&posts.offset=1&posts.title=eq.x&limit=5',
      ),
    );
    expect(query.levels.get('')).toMatchObject({
      order: [
        { column: 'a', descending: true, nulls: 'last' },
        { column: 'b', descending: false, nulls: null },
      ],
      limit: 5,
    });
    expect(query.levels.get('posts')).toMatchObject({
      order: [{ column: 'title' }],
      limit: 2,
      offset: 1,
      filters: [{ column: 'title', value: 'x' }],
    });
  });

  it('rejects unknown operators and bad numbers with PGRST100', () => {
    expect(() => root('a=almost.1')).toThrow(expect.objectContaining({ code: 'PGRST100' }));
    expect(() => root('a=is.maybe')).toThrow(expect.objectContaining({ code: 'PGRST100' }));
    expect(() => root('limit=-1')).toThrow(expect.objectContaining({ code: 'PGRST100' }));
    expect(() => root('order=a.sideways')).toThrow(expect.objectContaining({ code: 'PGRST100' }));
  });
});
