import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Checkout, copyWorkingTree, withPatches } from '../src/checkout';
import { PLATFORMS, type PlatformName, listExercises, repoRoot, requirementOf } from '../src/exercises';
import { startPatchProblems } from '../src/patches';
import { type TestOutcome, runContract, runUiTests } from '../src/run';
import { beforeFromTree, runUpgradeCheck } from '../src/upgrade';

/** Promise.all that waits for every run before failing: a copy is removed only when nothing runs in it. */
async function settled<T>(runs: Promise<T>[]): Promise<T[]> {
  const outcomes = await Promise.allSettled(runs);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}

// PARITY_WORKSHOP_EXERCISES=2,3 proves only those exercises (while writing one); unset, all of them.
const only = process.env.PARITY_WORKSHOP_EXERCISES?.split(',').map(Number);
const exercises = listExercises().filter((exercise) => !only || only.includes(exercise.number));

/**
 * In the starting state: every test of the exercise that ran failed, each of `requirements` has one,
 * and every other test that ran is one of `changedTests`.
 */
function expectAllFail(tests: TestOutcome[], requirements: string[], changedTests: string[]): void {
  expect(tests.length, 'no test of the exercise ran').toBeGreaterThan(0);
  expect(tests.filter((test) => test.status === 'passed').map((test) => test.title)).toEqual([]);
  const own = tests.filter((test) => requirementOf(test.title) !== null);
  expect(new Set(own.map((test) => requirementOf(test.title)))).toEqual(new Set(requirements));
  const others = tests.filter((test) => requirementOf(test.title) === null);
  expect(others.map((test) => test.title).sort()).toEqual([...changedTests].sort());
}

