/**
 * Lines of code per concern per platform (non-blank lines of git-tracked files; generated code
 * such as Convex's `_generated/` and Supabase's `database.types.ts` is left out), and the
 * dependencies each app adds beyond what all three share.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstLoadJs } from './bundles';
import { REPO_ROOT } from './paths';
import { PLATFORMS, type Code, type ConcernRow, type Platform } from './report';
import { appSources, isTestFile } from './sources';

/**
 * First matching concern wins. Every concern must match at least one file of each platform,
 * except where its pattern is null (the platform has no such code; checked by a test),
 * so a renamed folder shows up as a failing test instead of a silently empty row.
 */
export interface Concern {
  name: string;
  match: Record<Platform, RegExp | null>;
}

export const GENERATED = /(^|\/)_generated\/|database\.types\.ts$|\/meta\/.*\.json$|^drizzle\/meta\//;

export const TESTS = 'tests';
export const OTHER = 'config and other';

/** In matching order; test files (`isTestFile`) are counted as tests before any of these. */
export const CONCERNS: Concern[] = [
  {
    name: 'contract adapter',
    match: { 'neon-drizzle': /^contract\//, supabase: /^contract\//, convex: /^contract\// },
  },
  {
    name: 'schema',
    match: {
      'neon-drizzle': /^src\/data\/schema\.ts$/,
      supabase: /^supabase\/migrations\/\d+_domain_tables\.sql$/,
      convex: /^convex\/schema\.ts$/,
    },
  },
  {
    name: 'migrations and SQL rules',
    match: {
      'neon-drizzle': /^drizzle\/.*\.sql$|^scripts\/|^src\/data\/migrate\.ts$|^drizzle\.config\.ts$/,
      supabase: /^supabase\//,
      convex: null, // Convex pushes the schema on deploy: there are no migration files
    },
  },
  {
    name: 'auth',
    match: {
      'neon-drizzle': /^src\/auth\//,
      supabase: /^src\/auth\/|^src\/proxy\.ts$/,
      convex: /^convex\/(auth|auth\.config|http|lib\/auth)\.ts$|^src\/auth\/|^src\/proxy\.ts$/,
    },
  },
  {
    name: 'data layer',
    match: {
      'neon-drizzle': /^src\/data\//,
      supabase: /^src\/data\//,
      convex: /^convex\/.*\.ts$|^src\/data\//,
    },
  },
  {
    name: 'pages',
    match: {
      'neon-drizzle': /^src\/(app|components)\//,
      supabase: /^src\/(app|components)\//,
      convex: /^src\/(app|components)\//,
    },
  },
];

const DISPLAY_ORDER = [
  'schema',
  'migrations and SQL rules',
  'data layer',
  'auth',
  'pages',
  TESTS,
  'contract adapter',
  OTHER,
];

export function concernOf(platform: Platform, path: string): string {
  if (isTestFile(path)) return TESTS;
  return CONCERNS.find((concern) => concern.match[platform]?.test(path))?.name ?? OTHER;
}

function nonBlankLines(text: string): number {
  return text.split('\n').filter((line) => line.trim() !== '').length;
}

export function countConcerns(): ConcernRow[] {
  const rows = new Map<string, ConcernRow>(
    DISPLAY_ORDER.map((name) => [
      name,
      {
        concern: name,
        lines: { 'neon-drizzle': 0, supabase: 0, convex: 0 },
      },
    ]),
  );
  for (const platform of PLATFORMS) {
    for (const file of appSources(platform)) {
      if (GENERATED.test(file.path)) continue;
      const row = rows.get(concernOf(platform, file.path))!;
      row.lines[platform] += nonBlankLines(file.text);
    }
  }
  return [...rows.values()];
}

type Manifest = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

/** Dependencies of an app that are neither workspace packages nor shared by all three apps. */
export function addedDependencies(): Record<Platform, string[]> {
  const names = Object.fromEntries(
    PLATFORMS.map((platform) => {
      const manifest = JSON.parse(
        readFileSync(join(REPO_ROOT, 'apps', platform, 'package.json'), 'utf8'),
      ) as Manifest;
      const all = { ...manifest.dependencies, ...manifest.devDependencies };
      return [platform, Object.keys(all).filter((name) => !all[name]!.startsWith('workspace:'))];
    }),
  ) as Record<Platform, string[]>;
  const shared = names[PLATFORMS[0]].filter((name) =>
    PLATFORMS.every((platform) => names[platform].includes(name)),
  );
  return Object.fromEntries(
    PLATFORMS.map((platform) => [platform, names[platform].filter((name) => !shared.includes(name)).sort()]),
  ) as Record<Platform, string[]>;
}

export async function measureCode(): Promise<Code> {
  const firstLoad = {} as Code['firstLoadJs'];
  for (const platform of PLATFORMS)
    firstLoad[platform] = await firstLoadJs(join(REPO_ROOT, 'apps', platform));
  return { concerns: countConcerns(), dependencies: addedDependencies(), firstLoadJs: firstLoad };
}
