import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Code and docs cite the specification as `SPEC.md §N`, other documents by file name, and a
// README's part as `README § Heading`. This test reads every source and doc file of the
// repository and fails when a citation points at a section, document or heading that is missing.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const specPath = join(root, 'packages/contract/SPEC.md');
const SKIP = new Set([
  'node_modules',
  '.git',
  '.next',
  '.turbo',
  '.cache',
  'dist',
  'test-results',
  'playwright-report',
  '_generated',
]);
const TEXT = /\.(?:ts|tsx|mjs|cjs|js|md|sql|toml|ya?ml|json)$/;

function repositoryFiles(dir: string = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (
      SKIP.has(entry.name) ||
      (entry.name.startsWith('.') && entry.name !== '.ci' && entry.name !== '.github')
    ) {
      return [];
    }
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return repositoryFiles(path);
    return TEXT.test(entry.name) && entry.name !== 'pnpm-lock.yaml' ? [path] : [];
  });
}

const files = repositoryFiles().map((path) => ({
  path,
  name: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));
const fileNames = new Set(files.map((file) => file.path.split(sep).at(-1)));

function headings(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6} +(.+)$/gm)].map((match) => match[1]!.trim());
}

/** `§3`, `§3–5`, `§1 and §3–6` → 1, 3, 4, 5, 6. */
function citedSections(text: string): number[] {
  return [...text.matchAll(/§ ?(\d+)(?:[–-](\d+))?/g)].flatMap((match) => {
    const from = Number(match[1]);
    const to = Number(match[2] ?? match[1]);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

/** Where a cited `.md` path may live: beside the citing file, in a folder above it, or from the root. */
function resolves(citing: string, cited: string): boolean {
  if (!cited.includes('/')) return fileNames.has(cited);
  for (let dir = dirname(citing); dir.startsWith(root); dir = dirname(dir)) {
    if (existsSync(resolve(dir, cited))) return true;
    if (dir === root) break;
  }
  return false;
}

function nearestReadme(citing: string): string | null {
  for (let dir = dirname(citing); dir.startsWith(root); dir = dirname(dir)) {
    if (existsSync(join(dir, 'README.md'))) return join(dir, 'README.md');
    if (dir === root) break;
  }
  return null;
}

describe('citations in code and docs', () => {
  const spec = readFileSync(specPath, 'utf8');
  const sections = new Set(
    headings(spec)
      .flatMap((heading) => /^(\d+)\. /.exec(heading)?.[1] ?? [])
      .map(Number),
  );

  it('the specification has its eight numbered sections', () => {
    expect([...sections].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('every § number cites a section of SPEC.md, in a file that names SPEC.md', () => {
    const broken = files.flatMap(({ path, name, text }) => {
      const cited = citedSections(text);
      if (cited.length === 0) return [];
      const problems = cited
        .filter((n) => !sections.has(n))
        .map((n) => `${name}: §${n} is not a section of SPEC.md`);
      if (path !== specPath && !text.includes('SPEC.md'))
        problems.push(`${name}: cites § without naming SPEC.md`);
      return problems;
    });
    expect(broken).toEqual([]);
  });

  it('every document named in code and docs exists', () => {
    const broken = files.flatMap(({ path, name, text }) =>
      [...text.matchAll(/(?<![\w/.:-])((?:\.{1,2}\/|[\w@-]+\/)*[\w-]+\.md)\b/g)]
        .map((match) => match[1]!)
        .filter((cited) => !resolves(path, cited))
        .map((cited) => `${name}: ${cited}`),
    );
    expect(broken).toEqual([]);
  });

  it('every `README § Heading` names a heading of the nearest README', () => {
    const citing = files.filter(({ path }) => path !== fileURLToPath(import.meta.url));
    const broken = citing.flatMap(({ path, name, text }) =>
      [...text.matchAll(/README(?:\.md)? § ([A-Z][\w ]*\w)/g)].flatMap((match) => {
        const readme = nearestReadme(path);
        const titles = readme ? headings(readFileSync(readme, 'utf8')) : [];
        // A citation names a heading's start ("§ The Neon proxy"), or the heading is its first
        // words and prose follows ("§ Benchmark for why").
        const words = match[1]!.split(' ');
        const found =
          titles.some((title) => title.startsWith(match[1]!)) ||
          words.some((_, i) => titles.includes(words.slice(0, i + 1).join(' ')));
        return found ? [] : [`${name}: README § ${match[1]}`];
      }),
    );
    expect(broken).toEqual([]);
  });
});
