import { describe, expect, it } from 'vitest';
import { devLoop } from '../src/dev-loop';
import type { Behaviour } from '../src/report';

describe('developer loop', () => {
  const behaviour: Behaviour = {
    filter: null,
    runs: [
      {
        platform: 'supabase',
        passed: 180,
        failed: 3,
        skipped: 0,
        durationMs: 92_200,
        files: ['contract.test.ts'],
        error: null,
      },
    ],
    tests: [],
  };
  const firstPage = {
    measuredAt: '2026-12-01T12:00:00.000Z',
    commit: 'abc1234',
    cloneMs: 1_400,
    loadAverage: 1.5,
    firstPageMs: { 'neon-drizzle': 61_000, supabase: 64_000, convex: 70_000 },
  };
  const rows = devLoop(behaviour, firstPage);

  it('takes the test time from the run, and says "not yet" where nothing ran', () => {
    const time = rows.find((row) => row.aspect.startsWith('Test time'))!;
    expect(time.cells.supabase).toEqual({ text: '92.2 s for 183 contract tests', status: 'measured' });
    expect(time.cells.convex.status).toBe('not-yet');
  });

  it('reports clone to first page per app from the measurement, and "not yet" without one', () => {
    const row = rows.find((candidate) => candidate.aspect === 'Clone to first page')!;
    expect(row.cells.convex).toMatchObject({ status: 'measured' });
    expect(row.cells.convex.text).toMatch(/^70 s: git clone \(1 s, local\) \+ npm start/);
    const unmeasured = devLoop(behaviour, null).find(
      (candidate) => candidate.aspect === 'Clone to first page',
    )!;
    for (const cell of Object.values(unmeasured.cells)) expect(cell.status).toBe('not-yet');
  });

  it('describes each migration workflow by the scripts and files the apps really have', () => {
    const migrations = rows.find((row) => row.aspect === 'Migration workflow')!;
    expect(migrations.cells['neon-drizzle'].text).toContain('drizzle-kit generate');
    expect(migrations.cells.supabase.text).toContain('supabase migration up');
    expect(migrations.cells.convex.text).toContain('convex/schema.ts');
    for (const cell of Object.values(migrations.cells)) expect(cell.status).toBe('fact');
  });
});
