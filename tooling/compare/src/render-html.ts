/**
 * report.html and guide.html: static pages, tables first (readable without JavaScript or CSS),
 * charts as inline SVG. Every number cell carries `data-key`, by which the Playwright check finds
 * it and compares it with report.json.
 */
import { posix } from 'node:path';
import { groupedBars, type Bar } from './charts';
import { escapeHtml as e, kB, ms, orDash, percent, ratio, roundTripsText, seconds } from './format';
import { GLANCE_HEADS, glance } from './glance';
import { NEEDS } from './guide';
import { FAULTS, FAULTS_SOURCE } from './reliability';
import { PLATFORM_LABELS, PLATFORMS, SECTIONS, type Report, type TestStatus } from './report';

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 1.5rem 4rem; color: #1f2937; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #e5e7eb; }
table { border-collapse: collapse; margin: 0.75rem 0; font-size: 14px; }
th, td { border: 1px solid #e5e7eb; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.passed { color: #047857; } .failed { color: #b91c1c; font-weight: 600; } .skipped, .missing { color: #92400e; }
.not-yet { color: #92400e; } .meta { color: #6b7280; } nav a { margin-right: 1rem; }
figure { margin: 1rem 0; } code { font-size: 13px; }`;

const STATUS_MARK: Record<TestStatus, string> = {
  passed: '✓ pass',
  failed: '✗ FAIL',
  skipped: '– skipped',
  missing: '? not run',
};

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head><body>\n${body}\n</body></html>\n`;
}

const platformHeads = () => PLATFORMS.map((platform) => `<th>${PLATFORM_LABELS[platform]}</th>`).join('');

function behaviourSection(report: Report): string {
  const { behaviour } = report;
  const failing = behaviour.tests.filter((test) =>
    PLATFORMS.some((platform) => test.results[platform] !== 'passed'),
  );
  const runs = behaviour.runs
    .map(
      (run) => `<tr><th>${PLATFORM_LABELS[run.platform]}</th>
<td class="n" data-key="behaviour.${run.platform}.passed">${run.passed}</td>
<td class="n" data-key="behaviour.${run.platform}.failed">${run.failed}</td>
<td class="n" data-key="behaviour.${run.platform}.skipped">${run.skipped}</td>
<td class="n" data-key="behaviour.${run.platform}.seconds">${seconds(run.durationMs)}</td>
<td><code>${run.files.map(e).join('</code> + <code>')}</code>${run.error ? `<br><span class="failed">${e(run.error)}</span>` : ''}</td></tr>`,
    )
    .join('\n');
  const rows = [...failing, ...behaviour.tests.filter((test) => !failing.includes(test))]
    .map(
      (test) =>
        `<tr><td>${e(test.title)}</td>${PLATFORMS.map((platform) => {
          const status = test.results[platform];
          const failure = test.failures[platform];
          return `<td class="${status}">${STATUS_MARK[status]}${failure ? `<br><small>${e(failure)}</small>` : ''}</td>`;
        }).join('')}</tr>`,
    )
    .join('\n');
  return `<p>Every test of the contract suite (<code>packages/contract</code>) run on each platform by this run, through
vitest's JSON reporter${behaviour.filter ? ` — <strong>tiny run: only tests matching <code>${e(behaviour.filter)}</code></strong>` : ''}.
Failures and tests not run on a platform are listed first.</p>
<table><thead><tr><th>platform</th><th>passed</th><th>failed</th><th>skipped</th><th>seconds</th><th>test files</th></tr></thead><tbody>${runs}</tbody></table>
<p data-key="behaviour.all-green">${
    failing.length === 0 && behaviour.tests.length > 0
      ? `<span class="passed">All ${behaviour.tests.length} tests pass on all three platforms.</span>`
      : `<span class="failed">${failing.length} of ${behaviour.tests.length} tests do not pass on every platform.</span>`
  }</p>
<details${failing.length > 0 ? ' open' : ''}><summary>Every test × platform (${behaviour.tests.length} rows)</summary>
<table><thead><tr><th>test</th>${platformHeads()}</tr></thead><tbody>${rows}</tbody></table></details>`;
}

function costSection(report: Report): string {
  const { cost } = report;
  if (cost.status !== 'measured') {
    return `<p class="${cost.status === 'failed' ? 'failed' : 'not-yet'}" data-key="cost.status">${
      cost.status === 'failed' ? 'Failed' : 'Not yet measured'
    }: ${e(cost.reason)}</p>
<p>When it is, this section shows per operation and platform: p50/p95 latency on the local stack at a stated data size
beside the hand-written floor (one SQL statement through plain <code>pg</code>), and round trips (SQL statements,
HTTP requests, Convex documents read/written), as tables and charts.</p>`;
  }
  const rows = cost.rows
    .map(
      (row) => `<tr><td>${e(row.operation)}</td><th>${PLATFORM_LABELS[row.platform]}</th>
<td class="n" data-key="cost.${row.platform}.${row.operation}.p50">${ms(row.p50Ms)}</td>
<td class="n" data-key="cost.${row.platform}.${row.operation}.p95">${ms(row.p95Ms)}</td>
<td class="n">${row.floorP50Ms === null ? '—' : ms(row.floorP50Ms)}</td>
<td class="n">${ratio(row.p50Ms, row.floorP50Ms)}</td><td>${e(roundTripsText(row.roundTrips))}</td></tr>`,
    )
    .join('\n');
  // On a shared machine only the ratios to the floor, measured interleaved, are stable.
  const latency: Bar[] = cost.rows.flatMap((row) =>
    row.floorP50Ms
      ? [{ group: row.operation, platform: row.platform, value: row.p50Ms / row.floorP50Ms }]
      : [],
  );
  // Statements and HTTP requests are round trips; Convex's documents are not, so they get a chart of their own.
  const roundTrips: Bar[] = cost.rows.flatMap(
    ({ operation, platform, roundTrips: { statements, httpRequests } }) =>
      statements === undefined && httpRequests === undefined
        ? []
        : [{ group: operation, platform, value: (statements ?? 0) + (httpRequests ?? 0) }],
  );
  const documents: Bar[] = cost.rows.flatMap(({ operation, platform, roundTrips: { documentsRead } }) =>
    documentsRead === undefined ? [] : [{ group: operation, platform, value: documentsRead }],
  );
  const absent = cost.absent
    .map(
      ({ platform, reason }) =>
        `<p class="not-yet" data-key="cost.absent.${platform}">${PLATFORM_LABELS[platform]}: ${e(reason)}</p>`,
    )
    .join('\n');
  return `<p>From <code>${e(cost.source)}</code>, at <strong data-key="cost.size">${e(cost.dataSize)}</strong> on the local stack:
each operation through the app's real data layer beside the floor, the best single SQL statement for the same result
through plain <code>pg</code>. Convex has no floor (its functions are the lowest layer an app reaches); its cost is the
documents each call reads and writes, counted by convex-test's transaction metrics.</p>
${absent}
<table><thead><tr><th>operation</th><th>platform</th><th>p50 ms</th><th>p95 ms</th><th>floor p50 ms</th><th>× floor</th><th>round trips</th></tr></thead>
<tbody>${rows}</tbody></table>
<figure>${groupedBars(latency, { label: 'p50 latency, × its floor', format: (value) => `${value.toFixed(1)}×` })}</figure>
<figure>${groupedBars(roundTrips, { label: 'round trips per operation' })}</figure>
${documents.length > 0 ? `<figure>${groupedBars(documents, { label: 'Convex documents read per operation' })}</figure>` : ''}`;
}

function loadSection(report: Report): string {
  const { load } = report;
  if (load.status !== 'measured') {
    return `<p class="${load.status === 'failed' ? 'failed' : 'not-yet'}" data-key="load.status">${
      load.status === 'failed' ? 'Failed' : 'Not yet measured'
    }: ${e(load.reason)}</p>`;
  }
  const rows = load.rows
    .map((row) => {
      const key = `load.${row.platform}.${row.connections}`;
      return `<tr><th>${PLATFORM_LABELS[row.platform]}</th><td class="n" data-key="${key}.users">${row.connections}</td>
<td class="n" data-key="${key}.rps">${row.requestsPerSecond}</td>
<td class="n" data-key="${key}.latency">${row.p50Ms} / ${row.p95Ms} / ${row.p99Ms}</td>
<td class="n" data-key="${key}.errors">${percent(row.errorRate)}</td>
<td class="n" data-key="${key}.writes">${orDash(row.writesPerSecond)}</td>
<td class="n" data-key="${key}.write-p95">${orDash(row.writeP95Ms)}</td>
<td class="n" data-key="${key}.refused-p95">${orDash(row.refusedP95Ms)}</td>
<td class="n" data-key="${key}.failures">${orDash(row.writeFailures)}</td>
<td class="n" data-key="${key}.inconsistencies">${orDash(row.inconsistencies)}</td>
<td class="n" data-key="${key}.rss">${orDash(row.rssMb.before)} → ${orDash(row.rssMb.after)}</td>
<td class="n" data-key="${key}.db">${orDash(row.dbConnectionsPeak)}</td>
<td class="n" data-key="${key}.load">${row.loadAverage.before} → ${row.loadAverage.after}</td></tr>`;
    })
    .join('\n');
  return `<p>From <code>${e(load.source)}</code> (<code>pnpm load</code>, ${e(load.measuredAt)}): each app's production build,
its feed, tag and post pages read by autocannon, then as many simulated users writing the way its pages write (sign-up,
create, edit, tag, delete, restore) with refused invalid, signed-out and forbidden requests, and a check through the
contract's reads and audit log for partial or doubled writes. A shared 2-core machine: compare apps within the run.</p>
<table><thead><tr><th>platform</th><th>users</th><th>reads req/s</th><th>p50 / p95 / p99 ms</th><th>errors</th><th>writes req/s</th>
<th>write p95 ms</th><th>refused p95 ms</th><th>write failures</th><th>partial or doubled</th><th>RSS MB</th>
<th>DB connections (peak)</th><th>load average</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function rulesSection(report: Report, repoLink: (file: string) => string): string {
  const rows = report.rules
    .map(
      (rule) =>
        `<tr><td>${e(rule.rule)}<br><small class="meta">${e(rule.spec)}</small></td>${PLATFORMS.map(
          (platform) =>
            `<td>${rule.sites[platform]
              .map(
                (site) =>
                  `<a href="${repoLink(site.file)}">${e(site.file.replace(`apps/${platform}/`, ''))}:${site.line}</a><br><small>${e(site.mechanism)}</small>`,
              )
              .join('<br>')}</td>`,
        ).join('')}</tr>`,
    )
    .join('\n');
  return `<p>For each rule, the code that enforces it on each platform — file and line found in this tree by the checked map
<code>tooling/compare/src/rules-map.ts</code> (its test fails when a site moves away or becomes ambiguous).</p>
<table><thead><tr><th>rule</th>${platformHeads()}</tr></thead><tbody>${rows}</tbody></table>`;
}

function codeSection(report: Report): string {
  const { code } = report;
  const concernRows = code.concerns
    .map(
      (row) =>
        `<tr><td>${e(row.concern)}</td>${PLATFORMS.map(
          (platform) =>
            `<td class="n" data-key="code.${platform}.${row.concern}">${row.lines[platform]}</td>`,
        ).join('')}</tr>`,
    )
    .join('\n');
  const bars: Bar[] = code.concerns.flatMap((row) =>
    PLATFORMS.map((platform) => ({ group: row.concern, platform, value: row.lines[platform] })),
  );
  const deps = PLATFORMS.map(
    (platform) =>
      `<td>${code.dependencies[platform].map((name) => `<code>${e(name)}</code>`).join(', ')}</td>`,
  ).join('');
  const jsBars: Bar[] = PLATFORMS.flatMap((platform) =>
    (code.firstLoadJs[platform] ?? []).map((size) => ({
      group: size.route,
      platform,
      value: size.gzipBytes / 1000,
    })),
  );
  const routes = [
    ...new Set(PLATFORMS.flatMap((platform) => (code.firstLoadJs[platform] ?? []).map((size) => size.route))),
  ].sort();
  const jsRows = routes
    .map(
      (route) =>
        `<tr><td><code>${e(route)}</code></td>${PLATFORMS.map((platform) => {
          const sizes = code.firstLoadJs[platform];
          const size = sizes?.find((candidate) => candidate.route === route);
          if (!sizes) return '<td class="not-yet">not built</td>';
          return size
            ? `<td class="n" data-key="js.${platform}.${route}">${kB(size.gzipBytes)}</td>`
            : '<td>—</td>';
        }).join('')}</tr>`,
    )
    .join('\n');
  return `<h3>Lines per concern</h3><p>Non-blank lines of the files git tracks in each app; generated code left out.</p>
<table><thead><tr><th>concern</th>${platformHeads()}</tr></thead><tbody>${concernRows}</tbody></table>
<figure>${groupedBars(bars, { label: 'non-blank lines' })}</figure>
<h3>Dependencies added</h3><p>Beyond the workspace packages and what all three apps share (Next.js, React, zod…).</p>
<table><thead><tr>${platformHeads()}</tr></thead><tbody><tr>${deps}</tr></tbody></table>
<h3>First-load JS per route (kB gzipped)</h3><p>From each app's production build: the boot scripts plus the route's client chunks.</p>
${
  routes.length
    ? `<table><thead><tr><th>route</th>${platformHeads()}</tr></thead><tbody>${jsRows}</tbody></table>
<figure>${groupedBars(jsBars, { label: 'first-load JS (kB gzipped)', format: (value) => value.toFixed(1) })}</figure>`
    : '<p class="not-yet">No app has a production build: run <code>pnpm build</code>.</p>'
}`;
}

function devLoopSection(report: Report): string {
  const rows = report.devLoop
    .map(
      (row) =>
        `<tr><td>${e(row.aspect)}</td>${PLATFORMS.map(
          (platform) => `<td class="${row.cells[platform].status}">${e(row.cells[platform].text)}</td>`,
        ).join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th></th>${platformHeads()}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** The outcomes' `code` spans as <code>, the rest escaped. */
const inlineCode = (text: string) =>
  text
    .split('`')
    .map((part, index) => (index % 2 === 1 ? `<code>${e(part)}</code>` : e(part)))
    .join('');

function reliabilitySection(): string {
  const rows = FAULTS.map(
    (row) =>
      `<tr><td>${e(row.fault)}</td>${PLATFORMS.map(
        (platform) => `<td>${inlineCode(row.outcomes[platform])}</td>`,
      ).join('')}</tr>`,
  ).join('\n');
  return `<p>${e(FAULTS_SOURCE)}</p>
<table><thead><tr><th>fault</th>${platformHeads()}</tr></thead><tbody>${rows}</tbody></table>`;
}

function atAGlance(report: Report): string {
  const rows = glance(report)
    .map(
      (row) => `<tr><th>${PLATFORM_LABELS[row.platform]}</th>
<td class="n ${row.green ? 'passed' : 'failed'}" data-key="glance.${row.platform}.tests">${row.tests}</td>
<td class="n" data-key="glance.${row.platform}.lines">${row.lines}</td>
<td class="n" data-key="glance.${row.platform}.deps">${row.dependencies}</td>
<td class="n" data-key="glance.${row.platform}.js">${row.homeJs}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th></th>${GLANCE_HEADS.map((head) => `<th>${head}</th>`).join('')}</tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function renderReportHtml(report: Report, options: { repoRelative: string }): string {
  const repoLink = (file: string) => posix.join(options.repoRelative, file);
  const sections: Record<(typeof SECTIONS)[number][0], string> = {
    behaviour: behaviourSection(report),
    cost: costSection(report),
    load: loadSection(report),
    rules: rulesSection(report, repoLink),
    code: codeSection(report),
    'dev-loop': devLoopSection(report),
    reliability: reliabilitySection(),
  };
  const nav =
    SECTIONS.map(([id, title]) => `<a href="#${id}">${title}</a>`).join('') +
    '<a href="guide.html">Selection guide</a>';
  const body = SECTIONS.map(
    ([id, title]) => `<section id="${id}"><h2>${title}</h2>\n${sections[id]}</section>`,
  ).join('\n');
  return page(
    'Parity: the three platforms side by side',
    `<h1>Parity: the three platforms side by side</h1>
<p class="meta">Generated ${e(report.generatedAt)} from commit <code>${e(report.commit)}</code> by <code>pnpm compare</code>
(size <strong data-key="size">${report.size}</strong>, <span data-key="duration">${seconds(report.durationMs)}</span> s).</p>
<nav>${nav}</nav>\n${atAGlance(report)}\n${body}`,
  );
}

export function renderGuideHtml(report: Report): string {
  const rows = NEEDS.map(
    (
      need,
    ) => `<tr><td>${e(need.need)}</td><td>${need.fits.map((platform) => PLATFORM_LABELS[platform]).join(', ')}</td>
<td>${e(need.why)}</td><td>${need.evidence.map((id) => `<a href="report.html#${id}">${SECTIONS.find(([section]) => section === id)![1]}</a>`).join(', ')}${
      need.measured(report) ? '' : '<br><small class="not-yet">evidence not measured yet</small>'
    }</td></tr>`,
  ).join('\n');
  return page(
    'Parity: which platform for which need',
    `<h1>Which platform for which need</h1>
<p class="meta">Each need, the platforms that fit it, and the evidence this repository measured (<a href="report.html">the report</a>, ${e(report.generatedAt)}).</p>
<table><thead><tr><th>need</th><th>fits</th><th>why</th><th>evidence</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}
