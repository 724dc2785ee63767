import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const PLATFORMS = ['neon-drizzle', 'supabase', 'convex'] as const;
export type PlatformName = (typeof PLATFORMS)[number];

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const workshopDir = join(repoRoot, 'workshop');

const perPlatform = z.object({ 'neon-drizzle': z.string(), supabase: z.string(), convex: z.string() });

/** workshop/<nn>-<slug>/exercise.json: what `check` prints per requirement. */
const exerciseFile = z.strictObject({
  title: z.string(),
  // Keyed by the prefix of the requirement's contract test titles ("R1 …").
  requirements: z.record(
    z.string().regex(/^R\d+$/),
    z.strictObject({ rule: z.string(), hints: perPlatform }),
  ),
  // Titles of existing contract tests whose expectations the spec change alters (a new field in a
  // record they compare whole): they fail in the starting state too, and are checked with the rest.
  changedTests: z.array(z.string()).default([]),
  // The requirement that the upgrade check (src/upgrade) proves instead of a contract test: data
  // written before the change is kept and filled in when the platform applies it.
  upgrade: z
    .string()
    .regex(/^R\d+$/)
    .optional(),
  // Requirements proven by packages/ui tests (the pages' part of a change), and the existing UI
  // tests the spec change alters; the reference is solution/ui.patch, shared by every platform.
  ui: z
    .strictObject({
      requirements: z.array(z.string().regex(/^R\d+$/)),
      changedTests: z.array(z.string()).default([]),
    })
    .optional(),
});

export interface Exercise extends z.infer<typeof exerciseFile> {
  number: number;
  dir: string;
  /** The git branch `start` creates. */
  slug: string;
  /**
   * The vitest `-t` pattern selecting the exercise's tests: its own, all in
   * `describe('workshop <n>: …')`, and the changed ones (contract and UI).
   */
  testFilter: string;
  startPatch: string;
  solutionPatch(platform: PlatformName): string;
  /** solution/ui.patch, for an exercise with `ui` requirements. */
  uiPatch: string | null;
  /**
   * Every reference of the exercise (each platform's, then ui.patch): what the next exercise's
   * patches were written on top of.
   */
  referencePatches: string[];
  /** The requirements the contract tests prove (not the upgrade check, not the UI tests). */
  contractRequirements: string[];
}

export function listExercises(): Exercise[] {
  return readdirSync(workshopDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
    .map((entry) => {
      const dir = join(workshopDir, entry.name);
      const number = Number(entry.name.slice(0, 2));
      const file = exerciseFile.parse(JSON.parse(readFileSync(join(dir, 'exercise.json'), 'utf8')));
      return {
        ...file,
        number,
        dir,
        slug: entry.name,
        testFilter: [`workshop ${number}: `, ...file.changedTests, ...(file.ui?.changedTests ?? [])]
          .map((title, i) => (i === 0 ? title : escapeRegExp(title)))
          .join('|'),
        startPatch: join(dir, 'start.patch'),
        solutionPatch: (platform: PlatformName) => join(dir, 'solution', `${platform}.patch`),
        uiPatch: file.ui ? join(dir, 'solution', 'ui.patch') : null,
        referencePatches: [
          ...PLATFORMS.map((platform) => join(dir, 'solution', `${platform}.patch`)),
          ...(file.ui ? [join(dir, 'solution', 'ui.patch')] : []),
        ],
        contractRequirements: Object.keys(file.requirements).filter(
          (id) => id !== file.upgrade && !file.ui?.requirements.includes(id),
        ),
      };
    })
    .sort((a, b) => a.number - b.number);
}

export function findExercise(number: number): Exercise {
  const exercise = listExercises().find((candidate) => candidate.number === number);
  if (!exercise) {
    const known = listExercises().map((candidate) => candidate.number);
    throw new Error(`No exercise ${number}; there are ${known.join(', ')} (workshop/README.md)`);
  }
  return exercise;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The requirement a contract test checks, from its title's "R<n> " prefix. */
export function requirementOf(title: string): string | null {
  return /^(R\d+) /.exec(title)?.[1] ?? null;
}

/** The exercise whose `describe('workshop <n>: …')` a test is in, or null for the rest of the suite. */
export function exerciseOf(test: { ancestorTitles: string[] }): number | null {
  for (const title of test.ancestorTitles) {
    const match = /^workshop (\d+): /.exec(title);
    if (match) return Number(match[1]);
  }
  return null;
}
