import { describe, expect, it } from 'vitest';
import { addedDependencies, concernOf, CONCERNS, countConcerns, GENERATED, OTHER, TESTS } from '../src/code';
import { PLATFORMS } from '../src/report';
import { appSources } from '../src/sources';

describe('code: lines per concern', () => {
  it('every concern matches files on each platform, unless it is declared absent there', () => {
    for (const platform of PLATFORMS) {
      const concerns = new Set(
        appSources(platform)
          .filter((file) => !GENERATED.test(file.path))
          .map((file) => concernOf(platform, file.path)),
      );
      for (const concern of [
        ...CONCERNS.filter((candidate) => candidate.match[platform] !== null).map((c) => c.name),
        TESTS,
      ]) {
        expect([platform, concerns.has(concern)]).toEqual([platform, true]);
      }
    }
  });

  it('puts the data layer, schema and tests where the layout says they are', () => {
    expect(concernOf('neon-drizzle', 'src/data/posts.ts')).toBe('data layer');
    expect(concernOf('neon-drizzle', 'src/data/schema.ts')).toBe('schema');
    expect(concernOf('supabase', 'supabase/migrations/20261125000300_row_level_security.sql')).toBe(
      'migrations and SQL rules',
    );
    expect(concernOf('convex', 'convex/posts.ts')).toBe('data layer');
    expect(concernOf('convex', 'convex/auth.ts')).toBe('auth');
    expect(concernOf('supabase', 'test/rls/posts.test.ts')).toBe(TESTS);
    expect(concernOf('convex', 'next.config.ts')).toBe(OTHER);
  });

  it('counts every tracked non-generated line once', () => {
    const rows = countConcerns();
    for (const platform of PLATFORMS) {
      const counted = rows.reduce((sum, row) => sum + row.lines[platform], 0);
      const expected = appSources(platform)
        .filter((file) => !GENERATED.test(file.path))
        .reduce((sum, file) => sum + file.text.split('\n').filter((line) => line.trim() !== '').length, 0);
      expect(counted).toBe(expected);
    }
  });

  it('lists the dependencies each app adds, not the shared ones', () => {
    const added = addedDependencies();
    expect(added['neon-drizzle']).toContain('drizzle-orm');
    expect(added.supabase).toContain('@supabase/supabase-js');
    expect(added.convex).toContain('convex');
    for (const platform of PLATFORMS) expect(added[platform]).not.toContain('next');
  });
});
