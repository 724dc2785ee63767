import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// turbo runs tasks in strict env mode: a variable not declared in turbo.json never reaches the
// task, so a DATABASE_URL set by the user would be silently ignored. These tests ask turbo itself.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const turbo = join(root, 'node_modules/.bin/turbo');

// Set by the process itself or by Next.js, never by the user.
const RUNTIME = new Set(['NODE_ENV', 'NEXT_PHASE', 'PATH', 'HOME', 'TMPDIR', 'VITEST']);
const SKIP = new Set([
  'node_modules',
  '.next',
  '.turbo',
  '.cache',
  '_generated',
  'dist',
  'test-results',
  'playwright-report',
]);

// turbo runs scripts with pnpm: the one tooling/bootstrap.mjs installs, when none is global.
const PATH = [join(root, '.cache/pnpm/node_modules/.bin'), process.env.PATH].join(delimiter);

function runTurbo(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(turbo, args, { cwd: root, encoding: 'utf8', env: { ...process.env, PATH, ...env } });
}

interface DryTask {
  taskId: string;
  environmentVariables: { specified: { env: string[]; passThroughEnv: string[] | null } };
}
interface DryRun {
  tasks: DryTask[];
  globalCacheInputs: {
    environmentVariables: { specified: { env: string[]; passThroughEnv: string[] | null } };
  };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:ts|tsx|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Every variable a package's code reads, as process.env.<name> or process.env['<name>']. */
function variablesRead(packageDir: string): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles(packageDir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(
      /process\.env(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g,
    )) {
      names.add((match[1] ?? match[2])!);
    }
    // Destructured: const { name, other: alias } from process.env
    for (const match of text.matchAll(/\{([^{}]*)\}\s*=\s*process\.env\b/g)) {
      for (const part of match[1]!.split(',')) {
        const name = part.split(/[:=]/)[0]!.trim();
        if (/^[A-Z][A-Z0-9_]*$/.test(name)) names.add(name);
      }
    }
  }
  return names;
}

const matches = (patterns: string[], name: string) =>
  patterns.some((pattern) =>
    pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name,
  );

const workspaces = ['apps', 'packages', 'tooling'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, group, entry.name)),
);

describe('env through turbo', () => {
  it.each(['test', 'e2e', 'dev', 'build'])(
    'every variable a package reads is declared for its %s task',
    (task) => {
      const dry = JSON.parse(runTurbo(['run', task, '--dry=json'])) as DryRun;
      const global = dry.globalCacheInputs.environmentVariables.specified;
      const undeclared = dry.tasks.flatMap(({ taskId, environmentVariables: { specified } }) => {
        const pkg = taskId.split('#')[0]!;
        const dir = workspaces.find((path) => {
          const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { name: string };
          return manifest.name === pkg;
        });
        if (!dir) return [];
        const declared = [
          ...global.env,
          ...(global.passThroughEnv ?? []),
          ...specified.env,
          ...(specified.passThroughEnv ?? []),
        ];
        return [...variablesRead(dir)]
          .filter((name) => !RUNTIME.has(name) && !matches(declared, name))
          .map((name) => `${taskId}: ${name}`);
      });
      expect(dry.tasks.length).toBeGreaterThan(0);
      expect(undeclared).toEqual([]);
    },
  );

  it('a DATABASE_URL set by the user reaches the task', () => {
    const url = 'postgresql://probe@127.0.0.1:1/probe';
    const output = runTurbo(
      ['run', 'env:probe', '--filter=@parity/repo-checks', '--output-logs=full', '--log-prefix=none'],
      {
        DATABASE_URL: url,
      },
    );
    expect(output).toContain(`probe=${url}`);
  });
});
