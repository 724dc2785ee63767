import type { Sequence } from './operations';

/** A sequence as a test one can paste into test/differential.test.ts to replay it. */
export function toCode(sequence: Sequence): string {
  const operations = sequence.operations.map((operation) => `    ${JSON.stringify(operation)},`).join('\n');
  return [
    `await expectSameOutcomes({`,
    `  users: ${JSON.stringify(sequence.users)},`,
    `  operations: [`,
    operations,
    `  ],`,
    `});`,
  ].join('\n');
}
