import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startConvexOffline } from './index';

// convex-offline --app apps/convex [--port 3210] [--site-port 3211] [--site-url …] [--watch] [--faults] [--env K=V]…
const { values } = parseArgs({
  options: {
    app: { type: 'string', default: '.' },
    port: { type: 'string', default: '3210' },
    'site-port': { type: 'string', default: '3211' },
    'site-url': { type: 'string' },
    watch: { type: 'boolean', default: false },
    faults: { type: 'boolean', default: false },
    env: { type: 'string', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
  },
});

const env = Object.fromEntries(
  values.env.map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--env takes NAME=value, not ${pair}`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
const server = await startConvexOffline({
  appDir: resolve(values.app),
  port: Number(values.port),
  sitePort: Number(values['site-port']),
  siteUrl: values['site-url'],
  watch: values.watch,
  faults: values.faults,
  env,
});
if (values.json) {
  // One line for a parent process (tests, the dev stack) to read.
  console.log(JSON.stringify({ url: server.url, siteUrl: server.siteUrl, adminKey: server.adminKey }));
} else {
  console.log(
    [
      'Convex (offline): your functions on convex-test — not a Convex deployment',
      `  CONVEX_URL=${server.url}`,
      `  CONVEX_SITE_URL=${server.siteUrl}`,
      `  CONVEX_SELF_HOSTED_URL=${server.url}`,
      `  CONVEX_SELF_HOSTED_ADMIN_KEY=${server.adminKey}`,
    ].join('\n'),
  );
}
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void server.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
// `kill -USR2 <pid>` restarts the server, the data kept (README § Restart).
process.on('SIGUSR2', () => {
  void server.restart().then(() => {
    if (values.json) console.log(JSON.stringify({ restarted: true }));
  });
});
if (values.json) {
  // Started by a parent process (process.ts): its end closes our stdin, and we stop with it.
  process.stdin.once('end', stop).once('close', stop).resume();
}
