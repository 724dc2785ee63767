import { describe, expect, it } from 'vitest';
import { costFromBench } from '../src/bench';

const bench = {
  size: { posts: 10_000, users: 100 },
  results: [
    {
      platform: 'neon-drizzle',
      operation: 'feed',
      p50Ms: 1.5,
      p95Ms: 3,
      floor: { p50Ms: 1, p95Ms: 2 },
      roundTrips: { statements: 1 },
    },
    {
      platform: 'supabase',
      operation: 'feed',
      p50Ms: 4,
      p95Ms: 6,
      floor: { p50Ms: 1, p95Ms: 2 },
      roundTrips: { httpRequests: 1 },
    },
    {
      platform: 'convex',
      operation: 'feed',
      p50Ms: 2,
      p95Ms: 5,
      floor: null,
      roundTrips: { documentsRead: 41 },
    },
  ],
};

describe('cost: the bench JSON reader', () => {
  it('reads the size, every measurement and its floor', () => {
    const cost = costFromBench(bench, 'bench.json');
    expect(cost).toMatchObject({ status: 'measured', dataSize: '10,000 posts, 100 users' });
    if (cost.status !== 'measured') throw new Error('not measured');
    expect(cost.rows).toHaveLength(3);
    expect(cost.rows[0]).toEqual({
      operation: 'feed',
      platform: 'neon-drizzle',
      p50Ms: 1.5,
      p95Ms: 3,
      floorP50Ms: 1,
      floorP95Ms: 2,
      roundTrips: { statements: 1 },
    });
    expect(cost.rows[2]).toMatchObject({ floorP50Ms: null, roundTrips: { documentsRead: 41 } });
  });

  it('fails loudly on a shape it does not know, never drawing zeros', () => {
    const renamed = {
      ...bench,
      results: bench.results.map(({ p50Ms, ...row }) => ({ ...row, median: p50Ms })),
    };
    const cost = costFromBench(renamed, 'bench.json');
    expect(cost.status).toBe('failed');
    if (cost.status === 'measured') throw new Error('measured');
    expect(cost.reason).toContain('p50Ms');
    expect(
      costFromBench({ ...bench, results: [{ ...bench.results[0], platform: 'firebase' }] }, 'x').status,
    ).toBe('failed');
  });
});
