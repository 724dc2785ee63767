/**
 * The selection guide: each common need, the platform(s) that fit it and the sections of the
 * report that hold the evidence. A need whose evidence the run has not measured says so.
 */
import type { Platform, Report } from './report';

export interface Need {
  need: string;
  fits: Platform[];
  why: string;
  /** Section anchors of report.html. */
  evidence: string[];
  /** Whether this run holds the evidence; otherwise the guide says what it is waiting for. */
  measured(report: Report): boolean;
}

const always = () => true;
const benchMeasured = (report: Report) => report.cost.status === 'measured';
const devLoopMeasured = (aspect: string) => (report: Report) =>
  report.devLoop.some(
    (row) => row.aspect === aspect && Object.values(row.cells).every((cell) => cell.status !== 'not-yet'),
  );

export const NEEDS: Need[] = [
  {
    need: 'Type-safe serverless backend in TypeScript only',
    fits: ['convex', 'neon-drizzle'],
    why: 'Convex functions and Drizzle queries are TypeScript end to end; Supabase splits rules between SQL and TypeScript.',
    evidence: ['rules', 'code'],
    measured: always,
  },
  {
    need: 'Serverless Postgres with branching',
    fits: ['neon-drizzle'],
    why: 'Plain Postgres behind the Neon driver; rules in the data layer, CHECKs in SQL.',
    evidence: ['rules', 'cost', 'dev-loop'],
    measured: devLoopMeasured('Preview environments'),
  },
  {
    need: 'All-in-one backend with auth, rules enforced by the database',
    fits: ['supabase'],
    why: 'RLS policies, CHECKs and triggers hold the rules, so every client — not only this app — is bound by them.',
    evidence: ['rules', 'code'],
    measured: always,
  },
  {
    need: 'Real-time sync to the browser',
    fits: ['convex', 'supabase'],
    why: 'Convex queries are live subscriptions; Supabase offers Realtime channels.',
    evidence: ['dev-loop'],
    measured: devLoopMeasured('Real-time updates'),
  },
  {
    need: 'Complex relational queries, ad-hoc SQL',
    fits: ['neon-drizzle', 'supabase'],
    why: 'Both are Postgres: joins, views, aggregates; Convex reads through indexes and code.',
    evidence: ['rules', 'cost'],
    measured: benchMeasured,
  },
  {
    need: 'Preview environments per pull request',
    fits: ['neon-drizzle', 'supabase', 'convex'],
    why: 'Each offers them (Neon branches, Supabase branching, Convex preview deployments).',
    evidence: ['dev-loop'],
    measured: devLoopMeasured('Preview environments'),
  },
  {
    need: 'Lowest cost per request',
    fits: ['neon-drizzle', 'supabase', 'convex'],
    why: 'Round trips and latency per operation decide it at your traffic; compare them below.',
    evidence: ['cost'],
    measured: benchMeasured,
  },
  {
    need: 'Smallest, least surprising codebase',
    fits: ['neon-drizzle', 'supabase', 'convex'],
    why: 'Lines per concern, dependencies and first-load JS, measured from this repository and its builds.',
    evidence: ['code'],
    measured: always,
  },
];
