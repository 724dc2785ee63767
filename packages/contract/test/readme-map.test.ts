import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const suiteDir = new URL('../src/suite/', import.meta.url);

/** Every `it('…')` title of the suite; titles are string literals so that this map can find them. */
function suiteTitles(): string[] {
  const titles: string[] = [];
  for (const file of readdirSync(suiteDir).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(new URL(file, suiteDir), 'utf8');
    for (const match of source.matchAll(/\bit\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)) titles.push(match[2]!);
  }
  return titles;
}

/** The backticked test titles in the last column of the README's rule → test tables. */
function mappedTitles(): string[] {
  const map = readme.slice(readme.indexOf('## Rule → test map'));
  return map
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| rule'))
    .flatMap((line) =>
      [...(line.split(' | ').at(-1) ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!),
    );
}

describe('README rule → test map', () => {
  const titles = suiteTitles();
  const mapped = new Set(mappedTitles());

  it('the suite has at least 120 tests, each with its own title', () => {
    expect(titles.length).toBeGreaterThanOrEqual(120);
    expect(titles.filter((title, i) => titles.indexOf(title) !== i)).toEqual([]);
  });

  it('every test named in the README exists in the suite', () => {
    expect([...mapped].filter((title) => !titles.includes(title))).toEqual([]);
  });

  it('every test of the suite is named beside a rule in the README', () => {
    expect(titles.filter((title) => !mapped.has(title))).toEqual([]);
  });
});
