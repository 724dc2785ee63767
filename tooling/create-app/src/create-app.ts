/**
 * Writes one app of this repository out as a standalone project: a small pnpm workspace holding
 * the app and the workspace packages it depends on (shared code, configs, its platform's local
 * stand-in, the e2e suite), copied from the files git knows, so the copy cannot drift from the
 * repository. Only what ties it to the monorepo is rewritten: `catalog:` versions, root files,
 * and the header links and env variables that name the other two apps.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, getFileInfo, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import { projectReadme } from './readme';

export const PLATFORMS = ['neon-drizzle', 'supabase', 'convex'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** What an app says about itself in its package.json (also read by tooling/dev.mjs). */
export interface AppInfo {
  title: string;
  url: string;
  backend: string;
  data: string;
  database?: string;
}

interface PackageJson {
  name: string;
  description?: string;
  packageManager?: string;
  engines?: Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  parity?: AppInfo;
  prettier?: string;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'] as const;

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CreatedApp {
  dir: string;
  appName: string;
  /** Workspace folders copied into the project, e.g. `packages/domain`. */
  packages: string[];
}

export async function createApp(platform: Platform, target: string, root = repoRoot): Promise<CreatedApp> {
  const dir = resolve(target);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} exists and is not empty`);
  const workspace = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')) as {
    packages: string[];
    catalog: Record<string, string>;
    allowBuilds?: Record<string, boolean>;
  };
  const packages = workspacePackages(root, workspace.packages);
  const appDir = `apps/${platform}`;
  const app = readJson(join(root, appDir, 'package.json'));
  if (!app.parity) throw new Error(`${appDir}/package.json has no "parity" section`);
  const rootManifest = readJson(join(root, 'package.json'));
  const vendored = closure(root, [app, rootManifest], packages);
  const others = PLATFORMS.filter((other) => other !== platform);

  // Rewritten and generated files, formatted at the end as the repository formats its own.
  const written: string[] = [];
  const copy = (path: string, rewrite?: (text: string) => string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    if (!rewrite) return copyFileSync(join(root, path), join(dir, path));
    writeFileSync(join(dir, path), rewrite(readFileSync(join(root, path), 'utf8')));
    written.push(path);
  };
  const turboFiles = ['turbo.json'];
  for (const folder of [appDir, ...vendored.map((name) => packages.get(name)!)]) {
    const inApp = folder === appDir;
    for (const file of trackedFiles(root, folder)) {
      if (basename(file) === 'package.json') {
        copy(file, (text) => rewriteManifest(text, workspace.catalog, new Set(vendored)));
      } else if (basename(file) === 'turbo.json') {
        turboFiles.push(file);
      } else if (inApp) {
        copy(file, (text) => withoutLinesNaming(text, others.map(appUrlVariable)));
      } else {
        copy(file);
      }
    }
  }
  for (const file of ['tooling/bootstrap.mjs', 'tooling/dev.mjs', '.gitignore']) copy(file);
  const name = basename(dir);
  writeFileSync(
    join(dir, 'pnpm-workspace.yaml'),
    [
      'packages:',
      ...workspace.packages.map((glob) => `  - ${glob}`),
      '',
      '# pnpm runs no dependency build script unless it is listed here.',
      'allowBuilds:',
      ...Object.entries(workspace.allowBuilds ?? {}).map(([pkg, allow]) => `  "${pkg}": ${allow}`),
      '',
    ].join('\n'),
  );
  const filter = `--filter=${app.name}`;
  const scripts = rootManifest.scripts ?? {};
  writeFileSync(
    join(dir, 'package.json'),
    json({
      name,
      private: true,
      description: app.description,
      packageManager: rootManifest.packageManager,
      engines: rootManifest.engines,
      scripts: {
        start: scripts.start,
        test: scripts.test,
        dev: scripts.dev,
        // The app's tasks and those of the packages it builds on; each package's own tests stay in Parity.
        'test:all': `prettier --check . && turbo run typecheck lint test e2e ${filter} --concurrency=2`,
        build: `turbo run build ${filter}`,
        lint: 'turbo run lint',
        typecheck: 'turbo run typecheck',
        format: scripts.format,
        'format:check': scripts['format:check'],
      },
      devDependencies: resolveVersions(rootManifest.devDependencies ?? {}, workspace.catalog),
      prettier: rootManifest.prettier,
    }),
  );
  copy('.prettierignore', (text) => withoutMissingPaths(text, dir));
  const corpus = projectText(dir);
  for (const file of turboFiles) copy(file, (text) => json(turboForProject(JSON.parse(text), corpus, dir)));

  writeFileSync(
    join(dir, 'README.md'),
    projectReadme({
      name,
      platform,
      appName: app.name,
      app: app.parity,
      packages: vendored.map((pkg) => packages.get(pkg)!).sort(),
      root,
      pnpmVersion: (rootManifest.packageManager ?? '').replace(/^pnpm@/, ''),
    }),
  );
  written.push('pnpm-workspace.yaml', 'package.json', 'README.md');
  const config = await resolveConfig(join(root, 'package.json'));
  for (const path of written) {
    const { inferredParser } = await getFileInfo(join(dir, path));
    if (!inferredParser) continue;
    const text = readFileSync(join(dir, path), 'utf8');
    writeFileSync(join(dir, path), await format(text, { ...config, filepath: join(dir, path) }));
  }
  // The monorepo's lockfile, pruned by pnpm to this workspace: the versions Parity tested, kept.
  copy('pnpm-lock.yaml');
  execFileSync(
    'pnpm',
    ['install', '--lockfile-only', '--prefer-offline', '--no-frozen-lockfile', '--silent'],
    {
      cwd: dir,
      stdio: 'inherit',
    },
  );
  return { dir, appName: app.name, packages: vendored.map((pkg) => packages.get(pkg)!).sort() };
}

/** `SUPABASE_APP_URL` for `supabase`: the variable an app reads to link to another one. */
export function appUrlVariable(platform: Platform): string {
  return `${platform.toUpperCase().replaceAll('-', '_')}_APP_URL`;
}

function readJson(path: string): PackageJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Package name → folder, for the `dir/*` globs of pnpm-workspace.yaml. */
function workspacePackages(root: string, globs: string[]): Map<string, string> {
  const packages = new Map<string, string>();
  for (const glob of globs) {
    if (!glob.endsWith('/*')) throw new Error(`Unsupported workspace glob ${glob}`);
    const parent = glob.slice(0, -2);
    for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
      const manifest = join(root, parent, entry.name, 'package.json');
      if (entry.isDirectory() && existsSync(manifest)) {
        packages.set(readJson(manifest).name, `${parent}/${entry.name}`);
      }
    }
  }
  return packages;
}

