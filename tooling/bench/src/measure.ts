import { performance } from 'node:perf_hooks';

export type Run = (i: number) => Promise<unknown>;

/** One way to perform an operation: a platform's data layer, or the floor on its database. */
export interface Variant {
  name: string;
  run: Run;
  /** Round trips of one call: statements, HTTP requests (measured once, outside the timing). */
  roundTrips?: () => number;
}

export interface Timing {
  p50: number;
  p95: number;
}

/**
 * Runs every variant of every operation once per round, in one interleaved loop, so background
 * load on a shared machine hits them alike and the ratios stay meaningful.
 */
export async function measure(
  operations: Map<string, Variant[]>,
  { rounds, warmUp }: { rounds: number; warmUp: number },
  progress: (message: string) => void,
): Promise<Map<string, Timing[]>> {
  const samples = new Map([...operations].map(([op, variants]) => [op, variants.map(() => [] as number[])]));
  for (let round = -warmUp; round < rounds; round++) {
    for (const [op, variants] of operations) {
      for (const [v, variant] of variants.entries()) {
        const started = performance.now();
        await variant.run(round + warmUp);
        const elapsed = performance.now() - started;
        if (round >= 0) samples.get(op)![v]!.push(elapsed);
      }
    }
    if (round >= 0 && ((round + 1) % 10 === 0 || round + 1 === rounds))
      progress(`round ${round + 1}/${rounds}`);
  }
  return new Map([...samples].map(([op, perVariant]) => [op, perVariant.map(percentiles)]));
}

function percentiles(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}
