import { describe, expect, it } from 'vitest';
import { countRun, mergeRuns, parseVitestJson, type VitestJson } from '../src/behaviour';

function run(
  results: Array<[string, string, string?]>,
  platform = 'neon-drizzle',
  file = 'contract/contract.test.ts',
): VitestJson {
  return parseVitestJson(
    JSON.stringify({
      numTotalTests: results.length,
      testResults: [
        {
          name: `/repo/apps/${platform}/${file}`,
          status: 'failed',
          assertionResults: results.map(([title, status, failure]) => ({
            ancestorTitles: ['contract', 'posts'],
            fullName: `contract posts ${title}`,
            title,
            status,
            failureMessages: failure ? [`${failure}\n    at stack`] : [],
          })),
        },
      ],
    }),
  );
}

describe('behaviour: vitest JSON per platform, merged', () => {
  const neon = run([
    ['a', 'passed'],
    ['b', 'failed', 'AssertionError: expected NOT_FOUND'],
  ]);
  const supabase = run([
    ['a', 'passed'],
    ['b', 'passed'],
  ]);

  it('gives each test one row with a result per platform; a platform that did not run it shows missing', () => {
    const rows = mergeRuns({ 'neon-drizzle': neon, supabase });
    expect(rows).toEqual([
      {
        title: 'a',
        group: 'contract › posts',
        results: { 'neon-drizzle': 'passed', supabase: 'passed', convex: 'missing' },
        failures: {},
      },
      {
        title: 'b',
        group: 'contract › posts',
        results: { 'neon-drizzle': 'failed', supabase: 'passed', convex: 'missing' },
        failures: { 'neon-drizzle': 'contract/contract.test.ts: AssertionError: expected NOT_FOUND' },
      },
    ]);
  });

  it('shows the worst result when a platform runs the suite from two files', () => {
    const convex = run([
      ['a', 'passed'],
      ['b', 'passed'],
    ]);
    const offline = run(
      [
        ['a', 'failed', 'Error: timed out'],
        ['b', 'passed'],
      ],
      'convex',
      'test/offline/contract.test.ts',
    );
    const both = {
      ...convex,
      testResults: [...offline.testResults, ...convex.testResults],
    };
    const rows = mergeRuns({ convex: both });
    expect(rows[0]!.results.convex).toBe('failed');
    expect(rows[0]!.failures.convex).toBe('test/offline/contract.test.ts: Error: timed out');
    expect(rows[1]!.results.convex).toBe('passed');
  });

  it('counts a run, and a run without JSON as nothing passed', () => {
    expect(countRun('neon-drizzle', neon, 1234.5, null)).toEqual({
      platform: 'neon-drizzle',
      passed: 1,
      failed: 1,
      skipped: 0,
      durationMs: 1235,
      files: ['contract/contract.test.ts'],
      error: null,
    });
    expect(countRun('convex', null, 10, 'vitest exited with 1')).toMatchObject({
      passed: 0,
      failed: 0,
      error: 'vitest exited with 1',
    });
  });
});
