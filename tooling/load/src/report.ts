/** results/report.md and load.json (which the comparison report reads) from the per-app results `drive.ts` wrote. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CpuSeconds } from './cpu';
import type { LevelResult } from './drive';

interface AppResult {
  app: string;
  paths: string[];
  seconds: number;
  levels: LevelResult[];
  /** `next start` after each extra round of 50-connection reads: RSS, and its heap after a full collection (drive.ts). */
  steady?: { rssMb: number | null; heapMb: number | null }[];
}

export function writeReport(apps: readonly string[], failed: string[], note = ''): string {
  const results = new URL('../results/', import.meta.url);
  const measured: AppResult[] = apps
    .map((app) => new URL(`${app}.json`, results))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as AppResult);

  const fmt = (n: number | null) => (n === null ? 'n/a' : String(n));
  const cores = (c: CpuSeconds | null | undefined) =>
    c ? `${c.next} / ${c.stack} / ${c.postgres} / ${c.loadDriver}` : 'n/a';
  const rows = measured.flatMap(({ app, levels }) =>
    levels.map(
      (l) =>
        `| ${app} | ${l.connections} | ${l.requestsPerSecond} | ${l.latencyMs.p50} / ${l.latencyMs.p95} / ${l.latencyMs.p99} | ` +
        `${(l.errorRate * 100).toFixed(2)} % (${l.errors} err, ${l.non2xx} non-2xx) | ` +
        `${fmt(l.rssMb.before)} → ${fmt(l.rssMb.after)} | ${fmt(l.dbConnections.before)} / ${fmt(l.dbConnections.peak)} / ${fmt(l.dbConnections.after)} | ` +
        `${cores(l.cores?.reads)} | ${l.loadAverage?.before ?? 'n/a'} → ${l.loadAverage?.after ?? 'n/a'} |`,
    ),
  );
  const writeRows = measured.flatMap(({ app, levels }) =>
    levels.flatMap(({ writes: w, cores: c }) =>
      w
        ? [
            `| ${app} | ${w.users} | ${w.requestsPerSecond} | ${w.latencyMs.p50} / ${w.latencyMs.p95} / ${w.latencyMs.p99} | ` +
              `${w.refusedLatencyMs.p50} / ${w.refusedLatencyMs.p95} / ${w.refusedLatencyMs.p99} | ` +
              `${Object.entries(w.contractErrors)
                .map(([code, n]) => `${n} ${code}`)
                .join(', ')} | ${w.failures.length} | ${w.inconsistencies.length} | ${cores(c?.writes)} |`,
          ]
        : [],
    ),
  );
  const writesTable = writeRows.length
    ? `
Signed-in writes (sign-up, then create → edit → tag → delete → restore per user) with one bad request
of each kind per round (invalid title, signed-out write, write to another user's post), then every
user's posts and audit logs read back: failures are wrong answers, inconsistencies partial or
doubled writes.

| app | users | req/s | p50 / p95 / p99 ms | refused only, ms | contract errors (expected) | failures | inconsistencies | cores busy |
| --- | ---: | ---: | --- | --- | --- | ---: | ---: | --- |
${writeRows.join('\n')}
`
    : '';
  const steadyRows = measured.flatMap(({ app, steady }) =>
    steady?.length
      ? [
          `| ${app} | ${steady.map((r) => fmt(r.rssMb)).join(' → ')} | ${steady.map((r) => fmt(r.heapMb)).join(' → ')} |`,
        ]
      : [],
  );
  const steadyTable = steadyRows.length
    ? `
Memory over time: after the levels, the 50-connection reads again, round after round; after each,
the RSS of \`next start\`'s group and its V8 heap after a full collection (through its inspector).
A leak keeps the collected heap growing from one round of the same level to the next.

| app | RSS MB after each round | heap MB after a full collection |
| --- | --- | --- |
${steadyRows.join('\n')}
`
    : '';
  const markdown = `# Load: each app's pages under HTTP load

\`pnpm load\`, ${new Date().toISOString()}, ${measured[0]?.seconds ?? '?'} s per level, GET mix per connection:
the feed, up to 3 tag pages and 5 post pages linked from it (after the e2e suite filled them).
Measured on a shared 2-core machine: absolute numbers are noisy, compare apps as ratios within one run.
RSS is \`next start\`'s process group; DB connections are this app's database in pg_stat_activity
(before / peak / after; n/a for Convex, whose local deployment holds its data in its own process).
Cores busy: CPU seconds per second of \`next start\` / the stack its runner started (Neon proxy or
offline Supabase API in the runner, the local Convex deployment) / its PostgreSQL / this load driver
(src/cpu.ts). Load average: the machine's 1-minute figure before and after the level, other work included.

| app | connections | req/s | p50 / p95 / p99 ms | errors | RSS MB before → after | DB connections | cores busy | load average |
| --- | ---: | ---: | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
${writesTable}${steadyTable}${note}${failed.length ? `\nFailed runs: ${failed.join(', ')}\n` : ''}`;
  writeFileSync(
    new URL('load.json', results),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), apps: measured }, null, 2)}\n`,
  );
  writeFileSync(new URL('report.md', results), markdown);
  return markdown;
}
