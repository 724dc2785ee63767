/**
 * `pnpm load`: each built app, one after the other so they do not compete for the two cores, started
 * on its stack by its own e2e runner (the suite fills the pages), then driven by `drive.ts` at 10, 50
 * and 100 connections. Writes results/report.json and results/report.md from the per-app results.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { LevelResult } from './drive';

const apps = ['neon-drizzle', 'supabase', 'convex'] as const;
const results = new URL('../results/', import.meta.url);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function runApp(app: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // The live-update tests wait on realtime pushes for minutes and add no data the reads need.
    const suiteArgs = ['--grep-invert', 'live updates'];
    const child = spawn('pnpm', ['--filter', `@parity/${app}`, 'e2e', ...suiteArgs], {
      stdio: 'inherit',
      env: { ...process.env, PARITY_LOAD: 'full', PARITY_APP_PORT: String(port) },
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

interface AppResult {
  app: string;
  paths: string[];
  seconds: number;
  levels: LevelResult[];
}

const failed: string[] = [];
for (const app of apps) {
  rmSync(new URL(`${app}.json`, results), { force: true });
  if ((await runApp(app, await freePort())) !== 0) failed.push(app);
}

const measured: AppResult[] = apps
  .map((app) => new URL(`${app}.json`, results))
  .filter((file) => existsSync(file))
  .map((file) => JSON.parse(readFileSync(file, 'utf8')) as AppResult);

const fmt = (n: number | null) => (n === null ? 'n/a' : String(n));
const rows = measured.flatMap(({ app, levels }) =>
  levels.map(
    (l) =>
      `| ${app} | ${l.connections} | ${l.requestsPerSecond} | ${l.latencyMs.p50} / ${l.latencyMs.p95} / ${l.latencyMs.p99} | ` +
      `${(l.errorRate * 100).toFixed(2)} % (${l.errors} err, ${l.non2xx} non-2xx) | ` +
      `${fmt(l.rssMb.before)} → ${fmt(l.rssMb.after)} | ${fmt(l.dbConnections.before)} / ${fmt(l.dbConnections.peak)} / ${fmt(l.dbConnections.after)} |`,
  ),
);
const markdown = `# Load: each app's pages under HTTP load

\`pnpm load\`, ${new Date().toISOString()}, ${measured[0]?.seconds ?? '?'} s per level, GET mix per connection:
the feed, up to 3 tag pages and 5 post pages linked from it (after the e2e suite filled them).
Measured on a shared 2-core machine: absolute numbers are noisy, compare apps as ratios within one run.
RSS is \`next start\`'s process group; DB connections are this app's database in pg_stat_activity
(before / peak / after; n/a for Convex, whose local deployment holds its data in its own process).

| app | connections | req/s | p50 / p95 / p99 ms | errors | RSS MB before → after | DB connections |
| --- | ---: | ---: | --- | --- | --- | --- |
${rows.join('\n')}
${failed.length ? `\nFailed runs: ${failed.join(', ')}\n` : ''}`;
writeFileSync(new URL('report.json', results), `${JSON.stringify(measured, null, 2)}\n`);
writeFileSync(new URL('report.md', results), markdown);
console.log(markdown);
process.exit(failed.length ? 1 : 0);
