/**
 * The developer loop: what the run measured (test time per app) and facts checked against the
 * repository (each fact names the script or file it rests on, and fails the report when that is
 * gone). What is not measured or built yet is said as "not yet".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';
import { PLATFORMS, type Behaviour, type DevLoopCell, type DevLoopRow, type Platform } from './report';
import type { FirstPage } from './first-page';
import { appSources } from './sources';

function script(platform: Platform, name: string): string {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'apps', platform, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const command = manifest.scripts?.[name];
  if (!command)
    throw new Error(`apps/${platform}/package.json has no "${name}" script, which the report describes`);
  return command;
}

/** `pnpm <name>`, refused when the app has no such script. */
function pnpmScript(platform: Platform, name: string): string {
  script(platform, name);
  return `\`pnpm ${name}\``;
}

function fact(text: string): DevLoopCell {
  return { text, status: 'fact' };
}

/** A fact about a file of the app, refused when the file is gone. */
function fileFact(platform: Platform, path: string, text: string): DevLoopCell {
  if (!existsSync(join(REPO_ROOT, 'apps', platform, path))) {
    throw new Error(`apps/${platform}/${path} is gone, which the report describes`);
  }
  return fact(text);
}

function notYet(text: string): DevLoopCell {
  return { text: `not yet: ${text}`, status: 'not-yet' };
}

function usesAnywhere(platform: Platform, needle: string): boolean {
  return appSources(platform).some((file) => file.text.includes(needle));
}

/** The preview workflow (`.github/workflows/*preview*`) that deploys this platform, if any. */
function previewWorkflow(platform: Platform): string | null {
  const dir = join(REPO_ROOT, '.github', 'workflows');
  if (!existsSync(dir)) return null;
  const keyword = { 'neon-drizzle': /neon/i, supabase: /supabase/i, convex: /convex/i }[platform];
  const file = readdirSync(dir).find(
    (name) => /preview/i.test(name) && keyword.test(readFileSync(join(dir, name), 'utf8')),
  );
  return file ? `.github/workflows/${file}` : null;
}

/** From a fresh clone to each app's first page, with `npm start` (src/first-page.ts). */
function firstPageCell(firstPage: FirstPage | null, platform: Platform): DevLoopCell {
  if (!firstPage) return notYet('run `pnpm compare` at the default size to measure it');
  const s = (ms: number) => (ms / 1000).toFixed(0);
  return {
    text:
      `${s(firstPage.firstPageMs[platform])} s: git clone (${s(firstPage.cloneMs)} s, local) + npm start ` +
      `(pnpm install with a warm store, services, next dev compiling /); ` +
      `${firstPage.measuredAt.slice(0, 10)}, load average ${firstPage.loadAverage}`,
    status: 'measured',
  };
}

export function devLoop(behaviour: Behaviour, firstPage: FirstPage | null): DevLoopRow[] {
  const seconds = (platform: Platform) => {
    const run = behaviour.runs.find((candidate) => candidate.platform === platform);
    const tests = run ? run.passed + run.failed + run.skipped : 0;
    return run
      ? {
          text: `${(run.durationMs / 1000).toFixed(1)} s for ${tests} contract tests`,
          status: 'measured' as const,
        }
      : notYet('no run');
  };
  const each = (cell: (platform: Platform) => DevLoopCell) =>
    Object.fromEntries(PLATFORMS.map((platform) => [platform, cell(platform)])) as Record<
      Platform,
      DevLoopCell
    >;

  return [
    { aspect: 'Test time: the contract suite (this run)', cells: each(seconds) },
    { aspect: 'Clone to first page', cells: each((platform) => firstPageCell(firstPage, platform)) },
    {
      aspect: 'Migration workflow',
      cells: {
        'neon-drizzle': fact(
          `edit src/data/schema.ts → \`${script('neon-drizzle', 'db:generate')}\` writes SQL to drizzle/ (committed) → ${pnpmScript('neon-drizzle', 'db:migrate')}`,
        ),
        supabase: fact(
          `write SQL in supabase/migrations/ → \`${script('supabase', 'db:migrate')}\`, then ${pnpmScript('supabase', 'db:types')} regenerates the types`,
        ),
        convex: fileFact(
          'convex',
          'convex/schema.ts',
          'edit convex/schema.ts → `convex dev` (or `convex deploy`) pushes it; the deployment checks every document against it; no migration files, data changes are mutations',
        ),
      },
    },
    {
      aspect: 'Preview environments',
      cells: each((platform) => {
        const workflow = previewWorkflow(platform);
        if (workflow) return fact(`per pull request: ${workflow}`);
        return notYet(
          platform === 'neon-drizzle'
            ? 'issue 12 (a Neon branch per pull request)'
            : 'no issue covers it yet',
        );
      }),
    },
    {
      aspect: 'Real-time updates',
      cells: {
        'neon-drizzle': usesAnywhere('neon-drizzle', 'text/event-stream')
          ? fact('Server-Sent Events fed by PostgreSQL LISTEN/NOTIFY')
          : notYet('issue 14'),
        supabase: usesAnywhere('supabase', '.channel(')
          ? fact('Supabase Realtime channels')
          : notYet('issue 14'),
        convex: usesAnywhere('convex', "from 'convex/react'")
          ? fact('built in: useQuery subscribes, every page updates live')
          : notYet('issue 14'),
      },
    },
  ];
}
