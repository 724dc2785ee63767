import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Compares a generated diagram document with the committed one. With PARITY_UPDATE_ERD=1 it
 * writes the file instead (after a schema change, on purpose); otherwise the caller's test fails
 * on any difference.
 */
export function checkErdFile(path: string, generated: string): { committed: string; generated: string } {
  if (process.env.PARITY_UPDATE_ERD === '1') writeFileSync(path, generated);
  const committed = existsSync(path) ? readFileSync(path, 'utf8') : '';
  return { committed, generated };
}
