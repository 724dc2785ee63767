/** report.md: the same report as GitHub-readable markdown (tables only; the charts are in report.html). */
import { kB, ms, orDash, percent, ratio, roundTripsText, seconds } from './format';
import { GLANCE_HEADS, glance } from './glance';
import { NEEDS } from './guide';
import { FAULTS, FAULTS_SOURCE } from './reliability';
import { PLATFORM_LABELS, PLATFORMS, type Platform, type Report } from './report';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
const heads = PLATFORMS.map((platform) => PLATFORM_LABELS[platform]);
const each = (value: (platform: Platform) => string) => PLATFORMS.map(value);

/** The Reliability section, also spliced alone into a committed report.md (test/reliability.test.ts). */
export function reliabilityMd(): string[] {
  return [
    '## Reliability',
    '',
    FAULTS_SOURCE,
    '',
    table(
      ['fault', ...heads],
      FAULTS.map((row) => [row.fault, ...each((platform) => row.outcomes[platform])]),
    ),
  ];
}

export function renderReportMd(report: Report): string {
  const { behaviour, cost, load, code } = report;
  const failing = behaviour.tests.filter((test) =>
    PLATFORMS.some((platform) => test.results[platform] !== 'passed'),
  );
  const lines = [
    '# Parity: the three platforms side by side',
    '',
    `Generated ${report.generatedAt} from \`${report.commit}\` by \`pnpm compare\` (size ${report.size}, ${seconds(report.durationMs)} s). Charts: report.html.`,
    '',
    table(
      ['', ...GLANCE_HEADS],
      glance(report).map((row) => [
        PLATFORM_LABELS[row.platform],
        row.tests,
        row.lines,
        row.dependencies,
        row.homeJs,
      ]),
    ),
    '',
    '## Behaviour',
    '',
    ...(behaviour.filter ? [`Tiny run: only contract tests matching \`${behaviour.filter}\`.`, ''] : []),
    table(
      ['platform', 'passed', 'failed', 'skipped', 'seconds', 'test files', 'error'],
      behaviour.runs.map((run) => [
        PLATFORM_LABELS[run.platform],
        `${run.passed}`,
        `${run.failed}`,
        `${run.skipped}`,
        seconds(run.durationMs),
        run.files.join(' + '),
        run.error ?? '',
      ]),
    ),
    '',
    failing.length === 0 && behaviour.tests.length > 0
      ? `All ${behaviour.tests.length} tests pass on all three platforms.`
      : `**${failing.length} of ${behaviour.tests.length} tests do not pass on every platform:**\n\n` +
        table(
          ['test', ...heads],
          failing.map((test) => [
            test.title,
            ...each((platform) => `${test.results[platform]} ${test.failures[platform] ?? ''}`.trim()),
          ]),
        ),
    '',
    '## Cost per operation',
    '',
    cost.status === 'measured'
      ? `From \`${cost.source}\`, at ${cost.dataSize}.\n\n` +
        cost.absent.map(({ platform, reason }) => `${PLATFORM_LABELS[platform]}: ${reason}.\n\n`).join('') +
        table(
          ['operation', 'platform', 'p50 ms', 'p95 ms', 'floor p50 ms', '× floor', 'round trips'],
          cost.rows.map((row) => [
            row.operation,
            PLATFORM_LABELS[row.platform],
            ms(row.p50Ms),
            ms(row.p95Ms),
            row.floorP50Ms === null ? '—' : ms(row.floorP50Ms),
            ratio(row.p50Ms, row.floorP50Ms),
            roundTripsText(row.roundTrips),
          ]),
        )
      : `${cost.status === 'failed' ? '**Failed**' : 'Not yet measured'}: ${cost.reason}`,
    '',
    '## Load',
    '',
    load.status === 'measured'
      ? `From \`${load.source}\` (\`pnpm load\`, ${load.measuredAt}): reads of the feed, tag and post pages by autocannon, ` +
        'then as many users writing the way the pages write (sign-up, create, edit, tag, delete, restore, and refused ' +
        'invalid, signed-out and forbidden requests). A shared 2-core machine: compare apps within the run.\n\n' +
        table(
          [
            'platform',
            'users',
            'reads req/s',
            'p50 / p95 / p99 ms',
            'errors',
            'writes req/s',
            'write p95 ms',
            'refused p95 ms',
            'write failures',
            'partial or doubled',
            'RSS MB',
            'DB connections (peak)',
            'load average',
          ],
          load.rows.map((row) => [
            PLATFORM_LABELS[row.platform],
            `${row.connections}`,
            `${row.requestsPerSecond}`,
            `${row.p50Ms} / ${row.p95Ms} / ${row.p99Ms}`,
            percent(row.errorRate),
            orDash(row.writesPerSecond),
            orDash(row.writeP95Ms),
            orDash(row.refusedP95Ms),
            orDash(row.writeFailures),
            orDash(row.inconsistencies),
            `${orDash(row.rssMb.before)} → ${orDash(row.rssMb.after)}`,
            orDash(row.dbConnectionsPeak),
            `${row.loadAverage.before} → ${row.loadAverage.after}`,
          ]),
        )
      : `${load.status === 'failed' ? '**Failed**' : 'Not yet measured'}: ${load.reason}`,
    '',
    '## Where the rules live',
    '',
    table(
      ['rule', ...heads],
      report.rules.map((rule) => [
        `${rule.rule} (${rule.spec})`,
        ...each((platform) =>
          rule.sites[platform].map((site) => `\`${site.file}:${site.line}\` ${site.mechanism}`).join('<br>'),
        ),
      ]),
    ),
    '',
    '## Code',
    '',
    table(
      ['lines per concern', ...heads],
      code.concerns.map((row) => [row.concern, ...each((platform) => `${row.lines[platform]}`)]),
    ),
    '',
    table(
      ['dependencies added', ...heads],
      [['', ...each((platform) => code.dependencies[platform].join(', '))]],
    ),
    '',
    table(
      ['first-load JS, kB gzipped', ...heads],
      [
        ...new Set(
          PLATFORMS.flatMap((platform) => (code.firstLoadJs[platform] ?? []).map((size) => size.route)),
        ),
      ]
        .sort()
        .map((route) => [
          route,
          ...each((platform) => {
            const sizes = code.firstLoadJs[platform];
            const size = sizes?.find((candidate) => candidate.route === route);
            return sizes ? (size ? kB(size.gzipBytes) : '—') : 'not built';
          }),
        ]),
    ),
    '',
    '## Developer loop',
    '',
    table(
      ['', ...heads],
      report.devLoop.map((row) => [row.aspect, ...each((platform) => row.cells[platform].text)]),
    ),
    '',
    ...reliabilityMd(),
    '',
    '## Selection guide',
    '',
    table(
      ['need', 'fits', 'why', 'evidence'],
      NEEDS.map((need) => [
        need.need,
        need.fits.map((platform) => PLATFORM_LABELS[platform]).join(', '),
        need.why,
        need.evidence.join(', ') + (need.measured(report) ? '' : ' (not measured yet)'),
      ]),
    ),
    '',
  ];
  return lines.join('\n');
}
