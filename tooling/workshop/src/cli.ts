import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { applyPatch } from './checkout';
import {
  type Exercise,
  PLATFORMS,
  type PlatformName,
  findExercise,
  listExercises,
  repoRoot,
  requirementOf,
} from './exercises';
import { type TestOutcome, runContract, runOrThrow, runUiTests } from './run';
import { beforeFromCommit, runUpgradeCheck } from './upgrade';

const USAGE = `pnpm workshop start <n> [--platform <app>]      the exercise's starting state on a new git branch
pnpm workshop check <n> --platform <app>        its tests on that app: pass/fail per requirement, with hints
pnpm workshop solution <n> [--platform <app>] [--apply]   show (or apply) the reference solution
  <app>: ${PLATFORMS.join(' | ')}`;

function platformOption(value: string | undefined, required: boolean): PlatformName | undefined {
  if (value === undefined) {
    if (required) throw new Error(`--platform is required: ${PLATFORMS.join(', ')}`);
    return undefined;
  }
  if (!(PLATFORMS as readonly string[]).includes(value)) {
    throw new Error(`Unknown platform ${value}: ${PLATFORMS.join(', ')}`);
  }
  return value as PlatformName;
}

const git = (...args: string[]) => runOrThrow('git', args, repoRoot);

async function start(exercise: Exercise, platform: PlatformName | undefined): Promise<void> {
  if ((await git('status', '--porcelain')).trim() !== '') {
    throw new Error('The working tree has changes: commit or stash them first (git status).');
  }
  const branch = `workshop/${exercise.slug}${platform ? `-${platform}` : ''}`;
  await git('switch', '--create', branch);
  // The exercises stack: each one's patches were written on top of the earlier exercises, done
  // (their starts and every reference: each platform's, and the pages'), so those come first,
  // committed on the branch.
  const earlier = listExercises().filter((each) => each.number < exercise.number);
  for (const each of earlier) {
    for (const patch of [each.startPatch, ...each.referencePatches]) {
      await applyPatch(repoRoot, patch, ['--index']);
    }
  }
  if (earlier.length > 0) {
    // A commit made by the tool, not by the learner: its own author, whatever git config says.
    await git(
      '-c',
      'user.name=Parity workshop',
      '-c',
      'user.email=workshop@parity.invalid',
      'commit',
      '--quiet',
      '--no-verify',
      '--message',
      `workshop: exercises 1–${exercise.number - 1} and their reference solutions, under exercise ${exercise.number}`,
    );
  }
  // The starting point, for the upgrade check: the schema the old data was written under, which
  // includes the earlier exercises' migrations.
  const base = (await git('rev-parse', 'HEAD')).trim();
  await git('config', `branch.${branch}.workshopBase`, base);
  // Staged, not committed: `git diff --cached` is the exercise, `git diff` the learner's own work.
  await applyPatch(repoRoot, exercise.startPatch, ['--index']);
  const readme = relative(repoRoot, `${exercise.dir}/README.md`);
  const references =
    earlier.length > 0
      ? `\nExercises 1–${exercise.number - 1} with their reference solutions are committed on it (git log -1).`
      : '';
  console.log(`On branch ${branch}: exercise ${exercise.number}, ${exercise.title}.${references}
The spec change and the new contract tests are staged (git diff --cached); the tests fail until you
implement them. Read ${readme}, then run:
  pnpm workshop check ${exercise.number} --platform ${platform ?? '<app>'}`);
}

async function check(exercise: Exercise, platform: PlatformName): Promise<boolean> {
  console.log(`Exercise ${exercise.number} (${exercise.title}) on ${platform}: running its contract tests…`);
  const { tests } = await runContract(repoRoot, platform, exercise.testFilter);
  if (tests.length === 0) {
    throw new Error(
      `No test of exercise ${exercise.number} ran: start it first (pnpm workshop start ${exercise.number}).`,
    );
  }
  let passed = report(exercise, platform, tests, exercise.contractRequirements, exercise.changedTests);
  if (exercise.ui) {
    console.log('…and its UI tests (packages/ui):');
    const ui = await runUiTests(repoRoot, exercise.testFilter);
    passed =
      report(exercise, platform, ui.tests, exercise.ui.requirements, exercise.ui.changedTests) && passed;
  }
  if (exercise.upgrade) passed = (await checkUpgrade(exercise, exercise.upgrade, platform)) && passed;
  if (passed)
    console.log(`All requirements pass. Now the whole contract: pnpm --filter @parity/${platform} test`);
  return passed;
}

