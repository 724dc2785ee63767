import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { firstLoadJs } from '../src/bundles';

// A .next folder in the shape Next 16 (Turbopack) writes, with the files the reader opens.
const app = mkdtempSync(join(tmpdir(), 'compare-bundles-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(app, '.next', path)), { recursive: true });
  writeFileSync(join(app, '.next', path), text);
}

const chunk = (name: string, size: number) => {
  const text = `/* ${name} */ ${'x'.repeat(size)}`;
  write(`static/chunks/${name}.js`, text);
  return { file: `static/chunks/${name}.js`, gzip: gzipSync(text).length };
};

const boot = chunk('boot', 4000);
const layout = chunk('layout', 300);
const home = chunk('home', 200);
write('BUILD_ID', 'test');
write(
  'build-manifest.json',
  JSON.stringify({ rootMainFiles: [boot.file], polyfillFiles: ['static/chunks/polyfill.js'] }),
);
write(
  'app-path-routes-manifest.json',
  JSON.stringify({
    '/page': '/',
    '/users/[id]/page': '/users/[id]',
    '/api/auth/[...all]/route': '/api/auth/[...all]',
    '/_not-found/page': '/_not-found',
  }),
);
const manifest = (entry: string, files: Record<string, string[]>) =>
  `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(entry)}] = ${JSON.stringify({ entryJSFiles: files })};`;
write(
  'server/app/page_client-reference-manifest.js',
  manifest('/page', {
    '[project]/src/app/layout': [layout.file],
    '[project]/src/app/page': [layout.file, home.file],
  }),
);
write(
  'server/app/users/[id]/page_client-reference-manifest.js',
  manifest('/users/[id]/page', { '[project]/src/app/layout': [layout.file] }),
);

describe('first-load JS from the build manifests', () => {
  it('sums the gzipped boot scripts and the route’s own chunks, each file once, for pages only', async () => {
    expect(await firstLoadJs(app)).toEqual([
      { route: '/', gzipBytes: boot.gzip + layout.gzip + home.gzip },
      { route: '/users/[id]', gzipBytes: boot.gzip + layout.gzip },
    ]);
  });

  it('is null for an app that has not been built', async () => {
    expect(await firstLoadJs(join(app, 'missing'))).toBeNull();
  });
});
