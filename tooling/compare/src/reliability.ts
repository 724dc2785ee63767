/**
 * The fault matrix: what each app does when a connection, the database or a local service dies
 * mid-request (issue 18). The one source of the root README's table under "Reliability: faults and
 * retries" and of the report's Reliability section; test/reliability.test.ts holds both to it, cell
 * for cell. Each outcome is what a fault test asserts (the README lists them), not a measurement.
 */
import { type Platform } from './report';

export interface FaultRow {
  fault: string;
  /** Markdown: `code` spans only. */
  outcomes: Record<Platform, string>;
}

/** The README's column heads, after `fault`: the Neon app runs its tests over both drivers. */
export const FAULT_COLUMNS: Record<Platform, string> = {
  'neon-drizzle': 'neon-drizzle (both drivers)',
  supabase: 'supabase',
  convex: 'convex',
};

export const FAULTS: FaultRow[] = [
  {
    fault: 'connection cut before the write runs',
    outcomes: {
      'neon-drizzle': "not applied; the driver's error; next call works",
      supabase: "not applied; supabase-js's fetch error; next call works",
      convex:
        '`ConvexClient` reconnects and resends: applied once, true success. `ConvexHttpClient`: not applied, an error',
    },
  },
  {
    fault: 'cut after BEGIN / between statements / before COMMIT',
    outcomes: {
      'neon-drizzle':
        "sign-up (Better Auth's transaction) rolled back: no user, the same sign-up then succeeds; every other write is one statement",
      supabase: 'n/a: a write is one request, one transaction in the API',
      convex: 'n/a: a mutation is one transaction in the deployment',
    },
  },
  {
    fault: 'answer lost after COMMIT',
    outcomes: {
      'neon-drizzle': 'applied once, one audit entry; the caller gets an error (no driver retries)',
      supabase: 'applied once, one audit entry; an error (supabase-js retries only GET/HEAD/OPTIONS)',
      convex:
        '`ConvexClient` resends with the same request id: applied once, one audit entry, true success. HTTP: applied once, an error',
    },
  },
  {
    fault: 'PostgreSQL restarted under the data layer',
    outcomes: {
      'neon-drizzle': 'next write and read work; committed writes intact',
      supabase: "the offline API's next sign-up, write and read work; committed rows intact",
      convex: 'n/a (no PostgreSQL)',
    },
  },
  {
    fault: 'API restarted with pages open',
    outcomes: {
      'neon-drizzle':
        "PostgreSQL (its backend) restarted on its port: the server's LISTEN session reconnects by itself, open pages show a post made after it without a reload; sessions and the next request work",
      supabase:
        'the offline API stopped and started on its port with the project keys: open pages rejoin their Realtime channels by themselves and show a post made after it without a reload; sessions from before still work; a write in flight applied entirely (its answer lost: an error) or rolled back',
      convex:
        "the local deployment's server stopped and started on its ports, its data kept in the process (as a deployment's database): open pages reconnect by themselves and show a post made after it without a reload; sessions from before still work. Its process restarted instead: a new, empty deployment at the same URL; open pages reconnect by themselves and follow its writes without a reload, signed out (new key pair: an account page sends to sign in), a write held across it refused `UNAUTHENTICATED`, not applied, no page error",
    },
  },
];

/** Where the matrix comes from, said in the report beside it. */
export const FAULTS_SOURCE =
  "What each app's fault tests assert (the root README's reliability section names them), from tooling/compare/src/reliability.ts, not measured by this run.";
