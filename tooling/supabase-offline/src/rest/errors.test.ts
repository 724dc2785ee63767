import { describe, expect, it } from 'vitest';
import { statusForSqlState } from './errors';

describe('statusForSqlState', () => {
  it("follows PostgREST's documented table", () => {
    const table: [string, number][] = [
      ['08006', 503],
      ['09000', 500],
      ['0L000', 403],
      ['0P000', 403],
      ['23503', 409],
      ['23505', 409],
      ['25006', 405],
      ['25001', 500],
      ['28P01', 403],
      ['2D000', 500],
      ['38000', 500],
      ['39000', 500],
      ['3B000', 500],
      ['40001', 500],
      ['53400', 500],
      ['53100', 503],
      ['54000', 500],
      ['55000', 500],
      ['57014', 500],
      ['58000', 500],
      ['F0000', 500],
      ['HV000', 500],
      ['P0001', 400],
      ['P0002', 500],
      ['XX000', 500],
      ['42883', 404],
      ['42P01', 404],
      ['42P17', 500],
      ['23502', 400],
      ['23514', 400],
      ['22P02', 400],
      ['PT402', 402],
    ];
    for (const [code, status] of table) expect([code, statusForSqlState(code, true)]).toEqual([code, status]);
  });

  it('answers insufficient privilege with 401 for anonymous callers and 403 otherwise', () => {
    expect(statusForSqlState('42501', false)).toBe(401);
    expect(statusForSqlState('42501', true)).toBe(403);
  });
});
