/**
 * `pnpm compare [--size tiny|default] [--out DIR] [--bench-json FILE] [--no-build] [--no-first-page]`
 *
 * Builds the apps (turbo, cached), runs each platform's contract suite and the bench, reads the
 * code, times clone to first page (default size; a tiny run reads the committed result), then writes report.json, report.html, guide.html and report.md to DIR (default: compare/),
 * prints a summary, and has Playwright check the page against report.json and screenshot it
 * (DIR/screenshot.png). Exits non-zero when a contract test failed, a step could not run or the
 * check failed, after writing the report that shows it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBehaviour } from './behaviour';
import { readBenchJson, runBench } from './bench';
import { measureCode } from './code';
import { devLoop } from './dev-loop';
import { measureFirstPage, readFirstPage, writeFirstPage } from './first-page';
import { readLoad } from './load';
import { seconds } from './format';
import { DEFAULT_OUT_DIR, REPO_ROOT } from './paths';
import { renderGuideHtml, renderReportHtml } from './render-html';
import { renderReportMd } from './render-md';
import { PLATFORMS, type Report, type Size } from './report';
import { resolveRules } from './rules';

/** The contract tests a tiny run keeps: one describe block that still touches every write path. */
export const TINY_FILTER = 'tags: listTags';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'default' },
    out: { type: 'string', default: process.env.COMPARE_OUT_DIR ?? DEFAULT_OUT_DIR },
    'bench-json': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'no-first-page': { type: 'boolean', default: false },
  },
});
if (values.size !== 'tiny' && values.size !== 'default')
  throw new Error(`--size must be tiny or default, not ${values.size}`);
const size: Size = values.size;
const outDir = resolve(values.out);
const runsDir = join(outDir, 'runs');
await mkdir(runsDir, { recursive: true });

const started = performance.now();
const progress = (message: string) =>
  console.log(`[compare ${seconds(performance.now() - started).padStart(6)} s] ${message}`);

if (!values['no-build']) {
  progress('build: the three apps (turbo; cached when unchanged)…');
  const filters = PLATFORMS.map((platform) => `--filter=@parity/${platform}`);
  const build = spawnSync('pnpm', ['turbo', 'run', 'build', '--output-logs=errors-only', ...filters], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0)
    progress(`build: failed with ${build.status}; first-load JS is measured from what is built`);
}

const behaviour = await runBehaviour({ runsDir, filter: size === 'tiny' ? TINY_FILTER : null, progress });
const cost = values['bench-json']
  ? await readBenchJson(resolve(values['bench-json']), 'given with --bench-json')
  : await runBench({ size, progress });
progress(
  cost.status === 'measured'
    ? `cost: ${cost.rows.length} measurements at ${cost.dataSize}`
    : `cost: ${cost.status}: ${cost.reason}`,
);

if (size === 'default' && !values['no-first-page']) {
  progress('first page: a fresh clone and npm start, timed until each home page answers…');
  await writeFirstPage(await measureFirstPage(progress));
}
const firstPage = await readFirstPage();

progress('rules, code, first-load JS…');
const report: Report = {
  generatedAt: new Date().toISOString(),
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim(),
  size,
  durationMs: 0,
  behaviour,
  cost,
  load: await readLoad(),
  rules: resolveRules(),
  code: await measureCode(),
  devLoop: devLoop(behaviour, firstPage),
};
report.durationMs = Math.round(performance.now() - started);

await writeFile(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(
  join(outDir, 'report.html'),
  renderReportHtml(report, { repoRelative: relative(outDir, REPO_ROOT) || '.' }),
);
await writeFile(join(outDir, 'guide.html'), renderGuideHtml(report));
await writeFile(join(outDir, 'report.md'), renderReportMd(report));

const failed = behaviour.runs.reduce((sum, run) => sum + run.failed, 0);
const broken = behaviour.runs.filter((run) => run.error || run.passed + run.failed === 0);
console.log(`
Parity compare (${size}) in ${seconds(report.durationMs)} s → ${join(outDir, 'report.html')}
  behaviour: ${behaviour.runs.map((run) => `${run.platform} ${run.passed}/${run.passed + run.failed}`).join(', ')}
  cost:      ${cost.status === 'measured' ? `${cost.rows.length} measurements at ${cost.dataSize}` : `${cost.status} (${cost.reason})`}
  rules:     ${report.rules.length} rules located on ${PLATFORMS.length} platforms
  code:      ${PLATFORMS.map((platform) => `${platform} ${report.code.concerns.reduce((sum, row) => sum + row.lines[platform], 0)} lines`).join(', ')}`);

progress('check: Playwright opens the report and compares it with report.json…');
const check = spawnSync('pnpm', ['exec', 'playwright', 'test'], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  env: { ...process.env, COMPARE_REPORT_DIR: outDir },
  stdio: 'inherit',
});
progress(
  `done: ${join(outDir, 'report.html')}, ${join(outDir, 'report.md')}, ${join(outDir, 'screenshot.png')}`,
);

const problems = [
  failed > 0 && `${failed} contract test(s) failed`,
  broken.length > 0 && `${broken.map((run) => run.platform).join(', ')}: the suite did not run cleanly`,
  cost.status === 'failed' && 'the bench failed',
  check.status !== 0 && 'the Playwright check of the report failed',
].filter(Boolean);
if (problems.length > 0) {
  console.error(`compare: ${problems.join('; ')}`);
  process.exit(1);
}
