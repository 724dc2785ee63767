import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** A workspace app that owns a database on the local stack (`"parity": { "database": … }` + `db:migrate`). */
export interface DatabaseApp {
  name: string;
  database: string;
}

interface WorkspacePackageJson {
  name?: string;
  parity?: { database?: string };
  scripts?: Record<string, string>;
}

/** The monorepo root: the nearest directory above this package holding pnpm-workspace.yaml. */
export function findWorkspaceRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let directory = from;
  while (!existsSync(join(directory, 'pnpm-workspace.yaml'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`No pnpm-workspace.yaml above ${from}`);
    directory = parent;
  }
  return directory;
}

export async function listDatabaseApps(workspaceRoot: string): Promise<DatabaseApp[]> {
  const { stdout } = await promisify(execFile)('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], {
    cwd: workspaceRoot,
  });
  const packages = JSON.parse(stdout) as { path: string }[];
  const apps: DatabaseApp[] = [];
  for (const { path } of packages) {
    const manifest = JSON.parse(await readFile(join(path, 'package.json'), 'utf8')) as WorkspacePackageJson;
    const database = manifest.parity?.database;
    if (manifest.name && database && manifest.scripts?.['db:migrate'])
      apps.push({ name: manifest.name, database });
  }
  return apps;
}
