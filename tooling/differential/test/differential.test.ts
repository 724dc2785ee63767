import type { Platform } from '@parity/contract';
import { createPlatform as convex } from '@parity/convex/contract';
import { createPlatform as neonDrizzle } from '@parity/neon-drizzle/contract';
import { createPlatform as supabase } from '@parity/supabase/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCode } from '../src/code';
import { type Sequence, sequences } from '../src/operations';
import { type Outcome, runSequence } from '../src/run';

// `npm test` runs 200 sequences; PARITY_DIFF_RUNS runs more, PARITY_DIFF_SEED replays a run.
const RUNS = Number(process.env['PARITY_DIFF_RUNS'] ?? 200);
const SEED = Number(process.env['PARITY_DIFF_SEED'] ?? Date.now() % 2 ** 31);
const LENGTH = { min: 20, max: 40 };

let platforms: Platform[] = [];
let runs = 0;
let operations = 0;

beforeAll(async () => {
  platforms = await Promise.all([neonDrizzle(), supabase(), convex()]);
  console.info(
    `differential: ${RUNS} sequences of ${LENGTH.min}–${LENGTH.max} operations, PARITY_DIFF_SEED=${SEED}`,
  );
}, 180_000);
afterAll(async () => {
  await Promise.all(platforms.map((platform) => platform.close()));
});

/** JSON with object keys sorted: outcomes compare by content, not by the order keys were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The first operation whose outcome differs between platforms, or null. */
async function divergence(sequence: Sequence): Promise<string | null> {
  const run = `${SEED}-${++runs}`;
  operations += sequence.operations.length;
  const outcomes = await Promise.all(platforms.map((platform) => runSequence(platform, sequence, run)));
  const [reference, ...others] = outcomes as [Outcome[], ...Outcome[][]];
  for (let i = 0; i < sequence.operations.length; i++) {
    const expected = canonical(reference[i]);
    const differing = others.findIndex((outcome) => canonical(outcome[i]) !== expected);
    if (differing >= 0) {
      const lines = platforms.map((platform, p) => `  ${platform.name}: ${canonical(outcomes[p]![i])}`);
      return `operation ${i} ${JSON.stringify(sequence.operations[i])}\n${lines.join('\n')}`;
    }
  }
  return null;
}

/** A sequence pasted from a failure report (toCode), kept as a regression test. */
export async function expectSameOutcomes(sequence: Sequence): Promise<void> {
  expect(await divergence(sequence)).toBeNull();
}

/** fast-check shrinks within 20–40 operations; this then drops every operation it can. */
async function minimal(sequence: Sequence): Promise<Sequence> {
  let current = sequence;
  for (let i = current.operations.length - 1; i >= 0; i--) {
    const shorter = { ...current, operations: current.operations.filter((_, j) => j !== i) };
    if (await divergence(shorter)) current = shorter;
  }
  return current;
}

describe('the platforms agree on generated operation sequences', () => {
  it('every outcome of every sequence is the same on neon-drizzle, supabase and convex', async () => {
    const started = Date.now();
    const failure = await fc.check(
      fc.asyncProperty(sequences(LENGTH), async (sequence) => (await divergence(sequence)) === null),
      { numRuns: RUNS, seed: SEED },
    );
    console.info(
      `differential: ${failure.numRuns} sequences, ${operations} operations per platform in ${Math.round((Date.now() - started) / 1000)} s (PARITY_DIFF_SEED=${SEED})`,
    );
    if (!failure.failed) {
      expect(failure.numRuns).toBe(RUNS);
      return;
    }
    const repro = await minimal(failure.counterexample![0]);
    expect.fail(
      `The platforms diverge (PARITY_DIFF_SEED=${SEED}):\n${await divergence(repro)}\n\nReproduction:\n${toCode(repro)}`,
    );
  }, 900_000);
});

// Divergences the runner found, shrunk, kept as they were printed.
describe('regressions', () => {
  it('a signed-out caller is UNAUTHENTICATED before any field is judged (convex judged the patch first)', async () => {
    await expectSameOutcomes({
      users: ['User 0', 'User 1'],
      operations: [
        { op: 'deleteMe', as: 'u0' },
        { op: 'updatePost', as: 'u0', target: { post: 0 }, patch: { authorId: 'x' } },
      ],
    });
  });
});
