import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costFromBench, readBenchJson } from '../src/bench';
import { REPO_ROOT } from '../src/paths';

// The shape pnpm bench writes (tooling/bench/src/main.ts): timings and round trips in the order
// neon floor, neon-drizzle, supabase floor, supabase.
const bench = {
  posts: 10_000,
  set: { posts: 10_000, users: 1_000, tags: 2_000 },
  rounds: 10,
  results: [
    {
      operation: 'feed',
      timings: [
        { p50: 1, p95: 2 },
        { p50: 1.5, p95: 3 },
        { p50: 1.2, p95: 2.2 },
        { p50: 4, p95: 6 },
      ],
      roundTrips: [0, 1, 0, 1],
    },
    {
      operation: 'createPost (3 tags)',
      timings: [
        { p50: 2, p95: 3 },
        { p50: 9, p95: 12 },
        { p50: 2, p95: 3 },
        { p50: 5, p95: 8 },
      ],
      roundTrips: [0, 7, 0, 1],
    },
  ],
};

describe('cost: the pnpm bench JSON reader', () => {
  it('gives each platform its own timings, floor and kind of round trip; Convex is absent, with why', () => {
    const cost = costFromBench(bench, 'sql-10000.json');
    if (cost.status !== 'measured') throw new Error(cost.reason);
    expect(cost.dataSize).toBe('10,000 posts, 1,000 users, 2,000 tags; 10 interleaved rounds');
    expect(cost.rows).toEqual([
      {
        operation: 'feed',
        platform: 'neon-drizzle',
        p50Ms: 1.5,
        p95Ms: 3,
        floorP50Ms: 1,
        floorP95Ms: 2,
        roundTrips: { statements: 1 },
      },
      {
        operation: 'feed',
        platform: 'supabase',
        p50Ms: 4,
        p95Ms: 6,
        floorP50Ms: 1.2,
        floorP95Ms: 2.2,
        roundTrips: { httpRequests: 1 },
      },
      {
        operation: 'createPost (3 tags)',
        platform: 'neon-drizzle',
        p50Ms: 9,
        p95Ms: 12,
        floorP50Ms: 2,
        floorP95Ms: 3,
        roundTrips: { statements: 7 },
      },
      {
        operation: 'createPost (3 tags)',
        platform: 'supabase',
        p50Ms: 5,
        p95Ms: 8,
        floorP50Ms: 2,
        floorP95Ms: 3,
        roundTrips: { httpRequests: 1 },
      },
    ]);
    expect(cost.absent.map(({ platform }) => platform)).toEqual(['convex']);
  });

  it('gives Convex its timings and documents read and written, with no floor', () => {
    const convex = {
      posts: 50_000,
      set: { posts: 50_000, users: 1_000, tags: 2_000 },
      rounds: 10,
      results: [
        {
          operation: 'feed',
          timing: { p50: 30, p95: 40 },
          cost: { documentsRead: 42, documentsWritten: 0, indexRanges: 1 },
        },
      ],
    };
    const cost = costFromBench(bench, 'sql-10000.json', { json: convex, source: 'convex-50000.json' });
    if (cost.status !== 'measured') throw new Error(cost.reason);
    expect(cost.absent).toEqual([]);
    expect(cost.dataSize).toContain(
      'Convex: 50,000 posts, 1,000 users, 2,000 tags on convex-test, 10 rounds',
    );
    expect(cost.rows.at(-1)).toEqual({
      operation: 'feed',
      platform: 'convex',
      p50Ms: 30,
      p95Ms: 40,
      floorP50Ms: null,
      floorP95Ms: null,
      roundTrips: { documentsRead: 42, documentsWritten: 0 },
    });
    const unknown = { ...convex, results: [{ operation: 'feed', timing: { p50: 1, p95: 2 }, reads: 3 }] };
    expect(costFromBench(bench, 'sql-10000.json', { json: unknown, source: 'x' }).status).toBe('failed');
  });

  it('reads the results the bench committed, Convex beside the SQL platforms', async () => {
    const cost = await readBenchJson(join(REPO_ROOT, 'tooling/bench/results/sql-10000.json'), 'committed');
    if (cost.status !== 'measured') throw new Error(cost.reason);
    expect(new Set(cost.rows.map((row) => row.platform))).toEqual(
      new Set(['neon-drizzle', 'supabase', 'convex']),
    );
  });

  it('reads the result the bench committed', () => {
    const committed = JSON.parse(
      readFileSync(join(REPO_ROOT, 'tooling/bench/results/sql-10000.json'), 'utf8'),
    );
    const cost = costFromBench(committed, 'sql-10000.json');
    expect(cost.status).toBe('measured');
    if (cost.status === 'measured') expect(cost.rows.length).toBe(committed.results.length * 2);
  });

  it('fails loudly on a shape it does not know, never drawing zeros', () => {
    const renamed = {
      ...bench,
      results: bench.results.map(({ timings, ...result }) => ({ ...result, times: timings })),
    };
    const cost = costFromBench(renamed, 'sql-10000.json');
    expect(cost.status).toBe('failed');
    if (cost.status === 'measured') throw new Error('measured');
    expect(cost.reason).toContain('timings');
    const threeColumns = { ...bench, results: [{ ...bench.results[0], roundTrips: [0, 1, 0] }] };
    expect(costFromBench(threeColumns, 'x').status).toBe('failed');
  });
});