/**
 * The workspace packages the manifests need, directly or through each other. An optional peer is
 * not followed: the package works without it (tooling/local-stack starts the Supabase API only
 * for a workspace that has the Supabase app).
 */
function closure(root: string, manifests: PackageJson[], packages: Map<string, string>): string[] {
  const found = new Set<string>();
  const visit = (manifest: PackageJson) => {
    const optional = new Set(
      Object.entries(manifest.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta.optional)
        .map(([name]) => name),
    );
    for (const field of DEPENDENCY_FIELDS) {
      for (const name of Object.keys(manifest[field] ?? {})) {
        if (!packages.has(name) || found.has(name) || optional.has(name)) continue;
        found.add(name);
        visit(readJson(join(root, packages.get(name)!, 'package.json')));
      }
    }
  };
  manifests.forEach(visit);
  return [...found].sort();
}

/** Files git tracks or would track (not ignored) under a folder, relative to the root. */
function trackedFiles(root: string, folder: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', folder], {
    cwd: root,
    encoding: 'utf8',
  });
  return out.split('\0').filter((file) => file && existsSync(join(root, file)));
}

function resolveVersions(
  deps: Record<string, string>,
  catalog: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(deps).map(([name, spec]) => {
      if (spec !== 'catalog:') return [name, spec];
      const version = catalog[name];
      if (!version) throw new Error(`${name} is "catalog:" but the catalog has no entry for it`);
      return [name, version];
    }),
  );
}

/**
 * `catalog:` becomes the catalog's version; `workspace:*` stays, since the package is in the new
 * workspace too. A dependency on a workspace package that was not copied (an optional peer) goes.
 */
