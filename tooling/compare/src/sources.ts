/** The files of an app as git tracks them: what a reader of the repository sees, nothing built. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';
import type { Platform } from './report';

export interface SourceFile {
  /** Path from the app's folder, e.g. `src/db/posts.ts`. */
  path: string;
  /** Path from the repository root, for links and citations. */
  repoPath: string;
  text: string;
}

const TEXT = /\.(ts|tsx|mts|mjs|js|sql|toml|json|css)$/;

export function appSources(platform: Platform): SourceFile[] {
  const prefix = `apps/${platform}/`;
  const listed = execFileSync('git', ['ls-files', '-z', '--', prefix], { cwd: REPO_ROOT, encoding: 'utf8' });
  return listed
    .split('\0')
    .filter((repoPath) => TEXT.test(repoPath))
    .map((repoPath) => ({
      path: repoPath.slice(prefix.length),
      repoPath,
      text: readFileSync(join(REPO_ROOT, repoPath), 'utf8'),
    }));
}

export function isTestFile(path: string): boolean {
  return /(^|\/)(tests?|e2e)\//.test(path) || /\.test\.tsx?$/.test(path);
}
