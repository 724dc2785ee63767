import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Checkout, applyPatch, copyWorkingTree } from '../src/checkout';
import { PLATFORMS, listExercises, repoRoot, requirementOf } from '../src/exercises';
import { startPatchProblems } from '../src/patches';
import { runContract } from '../src/run';
import { type Before, beforeFromTree, runUpgradeCheck } from '../src/upgrade';

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

describe('workshop exercises', () => {
  it('there are exercises, numbered from 1 without gaps', () => {
    const numbers = listExercises().map((exercise) => exercise.number);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  });

  describe.each(exercises)('exercise $number: $title', (exercise) => {
    it('the starting state adds tests only, and each of them fails on every platform', async () => {
      expect(startPatchProblems(readFileSync(exercise.startPatch, 'utf8'))).toEqual([]);
      const checkout = await copyWorkingTree(repoRoot);
      try {
        await applyPatch(checkout.dir, exercise.startPatch);
        // One stack per platform at once: each run starts its own servers on free ports.
        const runs = await settled(
          PLATFORMS.map((platform) => runContract(checkout.dir, platform, exercise.testFilter)),
        );
        runs.forEach(({ tests, seconds }, i) => {
          // The time `pnpm workshop check` takes on this machine, for the guide's timing table.
          console.info(`exercise ${exercise.number}, starting state, ${PLATFORMS[i]}: ${seconds} s`);
          expect(tests.length, `${PLATFORMS[i]} ran no test of the exercise`).toBeGreaterThan(0);
          expect(tests.filter((test) => test.status === 'passed').map((test) => test.title)).toEqual([]);
          // Every requirement of exercise.json has a test; every other test that ran is a changed one.
          const own = tests.filter((test) => requirementOf(test.title) !== null);
          expect(new Set(own.map((test) => requirementOf(test.title)))).toEqual(
            new Set(Object.keys(exercise.requirements).filter((id) => id !== exercise.upgrade)),
          );
          const others = tests.filter((test) => requirementOf(test.title) === null);
          expect(others.map((test) => test.title).sort()).toEqual([...exercise.changedTests].sort());
        });
        if (exercise.upgrade) {
          // Nothing is changed yet, so the old data cannot have been carried over.
          const before = beforeFromTree(checkout.dir);
          try {
            const upgrades = await settled(
              PLATFORMS.map((platform) => runUpgradeCheck(checkout.dir, platform, before)),
            );
            upgrades.forEach(({ problems, seconds }, i) => {
              console.info(
                `exercise ${exercise.number}, starting state, upgrade check, ${PLATFORMS[i]}: ${seconds} s`,
              );
              expect(problems, `${PLATFORMS[i]}'s upgrade check passed in the starting state`).not.toEqual(
                [],
              );
            });
          } finally {
            before.remove();
          }
        }
      } finally {
        checkout.remove();
      }
    });

    it('with each reference solution the whole contract passes on its platform', async () => {
      // One copy per platform: a solution is proven on its own, as a learner would apply it.
      // The copies are made one after another (concurrent pnpm installs from one store can leave
      // a package half linked), the contracts then run at once.
      const checkouts: Checkout[] = [];
      const befores: Before[] = [];
      try {
        for (const platform of PLATFORMS) {
          const checkout = await copyWorkingTree(repoRoot);
          checkouts.push(checkout);
          await applyPatch(checkout.dir, exercise.startPatch);
          // The schema the old data of the upgrade check is written under: the starting point's.
          befores.push(beforeFromTree(checkout.dir));
          await applyPatch(checkout.dir, exercise.solutionPatch(platform));
        }
        const results = await settled(
          PLATFORMS.map(async (platform, i) => ({
            platform,
            ...(await runContract(checkouts[i]!.dir, platform)),
          })),
        );
        for (const { platform, tests, seconds } of results) {
          console.info(
            `exercise ${exercise.number}, whole contract with the solution, ${platform}: ${seconds} s`,
          );
          const failed = tests.filter((test) => test.status === 'failed');
          expect(failed.map((test) => `${platform}: ${test.title}: ${test.failure}`)).toEqual([]);
          const exerciseTests = tests.filter((test) => requirementOf(test.title) !== null);
          expect(exerciseTests.length, `${platform} ran no test of the exercise`).toBeGreaterThan(0);
          // The whole contract ran, not a part of it (packages/contract/test/readme-map.test.ts: ≥ 120).
          expect(tests.length - exerciseTests.length).toBeGreaterThanOrEqual(120);
        }
        if (exercise.upgrade) {
          const upgrades = await settled(
            PLATFORMS.map((platform, i) => runUpgradeCheck(checkouts[i]!.dir, platform, befores[i]!)),
          );
          upgrades.forEach(({ problems, seconds }, i) => {
            console.info(
              `exercise ${exercise.number}, upgrade check with the solution, ${PLATFORMS[i]}: ${seconds} s`,
            );
            expect(problems.map((problem) => `${PLATFORMS[i]}: ${problem}`)).toEqual([]);
          });
        }
      } finally {
        for (const checkout of checkouts) checkout.remove();
        for (const before of befores) before.remove();
      }
    });
  });
});