describe('workshop exercises', () => {
  // One copy of the working tree per platform for the whole run, made one after another
  // (concurrent pnpm installs from one store can leave a package half linked): each exercise
  // applies its patches and takes them off again, so the installs are paid once.
  const copies: Checkout[] = [];
  beforeAll(async () => {
    if (exercises.length === 0) return;
    for (const _ of PLATFORMS) copies.push(await copyWorkingTree(repoRoot));
  });
  afterAll(() => {
    for (const copy of copies) copy.remove();
  });

  it('there are exercises, numbered from 1 without gaps', () => {
    const numbers = listExercises().map((exercise) => exercise.number);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  });

  describe.each(exercises)('exercise $number: $title', (exercise) => {
    it('the starting state adds tests only, and each of them fails on every platform', async () => {
      expect(startPatchProblems(readFileSync(exercise.startPatch, 'utf8'))).toEqual([]);
      const checkout = copies[0]!;
      await withPatches(checkout.dir, [exercise.startPatch], async () => {
        // Nothing is changed yet, so the upgrade check's old data cannot have been carried over.
        const before = exercise.upgrade ? beforeFromTree(checkout.dir) : undefined;
        try {
          // Every run at once: each starts its own servers on free ports.
          const contractRuns = PLATFORMS.map((platform) =>
            runContract(checkout.dir, platform, exercise.testFilter),
          );
          const uiRun = exercise.ui ? runUiTests(checkout.dir, exercise.testFilter) : undefined;
          const upgradeRuns = before
            ? PLATFORMS.map((platform) => runUpgradeCheck(checkout.dir, platform, before))
            : [];
          await settled<unknown>([...contractRuns, ...(uiRun ? [uiRun] : []), ...upgradeRuns]);
          (await Promise.all(contractRuns)).forEach(({ tests, seconds }, i) => {
            // The time `pnpm workshop check` takes on this machine, for the guide's timing table.
            console.info(`exercise ${exercise.number}, starting state, ${PLATFORMS[i]}: ${seconds} s`);
            expect(tests.length, `${PLATFORMS[i]} ran no test of the exercise`).toBeGreaterThan(0);
            // Every requirement of exercise.json has a test; every other test that ran is a changed one.
            expectAllFail(tests, exercise.contractRequirements, exercise.changedTests);
          });
          if (uiRun && exercise.ui) {
            const { tests, seconds } = await uiRun;
            console.info(`exercise ${exercise.number}, starting state, UI tests: ${seconds} s`);
            expectAllFail(tests, exercise.ui.requirements, exercise.ui.changedTests);
          }
          (await Promise.all(upgradeRuns)).forEach(({ problems, seconds }, i) => {
            console.info(
              `exercise ${exercise.number}, starting state, upgrade check, ${PLATFORMS[i]}: ${seconds} s`,
            );
            expect(problems, `${PLATFORMS[i]}'s upgrade check passed in the starting state`).not.toEqual([]);
          });
        } finally {
          before?.remove();
        }
      });
    });

    it('with each reference solution the whole contract passes on its platform', async () => {
      // One copy per platform: a solution is proven on its own, as a learner would apply it; the
      // pages' part (ui.patch) is the same for every platform and goes with each.
      const patchesOf = (platform: PlatformName) => [
        exercise.startPatch,
        exercise.solutionPatch(platform),
        ...(exercise.uiPatch ? [exercise.uiPatch] : []),
      ];
      // The schema the upgrade check's old data is written under: the starting point's, which is
      // the copies' own (a starting patch changes no app).
      const before = beforeFromTree(copies[0]!.dir);
      const inEveryCopy = PLATFORMS.reduceRight<() => Promise<void>>(
        (inner, platform, i) => () => withPatches(copies[i]!.dir, patchesOf(platform), inner),
        async () => {
          // Every run at once; packages/ui is identical in every copy, so its whole suite runs once.
          const contractRuns = PLATFORMS.map((platform, i) => runContract(copies[i]!.dir, platform));
          const uiRun = exercise.uiPatch ? runUiTests(copies[0]!.dir) : undefined;
          const upgradeRuns = exercise.upgrade
            ? PLATFORMS.map((platform, i) => runUpgradeCheck(copies[i]!.dir, platform, before))
            : [];
          await settled<unknown>([...contractRuns, ...(uiRun ? [uiRun] : []), ...upgradeRuns]);
          if (uiRun) {
            const { tests, seconds } = await uiRun;
            console.info(`exercise ${exercise.number}, UI tests with the solution: ${seconds} s`);
            expect(tests.filter((test) => test.status === 'failed').map((test) => test.title)).toEqual([]);
            const uiRequirements = new Set(tests.map((test) => requirementOf(test.title)));
            for (const id of exercise.ui?.requirements ?? []) expect(uiRequirements).toContain(id);
          }
          (await Promise.all(contractRuns)).forEach(({ tests, seconds }, i) => {
            const platform = PLATFORMS[i]!;
            console.info(
              `exercise ${exercise.number}, whole contract with the solution, ${platform}: ${seconds} s`,
            );
            const failed = tests.filter((test) => test.status === 'failed');
            expect(failed.map((test) => `${platform}: ${test.title}: ${test.failure}`)).toEqual([]);
            const exerciseTests = tests.filter((test) => requirementOf(test.title) !== null);
            expect(exerciseTests.length, `${platform} ran no test of the exercise`).toBeGreaterThan(0);
            // The whole contract ran, not a part of it (packages/contract/test/readme-map.test.ts: ≥ 120).
            expect(tests.length - exerciseTests.length).toBeGreaterThanOrEqual(120);
          });
          (await Promise.all(upgradeRuns)).forEach(({ problems, seconds }, i) => {
            console.info(
              `exercise ${exercise.number}, upgrade check with the solution, ${PLATFORMS[i]}: ${seconds} s`,
            );
            expect(problems.map((problem) => `${PLATFORMS[i]}: ${problem}`)).toEqual([]);
          });
        },
      );
      try {
        await inEveryCopy();
      } finally {
        before.remove();
      }
    });
  });
});
