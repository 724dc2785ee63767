/**
 * The shape of `compare/report.json`: everything the HTML and markdown pages show, and what the
 * Playwright check compares them against. Each section says where its numbers came from.
 */
export const PLATFORMS = ['neon-drizzle', 'supabase', 'convex'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_LABELS: Record<Platform, string> = {
  'neon-drizzle': 'Neon + Drizzle',
  supabase: 'Supabase',
  convex: 'Convex',
};

export type Size = 'tiny' | 'default';

export type TestStatus = 'passed' | 'failed' | 'skipped' | 'missing';

export interface PlatformRun {
  platform: Platform;
  passed: number;
  failed: number;
  skipped: number;
  /** Wall time of the platform's contract run, start of vitest to its exit. */
  durationMs: number;
  /** The contract test files that ran; Convex runs the suite twice (convex-test, offline deployment). */
  files: string[];
  /** Set when vitest did not produce a result at all (it crashed, a service did not start). */
  error: string | null;
}

export interface TestRow {
  title: string;
  /** The suite's describe blocks, outermost first. */
  group: string;
  results: Record<Platform, TestStatus>;
  /** The first line of each failure message, per platform that failed. */
  failures: Partial<Record<Platform, string>>;
}

export interface Behaviour {
  /** The vitest `-t` filter of a tiny run; null when the whole suite ran. */
  filter: string | null;
  runs: PlatformRun[];
  tests: TestRow[];
}

export interface RoundTrips {
  statements?: number;
  httpRequests?: number;
  documentsRead?: number;
  documentsWritten?: number;
}

export interface CostRow {
  operation: string;
  platform: Platform;
  p50Ms: number;
  p95Ms: number;
  /** The hand-written floor (one SQL statement through plain pg); null where none applies. */
  floorP50Ms: number | null;
  floorP95Ms: number | null;
  roundTrips: RoundTrips;
}

export type Cost =
  | {
      status: 'measured';
      source: string;
      dataSize: string;
      rows: CostRow[];
      /** Platforms the bench does not measure, and why. */
      absent: Array<{ platform: Platform; reason: string }>;
    }
  /** not-yet: the bench has not landed; failed: it ran and failed, or wrote a shape this reader rejects. */
  | { status: 'not-yet' | 'failed'; reason: string };

export interface LoadRow {
  platform: Platform;
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Timeouts and non-2xx answers over all requests of the reads. */
  errorRate: number;
  /** The write mix at as many users (null where a level had none). */
  writesPerSecond: number | null;
  writeP95Ms: number | null;
  refusedP95Ms: number | null;
  writeFailures: number | null;
  /** Partial or doubled writes the check after the level found. */
  inconsistencies: number | null;
  rssMb: { before: number | null; after: number | null };
  dbConnectionsPeak: number | null;
  loadAverage: { before: number; after: number };
}

export type Load =
  | { status: 'measured'; source: string; measuredAt: string; rows: LoadRow[] }
  /** not-yet: no committed `pnpm load` result; failed: one this reader rejects. */
  | { status: 'not-yet' | 'failed'; reason: string };

export interface RuleSite {
  file: string;
  line: number;
  /** What enforces it: an RLS policy, a trigger, a data-layer check, a Convex function... */
  mechanism: string;
}

export interface RuleRow {
  rule: string;
  spec: string;
  sites: Record<Platform, RuleSite[]>;
}

export interface ConcernRow {
  concern: string;
  lines: Record<Platform, number>;
}

export interface RouteSize {
  route: string;
  /** Gzipped bytes of every script the route loads on first visit. */
  gzipBytes: number;
}

export interface Code {
  concerns: ConcernRow[];
  dependencies: Record<Platform, string[]>;
  /** null when the app has no production build to measure. */
  firstLoadJs: Record<Platform, RouteSize[] | null>;
}

export interface DevLoopCell {
  text: string;
  status: 'measured' | 'fact' | 'not-yet';
}

export interface DevLoopRow {
  aspect: string;
  cells: Record<Platform, DevLoopCell>;
}

export interface Report {
  generatedAt: string;
  commit: string;
  size: Size;
  /** Wall time of the whole `pnpm compare` run up to writing the report. */
  durationMs: number;
  behaviour: Behaviour;
  cost: Cost;
  load: Load;
  rules: RuleRow[];
  code: Code;
  devLoop: DevLoopRow[];
}

/** The section ids, in page order; the HTML uses them as anchors and the Playwright test checks each. */
export const SECTIONS = [
  ['behaviour', 'Behaviour'],
  ['cost', 'Cost per operation'],
  ['load', 'Load'],
  ['rules', 'Where the rules live'],
  ['code', 'Code'],
  ['dev-loop', 'Developer loop'],
  ['reliability', 'Reliability'],
] as const;
