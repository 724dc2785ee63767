import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths';
import { FAULT_COLUMNS, FAULTS } from '../src/reliability';
import { reliabilityMd } from '../src/render-md';
import { PLATFORM_LABELS, PLATFORMS } from '../src/report';

// The fault matrix has one source (src/reliability.ts); README.md and the committed report.md show
// it, and must say the same, cell for cell (prettier pads README's table, so cells are compared).

/** The cells of the first markdown table after `heading`, the separator row left out. */
function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no "${heading}" heading`);
  const first = lines.findIndex((line, index) => index > start && line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replace(/\\\|/g, '|'));
    if (!cells.every((cell) => /^:?-+:?$/.test(cell))) rows.push(cells);
  }
  return rows;
}

const expected = (heads: Record<(typeof PLATFORMS)[number], string>) => [
  ['fault', ...PLATFORMS.map((platform) => heads[platform])],
  ...FAULTS.map((row) => [row.fault, ...PLATFORMS.map((platform) => row.outcomes[platform])]),
];

describe('the fault matrix', () => {
  it("is README's, cell for cell", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(tableAfter(readme, '## Reliability: faults and retries')).toEqual(expected(FAULT_COLUMNS));
  });

  it("is the committed report's Reliability section, as report.md renders it", () => {
    const report = readFileSync(join(REPO_ROOT, 'compare', 'report.md'), 'utf8');
    const section = reliabilityMd().join('\n');
    expect(report).toContain(section);
    expect(tableAfter(report, '## Reliability')).toEqual(expected(PLATFORM_LABELS));
  });
});
