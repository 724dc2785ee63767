import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Checkout, applyPatch, copyWorkingTree } from '../src/checkout';
import {
  type Exercise,
  PLATFORMS,
  exerciseOf,
  listExercises,
  repoRoot,
  requirementOf,
} from '../src/exercises';
import { startPatchProblems } from '../src/patches';
import { type TestOutcome, runContract, runUiTests } from '../src/run';
import { type Before, beforeFromTree, runUpgradeCheck } from '../src/upgrade';

/** Promise.all that waits for every run before failing: the copy is removed only when nothing runs in it. */
async function settled<T>(runs: Promise<T>[]): Promise<T[]> {
  const outcomes = await Promise.allSettled(runs);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}

// PARITY_WORKSHOP_EXERCISES=2,3 checks only those exercises' starting states (while writing one);
// the exercises stack, so every exercise up to the last one named is still applied. Unset, all.
const only = process.env.PARITY_WORKSHOP_EXERCISES?.split(',').map(Number);
const all = listExercises();
const last = only ? Math.max(...only) : Infinity;
const applied = all.filter((exercise) => exercise.number <= last);
const checked = applied.filter((exercise) => !only || only.includes(exercise.number));

/**
 * In the starting state of `exercise` (the earlier exercises' references applied): each of
 * `requirements` has a test, and every test of it and of `changedTests` that ran failed; every
 * other test that ran (the earlier exercises' and their changed tests) passed.
 */
function expectOnlyItsTestsFail(
  tests: TestOutcome[],
  exercise: Exercise,
  requirements: string[],
  changedTests: string[],
): void {
  const own = tests.filter((test) => exerciseOf(test) === exercise.number);
  const changed = tests.filter((test) => exerciseOf(test) === null && changedTests.includes(test.title));
  const others = tests.filter((test) => !own.includes(test) && !changed.includes(test));
  expect(own.length, 'no test of the exercise ran').toBeGreaterThan(0);
  expect(new Set(own.map((test) => requirementOf(test.title)))).toEqual(new Set(requirements));
  expect(changed.map((test) => test.title).sort()).toEqual([...changedTests].sort());
  const passed = [...own, ...changed].filter((test) => test.status === 'passed');
  expect(passed.map((test) => test.title)).toEqual([]);
  expect(
    others.filter((test) => test.status === 'failed').map((test) => `${test.title}: ${test.failure}`),
  ).toEqual([]);
}

