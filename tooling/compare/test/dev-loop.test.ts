import { describe, expect, it } from 'vitest';
import { devLoop } from '../src/dev-loop';

describe('developer loop', () => {
  const rows = devLoop({
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
  });

  it('takes the test time from the run, and says "not yet" where nothing ran', () => {
    const time = rows.find((row) => row.aspect.startsWith('Test time'))!;
    expect(time.cells.supabase).toEqual({ text: '92.2 s for 183 contract tests', status: 'measured' });
    expect(time.cells.convex.status).toBe('not-yet');
  });

  it('describes each migration workflow by the scripts and files the apps really have', () => {
    const migrations = rows.find((row) => row.aspect === 'Migration workflow')!;
    expect(migrations.cells['neon-drizzle'].text).toContain('drizzle-kit generate');
    expect(migrations.cells.supabase.text).toContain('supabase migration up');
    expect(migrations.cells.convex.text).toContain('convex/schema.ts');
    for (const cell of Object.values(migrations.cells)) expect(cell.status).toBe('fact');
  });
});
