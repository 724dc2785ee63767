/** The headline of each measured section per platform: the report's first table. */
import { kB } from './format';
import { PLATFORMS, type Platform, type Report } from './report';

export interface GlanceRow {
  platform: Platform;
  /** Whether the contract ran cleanly and every test passed. */
  green: boolean;
  tests: string;
  lines: string;
  dependencies: string;
  homeJs: string;
}

export const GLANCE_HEADS = [
  'contract tests passed',
  'lines of code',
  'dependencies added',
  'first-load JS of / (kB gz)',
];

export function glance(report: Report): GlanceRow[] {
  return PLATFORMS.map((platform) => {
    const run = report.behaviour.runs.find((candidate) => candidate.platform === platform);
    const home = report.code.firstLoadJs[platform]?.find((size) => size.route === '/');
    return {
      platform,
      green: Boolean(run && run.failed === 0 && !run.error),
      tests: run ? `${run.passed}/${run.passed + run.failed}` : 'not run',
      lines: String(report.code.concerns.reduce((sum, row) => sum + row.lines[platform], 0)),
      dependencies: String(report.code.dependencies[platform].length),
      homeJs: home ? kB(home.gzipBytes) : '—',
    };
  });
}
