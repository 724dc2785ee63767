import { describe, expect, it } from 'vitest';
import { ContractError, decodeCursor, encodeCursor } from '../src';

const position = { createdAt: '2026-11-25 19:42:07.123456+00', id: 'k57a9f2c' };

function expectInvalid(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: 'VALIDATION', fields: { cursor: [expect.any(String)] } });
    return;
  }
  throw new Error('expected VALIDATION');
}

describe('cursor', () => {
  it('round-trips a position for the same query', () => {
    const scope = { authorId: 'üser-1', tag: 'zod' };
    expect(decodeCursor(encodeCursor(scope, position), scope)).toEqual(position);
    expect(decodeCursor(encodeCursor({}, position), { authorId: undefined })).toEqual(position);
  });

  it('is URL-safe', () => {
    expect(encodeCursor({ authorId: '???>>>' }, position)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('rejects a cursor returned by another query', () => {
    const cursor = encodeCursor({ tag: 'zod' }, position);
    expectInvalid(() => decodeCursor(cursor, {}));
    expectInvalid(() => decodeCursor(cursor, { tag: 'convex' }));
    expectInvalid(() => decodeCursor(cursor, { tag: 'zod', authorId: 'a' }));
  });

  it('rejects anything that is not a cursor', () => {
    const wellFormedJson = btoa(JSON.stringify({ createdAt: 'x', id: 'y' }));
    for (const cursor of ['', 'garbage!', 'bm90IGpzb24', wellFormedJson, btoa('[1,[null,null],"",""]')]) {
      expectInvalid(() => decodeCursor(cursor, {}));
    }
  });
});
