/**
 * First-load JS per route, measured from each app's production build (`.next/`): the scripts
 * every page boots with (`rootMainFiles`) plus the client chunks of the route's layouts and page
 * (`entryJSFiles` of its client reference manifest), gzipped as a server would send them.
 * Next 16 no longer prints these sizes after `next build`, so the report reads its manifests.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { RouteSize } from './report';

const buildManifest = z.object({ rootMainFiles: z.array(z.string()) });
const appPathRoutes = z.record(z.string(), z.string());
const clientReferenceManifest = z.object({ entryJSFiles: z.record(z.string(), z.array(z.string())) });

export async function firstLoadJs(appRoot: string): Promise<RouteSize[] | null> {
  const nextDir = join(appRoot, '.next');
  if (!existsSync(join(nextDir, 'BUILD_ID'))) return null;
  const { rootMainFiles } = buildManifest.parse(
    JSON.parse(await readFile(join(nextDir, 'build-manifest.json'), 'utf8')),
  );
  const routes = appPathRoutes.parse(
    JSON.parse(await readFile(join(nextDir, 'app-path-routes-manifest.json'), 'utf8')),
  );
  const gzipped = new Map<string, number>();
  async function size(file: string): Promise<number> {
    const known = gzipped.get(file);
    if (known !== undefined) return known;
    const bytes = gzipSync(await readFile(join(nextDir, file))).length;
    gzipped.set(file, bytes);
    return bytes;
  }

  const sizes: RouteSize[] = [];
  for (const [entry, route] of Object.entries(routes)) {
    // Pages only (not route handlers), and not Next's built-in error pages.
    if (!entry.endsWith('/page') || route.startsWith('/_')) continue;
    const manifestFile = join(nextDir, 'server', 'app', `${entry}_client-reference-manifest.js`);
    // The manifest is a script assigning globalThis.__RSC_MANIFEST[entry]; run it in an empty context.
    const context: { __RSC_MANIFEST?: Record<string, unknown> } = {};
    runInNewContext(await readFile(manifestFile, 'utf8'), context);
    const { entryJSFiles } = clientReferenceManifest.parse(context.__RSC_MANIFEST?.[entry]);
    const files = new Set([...rootMainFiles, ...Object.values(entryJSFiles).flat()]);
    let total = 0;
    for (const file of files) total += await size(file);
    sizes.push({ route, gzipBytes: total });
  }
  return sizes.sort((a, b) => a.route.localeCompare(b.route));
}
