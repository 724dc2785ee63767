/**
 * Opens the generated report in a real browser and holds it to the run's report.json: every
 * section is there, every number cell shows the JSON's value (and no number cell is left
 * unchecked), every rule site and guide link points somewhere real. Then takes the screenshot.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { kB, ms, orDash, percent, seconds } from '../src/format';
import { REPO_ROOT } from '../src/paths';
import { PLATFORM_LABELS, PLATFORMS, SECTIONS, type Report } from '../src/report';

const dir = process.env.COMPARE_REPORT_DIR;
if (!dir) throw new Error('Set COMPARE_REPORT_DIR to the folder pnpm compare wrote');
const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
const reportUrl = pathToFileURL(resolve(dir, 'report.html')).href;

/** What each `data-key` cell must show, computed from report.json alone. */
function expectedCells(): Map<string, string> {
  const cells = new Map<string, string>([
    ['size', report.size],
    ['duration', seconds(report.durationMs)],
  ]);
  for (const run of report.behaviour.runs) {
    cells.set(`behaviour.${run.platform}.passed`, String(run.passed));
    cells.set(`behaviour.${run.platform}.failed`, String(run.failed));
    cells.set(`behaviour.${run.platform}.skipped`, String(run.skipped));
    cells.set(`behaviour.${run.platform}.seconds`, seconds(run.durationMs));
  }
  const failing = report.behaviour.tests.filter((row) =>
    PLATFORMS.some((platform) => row.results[platform] !== 'passed'),
  );
  cells.set(
    'behaviour.all-green',
    failing.length === 0 && report.behaviour.tests.length > 0
      ? `All ${report.behaviour.tests.length} tests pass on all three platforms.`
      : `${failing.length} of ${report.behaviour.tests.length} tests do not pass on every platform.`,
  );
  if (report.cost.status === 'measured') {
    cells.set('cost.size', report.cost.dataSize);
    for (const { platform, reason } of report.cost.absent)
      cells.set(`cost.absent.${platform}`, `${PLATFORM_LABELS[platform]}: ${reason}`);
    for (const row of report.cost.rows) {
      cells.set(`cost.${row.platform}.${row.operation}.p50`, ms(row.p50Ms));
      cells.set(`cost.${row.platform}.${row.operation}.p95`, ms(row.p95Ms));
    }
  } else {
    cells.set(
      'cost.status',
      `${report.cost.status === 'failed' ? 'Failed' : 'Not yet measured'}: ${report.cost.reason}`,
    );
  }
  if (report.load.status === 'measured') {
    for (const row of report.load.rows) {
      const key = `load.${row.platform}.${row.connections}`;
      cells.set(`${key}.users`, String(row.connections));
      cells.set(`${key}.rps`, String(row.requestsPerSecond));
      cells.set(`${key}.latency`, `${row.p50Ms} / ${row.p95Ms} / ${row.p99Ms}`);
      cells.set(`${key}.errors`, percent(row.errorRate));
      cells.set(`${key}.writes`, orDash(row.writesPerSecond));
      cells.set(`${key}.write-p95`, orDash(row.writeP95Ms));
      cells.set(`${key}.refused-p95`, orDash(row.refusedP95Ms));
      cells.set(`${key}.failures`, orDash(row.writeFailures));
      cells.set(`${key}.inconsistencies`, orDash(row.inconsistencies));
      cells.set(`${key}.rss`, `${orDash(row.rssMb.before)} → ${orDash(row.rssMb.after)}`);
      cells.set(`${key}.db`, orDash(row.dbConnectionsPeak));
      cells.set(`${key}.load`, `${row.loadAverage.before} → ${row.loadAverage.after}`);
    }
  } else {
    cells.set(
      'load.status',
      `${report.load.status === 'failed' ? 'Failed' : 'Not yet measured'}: ${report.load.reason}`,
    );
  }
  for (const row of report.code.concerns) {
    for (const platform of PLATFORMS)
      cells.set(`code.${platform}.${row.concern}`, String(row.lines[platform]));
  }
  for (const platform of PLATFORMS) {
    for (const size of report.code.firstLoadJs[platform] ?? [])
      cells.set(`js.${platform}.${size.route}`, kB(size.gzipBytes));
  }
  for (const platform of PLATFORMS) {
    const run = report.behaviour.runs.find((candidate) => candidate.platform === platform);
    const home = report.code.firstLoadJs[platform]?.find((size) => size.route === '/');
    cells.set(`glance.${platform}.tests`, run ? `${run.passed}/${run.passed + run.failed}` : 'not run');
    cells.set(
      `glance.${platform}.lines`,
      String(report.code.concerns.reduce((sum, row) => sum + row.lines[platform], 0)),
    );
    cells.set(`glance.${platform}.deps`, String(report.code.dependencies[platform].length));
    cells.set(`glance.${platform}.js`, home ? kB(home.gzipBytes) : '—');
  }
  return cells;
}

test('every section is present and every number matches the run', async ({ page }) => {
  await page.goto(reportUrl);
  for (const [id, title] of SECTIONS) {
    await expect(page.locator(`section#${id} > h2`)).toHaveText(title);
  }

  const expected = expectedCells();
  const shown = await page
    .locator('[data-key]')
    .evaluateAll((cells) =>
      cells.map((cell) => [cell.getAttribute('data-key')!, cell.textContent!.trim()] as const),
    );
  expect(new Map(shown)).toEqual(expected);
});

test('the behaviour table lists every test with its result on each platform', async ({ page }) => {
  await page.goto(reportUrl);
  const rows = page.locator('#behaviour details tbody tr');
  await expect(rows).toHaveCount(report.behaviour.tests.length);
  const first = report.behaviour.tests[0]!;
  await expect(rows.first().locator('td').first()).toHaveText(first.title);
});

test('each rule names a real file and line on every platform', async ({ page }) => {
  await page.goto(reportUrl);
  const rules = page.locator('#rules tbody tr');
  await expect(rules).toHaveCount(report.rules.length);
  for (const rule of report.rules) {
    for (const platform of PLATFORMS) {
      for (const site of rule.sites[platform]) {
        const lines = readFileSync(join(REPO_ROOT, site.file), 'utf8').split('\n').length;
        expect(site.line).toBeLessThanOrEqual(lines);
        const link = page.locator(`#rules a[href$="${site.file}"]`, { hasText: `:${site.line}` });
        await expect(link.first()).toBeVisible();
      }
    }
  }
});

test('the developer loop and the selection guide are there, and the guide links into the report', async ({
  page,
}) => {
  await page.goto(reportUrl);
  for (const row of report.devLoop) {
    for (const platform of PLATFORMS)
      await expect(page.locator('#dev-loop')).toContainText(row.cells[platform].text);
  }
  await page.getByRole('link', { name: 'Selection guide' }).click();
  const evidence = page.locator('a[href^="report.html#"]');
  expect(await evidence.count()).toBeGreaterThan(0);
  for (const href of await evidence.evaluateAll((links) => links.map((link) => link.getAttribute('href')!))) {
    expect(SECTIONS.map(([id]) => `report.html#${id}`)).toContain(href);
  }
});

test('screenshot of the report', async ({ page }) => {
  await page.goto(reportUrl);
  const path = join(dir, 'screenshot.png');
  await page.screenshot({ path });
  expect(existsSync(path)).toBe(true);
});