function rewriteManifest(text: string, catalog: Record<string, string>, vendored: Set<string>): string {
  const manifest = JSON.parse(text) as PackageJson & Record<string, unknown>;
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (!deps) continue;
    const kept = Object.entries(resolveVersions(deps, catalog)).filter(
      ([name, spec]) => !spec.startsWith('workspace:') || vendored.has(name),
    );
    if (kept.length > 0) manifest[field] = Object.fromEntries(kept);
    else delete manifest[field];
  }
  const meta = manifest.peerDependenciesMeta;
  if (meta) {
    for (const name of Object.keys(meta)) if (!manifest.peerDependencies?.[name]) delete meta[name];
    if (Object.keys(meta).length === 0) delete manifest.peerDependenciesMeta;
  }
  return json(manifest);
}

function withoutLinesNaming(text: string, names: string[]): string {
  return text
    .split('\n')
    .filter((line) => !names.some((name) => line.includes(name)))
    .join('\n');
}

/** The code written so far (no docs, no turbo.json), to see which env variables it reads. */
function projectText(dir: string): string {
  const texts: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'turbo.json' && !entry.name.endsWith('.md'))
        texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return texts.join('\n');
}

interface Turbo {
  globalEnv?: string[];
  globalPassThroughEnv?: string[];
  tasks: Record<string, Record<string, unknown>>;
}

/**
 * A turbo.json that declares the env variables the project's files name (and no others: those of
 * the other apps go) and keeps the tasks some package here has a script for.
 */
function turboForProject(turbo: Turbo, corpus: string, dir: string): Turbo {
  // A whole name (NEXT_PUBLIC_CONVEX_URL is not CONVEX_URL); `PREFIX_*` when some name starts so.
  const read = (name: string) =>
    new RegExp(`(?<![A-Z0-9_])${name.replace(/\*$/, '')}${name.endsWith('*') ? '' : '(?![A-Z0-9_])'}`).test(
      corpus,
    );
  const scripts = new Set(projectScripts(dir));
  const onlyRead = (entries: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(entries).flatMap(([key, value]) => {
        if (!/env/i.test(key) || !Array.isArray(value)) return [[key, value]];
        const kept = (value as string[]).filter((name) => !name.startsWith('$') && read(name));
        return kept.length > 0 || value.length === 0 ? [[key, [...new Set(kept)]]] : [];
      }),
    );
  const tasks = Object.fromEntries(
    Object.entries(turbo.tasks)
      .filter(([task]) => scripts.has(task.replace(/^.*#/, '')))
      .map(([task, config]) => [task, onlyRead(config)]),
  );
  return { ...(onlyRead(turbo as unknown as Record<string, unknown>) as unknown as Turbo), tasks };
}

/** Every script name of the root and the packages written into the project. */
function projectScripts(dir: string): string[] {
  const manifests = [join(dir, 'package.json')];
  for (const parent of ['apps', 'packages', 'tooling']) {
    if (!existsSync(join(dir, parent))) continue;
    for (const entry of readdirSync(join(dir, parent)))
      manifests.push(join(dir, parent, entry, 'package.json'));
  }
  return manifests
    .filter((path) => existsSync(path))
    .flatMap((path) => Object.keys(readJson(path).scripts ?? {}));
}

/**
 * An ignore file keeps its patterns for paths the project has; a comment goes with the patterns
 * under it when none of them is left.
 */
function withoutMissingPaths(text: string, dir: string): string {
  const blocks: string[][] = [[]];
  for (const line of text.trimEnd().split('\n')) {
    const last = blocks.at(-1)!;
    if (line.startsWith('#') && last.length > 0 && !last.at(-1)!.startsWith('#')) blocks.push([line]);
    else last.push(line);
  }
  // A pattern for a path whose folder is not in the project goes (`**/x` and bare names stay).
  const keep = (pattern: string) => {
    const path = pattern.replace(/^!/, '').replace(/\/$/, '');
    if (path.startsWith('**/') || !path.includes('/')) return true;
    const segments = path.split('/');
    const glob = segments.findIndex((segment) => /[*?[]/.test(segment));
    return existsSync(join(dir, ...segments.slice(0, glob === -1 ? -1 : glob)));
  };
  return `${blocks
    .map((block) => {
      const patterns = block.filter((line) => line && !line.startsWith('#'));
      const kept = patterns.filter(keep);
      if (patterns.length > 0 && kept.length === 0) return [];
      return block.filter((line) => !line || line.startsWith('#') || keep(line));
    })
    .flat()
    .join('\n')}\n`;
}