/** PASS/FAIL per requirement (with the hint when it fails) and per changed test; true if all pass. */
function report(
  exercise: Exercise,
  platform: PlatformName,
  tests: TestOutcome[],
  requirements: string[],
  changedTests: string[],
): boolean {
  let passed = true;
  for (const id of requirements) {
    const requirement = exercise.requirements[id]!;
    const mine = tests.filter((test) => requirementOf(test.title) === id);
    const failed = mine.filter((test) => test.status === 'failed');
    const ok = mine.length > 0 && failed.length === 0;
    passed &&= ok;
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${id}  ${requirement.rule}`);
    if (ok) continue;
    for (const test of failed) console.log(`        ${test.title}\n          ${test.failure ?? ''}`);
    if (mine.length === 0) console.log('        (no test of this requirement ran)');
    console.log(`        hint: ${requirement.hints[platform]}`);
  }
  for (const title of changedTests) {
    const test = tests.find((candidate) => candidate.title === title);
    const ok = test?.status === 'passed';
    passed &&= ok;
    console.log(`${ok ? 'PASS' : 'FAIL'}  changed by the spec change: ${title}`);
    if (!ok) console.log(`          ${test?.failure ?? '(did not run)'}`);
  }
  return passed;
}

/** The requirement that old data survives the change, proven by the upgrade check (src/upgrade). */
async function checkUpgrade(exercise: Exercise, id: string, platform: PlatformName): Promise<boolean> {
  const requirement = exercise.requirements[id]!;
  const branch = (await git('branch', '--show-current')).trim();
  const base = await runOrThrow('git', ['config', '--get', `branch.${branch}.workshopBase`], repoRoot).catch(
    () => 'HEAD',
  );
  console.log(
    `Upgrade check (${id}): old data under the schema of ${base.trim().slice(0, 12)}, then your change…`,
  );
  const before = beforeFromCommit(repoRoot, base.trim());
  try {
    const { problems } = await runUpgradeCheck(repoRoot, platform, before);
    console.log(`${problems.length === 0 ? 'PASS' : 'FAIL'}  ${id}  ${requirement.rule}`);
    if (problems.length === 0) return true;
    for (const problem of problems) console.log(`          ${problem}`);
    console.log(`        hint: ${requirement.hints[platform]}`);
    return false;
  } finally {
    before.remove();
  }
}

async function solution(
  exercise: Exercise,
  platform: PlatformName | undefined,
  apply: boolean,
): Promise<void> {
  // The pages' part (packages/ui) is one patch for every platform.
  const patches: [string, string][] = (platform ? [platform] : PLATFORMS).map((each) => [
    each,
    exercise.solutionPatch(each),
  ]);
  if (exercise.uiPatch) patches.push(['ui', exercise.uiPatch]);
  for (const [each, patch] of patches) {
    if (apply) {
      await applyPatch(repoRoot, patch);
      console.log(`Applied the ${each} reference solution (${relative(repoRoot, patch)}).`);
    } else {
      process.stdout.write(readFileSync(patch, 'utf8'));
    }
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { platform: { type: 'string' }, apply: { type: 'boolean', default: false } },
  });
  const [command, number] = positionals;
  if (!command || !number || !/^\d+$/.test(number)) {
    console.error(USAGE);
    return 2;
  }
  const exercise = findExercise(Number(number));
  switch (command) {
    case 'start':
      await start(exercise, platformOption(values.platform, false));
      return 0;
    case 'check':
      return (await check(exercise, platformOption(values.platform, true)!)) ? 0 : 1;
    case 'solution':
      await solution(exercise, platformOption(values.platform, false), values.apply);
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
