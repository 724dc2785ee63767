import { describe, expect, it } from 'vitest';
import { costFromBench } from '../src/bench';
import { loadFromJson } from '../src/load';
import { renderGuideHtml, renderReportHtml } from '../src/render-html';
import { renderReportMd } from '../src/render-md';
import { SECTIONS, type Report } from '../src/report';

const cell = (text: string) => ({ text, status: 'fact' as const });
const report: Report = {
  generatedAt: '2026-12-01T00:00:00.000Z',
  commit: 'abc1234',
  size: 'tiny',
  durationMs: 1000,
  behaviour: {
    filter: null,
    runs: [
      {
        platform: 'convex',
        passed: 1,
        failed: 1,
        skipped: 0,
        durationMs: 900,
        files: ['contract.test.ts'],
        error: null,
      },
    ],
    tests: [
      {
        title: 'a draft is hidden',
        group: 'posts',
        results: { 'neon-drizzle': 'passed', supabase: 'passed', convex: 'failed' },
        failures: { convex: 'expected null' },
      },
    ],
  },
  cost: costFromBench(
    {
      set: { posts: 200, users: 10, tags: 20 },
      rounds: 2,
      results: [
        {
          operation: 'feed',
          timings: [
            { p50: 1, p95: 2 },
            { p50: 2, p95: 3 },
            { p50: 1, p95: 2 },
            { p50: 4, p95: 6 },
          ],
          roundTrips: [0, 1, 0, 1],
        },
      ],
    },
    'bench.json',
    {
      json: {
        set: { posts: 100, users: 10, tags: 20 },
        rounds: 2,
        results: [
          {
            operation: 'feed',
            timing: { p50: 9, p95: 12 },
            cost: { documentsRead: 42, documentsWritten: 0, indexRanges: 1 },
          },
        ],
      },
      source: 'convex.json',
    },
  ),
  load: loadFromJson(
    {
      generatedAt: '2026-12-01T00:00:00.000Z',
      apps: [
        {
          app: 'supabase',
          seconds: 10,
          levels: [
            {
              connections: 50,
              requestsPerSecond: 25,
              latencyMs: { p50: 1440.8, p95: 3354.5, p99: 3371.8 },
              errorRate: 0,
              rssMb: { before: 314, after: 323 },
              dbConnections: { peak: 11 },
              loadAverage: { before: 12.5, after: 14 },
              writes: {
                requestsPerSecond: 30,
                latencyMs: { p50: 900, p95: 2000, p99: 2500 },
                refusedLatencyMs: { p50: 600, p95: 1500, p99: 1800 },
                failures: [],
                inconsistencies: [],
              },
            },
          ],
        },
      ],
    },
    'load.json',
  ),
  rules: [],
  code: {
    concerns: [
      {
        concern: 'schema',
        lines: { 'neon-drizzle': 10, supabase: 20, convex: 30 },
      },
    ],
    dependencies: { 'neon-drizzle': ['drizzle-orm'], supabase: [], convex: ['convex'] },
    firstLoadJs: { 'neon-drizzle': [{ route: '/', gzipBytes: 140_468 }], supabase: null, convex: [] },
  },
  devLoop: [
    {
      aspect: 'Migration workflow',
      cells: { 'neon-drizzle': cell('a'), supabase: cell('b'), convex: cell('c') },
    },
  ],
};

describe('rendering', () => {
  const html = renderReportHtml(report, { repoRelative: '..' });

  it('has every section, and a failure shows as a failure with its message', () => {
    for (const [id, title] of SECTIONS) expect(html).toContain(`<section id="${id}"><h2>${title}</h2>`);
    expect(html).toContain('1 of 1 tests do not pass on every platform.');
    expect(html).toContain('✗ FAIL<br><small>expected null</small>');
    expect(html).toContain('<details open>');
  });

  it('shows each app and level of the load run, writes beside reads', () => {
    expect(html).toContain('<td class="n" data-key="load.supabase.50.rps">25</td>');
    expect(html).toContain('<td class="n" data-key="load.supabase.50.latency">1440.8 / 3354.5 / 3371.8</td>');
    expect(html).toContain('<td class="n" data-key="load.supabase.50.inconsistencies">0</td>');
    expect(html).toContain('<td class="n" data-key="load.supabase.50.db">11</td>');
    expect(renderReportMd(report)).toContain(
      '| Supabase | 50 | 25 | 1440.8 / 3354.5 / 3371.8 | 0.0 % | 30 | 2000 |',
    );
  });

  it('rejects a load result of another shape instead of drawing zeros', () => {
    expect(loadFromJson({ generatedAt: 'x', apps: [{ app: 'supabase' }] }, 'load.json')).toMatchObject({
      status: 'failed',
    });
  });

  it('draws the measured latency and round trips as static SVG beside the table', () => {
    expect(html).toContain('aria-label="p50 latency, × its floor"');
    expect(html).toContain('aria-label="round trips per operation"');
    expect(html).toContain('aria-label="Convex documents read per operation"');
    expect(html).toContain('<td class="n" data-key="cost.convex.feed.p50">9.00</td>');
    expect(html).toContain('<td>42 documents read, 0 documents written</td>');
    expect(html).toContain('<td class="n" data-key="cost.supabase.feed.p50">4.00</td>');
    expect(html).toContain('<td class="n">4.0×</td>');
    expect(html).not.toContain('<script');
  });

  it('says "not built" for an app without a build, and the markdown carries the same tables', () => {
    expect(html).toContain('<td class="not-yet">not built</td>');
    expect(html).toContain('data-key="js.neon-drizzle./">140.5</td>');
    const md = renderReportMd(report);
    expect(md).toContain('| feed | Supabase | 4.00 | 6.00 | 1.00 | 4.0× | 1 HTTP requests |');
    expect(md).toContain('| / | 140.5 | not built | — |');
  });

  it('links each need of the guide to its evidence, and says when that is not measured yet', () => {
    const guide = renderGuideHtml({ ...report, cost: { status: 'not-yet', reason: 'no bench' } });
    expect(guide).toContain('href="report.html#cost"');
    expect(guide).toContain('evidence not measured yet');
  });
});