describe('workshop exercises', () => {
  // One copy of the working tree for the whole run. The exercises stack (each one's patches were
  // written on top of the earlier ones' references), so the copy only moves forward: exercise 1's
  // start, its references, exercise 2's start, …
  let copy: Checkout | undefined;
  const patched: string[] = [];
  // Per exercise with an upgrade check: the migrations of its starting point (the earlier
  // references applied; a starting patch changes no app), what its old data is written under.
  const befores = new Map<number, Before>();
  beforeAll(async () => {
    if (applied.length > 0) copy = await copyWorkingTree(repoRoot);
  });
  afterAll(() => {
    for (const before of befores.values()) before.remove();
    copy?.remove();
  });

  /** Moves the copy forward to `exercise`'s starting state, or past its references too. */
  async function advanceTo(exercise: Exercise, withReferences: boolean): Promise<string> {
    for (const each of applied) {
      const steps = [[each.startPatch], each.referencePatches];
      for (const [i, patches] of steps.entries()) {
        if (each.number === exercise.number && i === 1 && !withReferences) return copy!.dir;
        for (const patch of patches) {
          if (patched.includes(patch)) continue;
          await applyPatch(copy!.dir, patch);
          patched.push(patch);
        }
        if (i === 0 && each.upgrade && !befores.has(each.number)) {
          befores.set(each.number, beforeFromTree(copy!.dir));
        }
      }
      if (each.number === exercise.number) return copy!.dir;
    }
    throw new Error(`exercise ${exercise.number} is not applied in this run`);
  }

  it('there are exercises, numbered from 1 without gaps', () => {
    const numbers = all.map((exercise) => exercise.number);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  describe.each(checked)('exercise $number: $title', (exercise) => {
    it('on the earlier references, the starting state adds tests, and only they fail, on every platform', async () => {
      expect(startPatchProblems(readFileSync(exercise.startPatch, 'utf8'))).toEqual([]);
      const dir = await advanceTo(exercise, false);
      const before = befores.get(exercise.number);
      // Its tests, and the earlier exercises' (their references applied: this proves them too).
      const filter = applied
        .filter((each) => each.number <= exercise.number)
        .map((each) => each.testFilter)
        .join('|');
      // Every run at once: each starts its own servers on free ports.
      const contractRuns = PLATFORMS.map((platform) => runContract(dir, platform, filter));
      const uiRun = exercise.ui ? runUiTests(dir, exercise.testFilter) : undefined;
      const upgradeRuns = before ? PLATFORMS.map((platform) => runUpgradeCheck(dir, platform, before)) : [];
      await settled<unknown>([...contractRuns, ...(uiRun ? [uiRun] : []), ...upgradeRuns]);
      (await Promise.all(contractRuns)).forEach(({ tests, seconds }, i) => {
        // The time `pnpm workshop check` takes on this machine, for the guide's timing table.
        console.info(`exercise ${exercise.number}, starting state, ${PLATFORMS[i]}: ${seconds} s`);
        expectOnlyItsTestsFail(tests, exercise, exercise.contractRequirements, exercise.changedTests);
      });
      if (uiRun && exercise.ui) {
        const { tests, seconds } = await uiRun;
        console.info(`exercise ${exercise.number}, starting state, UI tests: ${seconds} s`);
        expectOnlyItsTestsFail(tests, exercise, exercise.ui.requirements, exercise.ui.changedTests);
      }
      (await Promise.all(upgradeRuns)).forEach(({ problems, seconds }, i) => {
        console.info(
          `exercise ${exercise.number}, starting state, upgrade check, ${PLATFORMS[i]}: ${seconds} s`,
        );
        expect(problems, `${PLATFORMS[i]}'s upgrade check passed in the starting state`).not.toEqual([]);
      });
    });
  });

  it('with every exercise and its references applied, the whole contract passes on every platform', async () => {
    const final = applied.at(-1);
    if (!final) return;
    const dir = await advanceTo(final, true);
    // Every run at once, in the one copy: the three contracts, packages/ui's whole suite (when an
    // exercise has a pages' part) and each upgrade check from its exercise's starting point.
    const contractRuns = PLATFORMS.map((platform) => runContract(dir, platform));
    const uiRun = applied.some((exercise) => exercise.uiPatch) ? runUiTests(dir) : undefined;
    const upgrades = [...befores].flatMap(([number, before]) =>
      PLATFORMS.map((platform) => ({ number, platform, run: runUpgradeCheck(dir, platform, before) })),
    );
    await settled<unknown>([...contractRuns, ...(uiRun ? [uiRun] : []), ...upgrades.map(({ run }) => run)]);
    if (uiRun) {
      const { tests, seconds } = await uiRun;
      console.info(`UI tests with every reference: ${seconds} s`);
      expect(tests.filter((test) => test.status === 'failed').map((test) => test.title)).toEqual([]);
      const uiRequirements = new Set(tests.map((test) => requirementOf(test.title)));
      for (const id of applied.flatMap((exercise) => exercise.ui?.requirements ?? [])) {
        expect(uiRequirements).toContain(id);
      }
    }
    (await Promise.all(contractRuns)).forEach(({ tests, seconds }, i) => {
      const platform = PLATFORMS[i]!;
      console.info(`whole contract with every reference, ${platform}: ${seconds} s`);
      const failed = tests.filter((test) => test.status === 'failed');
      expect(failed.map((test) => `${platform}: ${test.title}: ${test.failure}`)).toEqual([]);
      for (const exercise of applied) {
        const ran = tests.filter((test) => exerciseOf(test) === exercise.number);
        expect(
          new Set(ran.map((test) => requirementOf(test.title))),
          `${platform} ran every requirement of exercise ${exercise.number}`,
        ).toEqual(new Set(exercise.contractRequirements));
      }
      // The whole contract ran, not a part of it (packages/contract/test/readme-map.test.ts: ≥ 120).
      const rest = tests.filter((test) => exerciseOf(test) === null);
      expect(rest.length).toBeGreaterThanOrEqual(120);
    });
    for (const { number, platform, run } of upgrades) {
      const { problems, seconds } = await run;
      console.info(`exercise ${number}, upgrade check with every reference, ${platform}: ${seconds} s`);
      expect(problems.map((problem) => `${platform}: ${problem}`)).toEqual([]);
    }
  });
});
