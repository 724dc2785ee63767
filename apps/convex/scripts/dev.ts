/**
 * `pnpm dev` (and the root `npm start`): `next dev` on port 3003 against a Convex backend, and a
 * plain line saying which. A deployment named by NEXT_PUBLIC_CONVEX_URL or CONVEX_URL (the
 * environment or `.env.local`, which `npx convex dev` writes) is used as it is; without one this
 * starts the local deployment, tooling/convex-offline, with this app's functions on 3210 (site
 * 3211), reloading them when convex/ changes as `npx convex dev` pushes them.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startConvexOfflineProcess, type ConvexOfflineProcess } from '@parity/convex-offline/process';

const APP_PORT = 3003;
const OFFLINE_PORTS = { port: 3210, sitePort: 3211 } as const;
const appRoot = fileURLToPath(new URL('..', import.meta.url));

// Next.js reads .env.local itself; read it here too, to know whether it names a deployment.
if (existsSync(`${appRoot}/.env.local`)) process.loadEnvFile(`${appRoot}/.env.local`);

let backend: ConvexOfflineProcess | undefined;
let convexUrl = process.env.NEXT_PUBLIC_CONVEX_URL ?? process.env.CONVEX_URL;
if (convexUrl) {
  console.log(`Convex app on http://localhost:${APP_PORT} uses the deployment at ${convexUrl}`);
} else {
  backend = await startConvexOfflineProcess({
    appDir: appRoot,
    ...OFFLINE_PORTS,
    siteUrl: `http://localhost:${APP_PORT}`,
    watch: true,
  });
  convexUrl = backend.url;
  console.log(
    [
      `Convex app on http://localhost:${APP_PORT} uses a LOCAL deployment: tooling/convex-offline on ${backend.url}`,
      '  (your functions on convex-test, in memory: data is gone when it stops; not a Convex deployment)',
      `  CONVEX_SELF_HOSTED_URL=${backend.url} CONVEX_SELF_HOSTED_ADMIN_KEY=${backend.adminKey} npx convex run <function>`,
      '  Set NEXT_PUBLIC_CONVEX_URL (or run `npx convex dev`) to use a real deployment instead.',
    ].join('\n'),
  );
}

const nextCli = createRequire(import.meta.url).resolve('next/dist/bin/next');
const next = spawn(process.execPath, [nextCli, 'dev', '--port', String(APP_PORT)], {
  cwd: appRoot,
  stdio: 'inherit',
  env: { ...process.env, NEXT_PUBLIC_CONVEX_URL: convexUrl },
});

const stop = async (code: number) => {
  if (next.exitCode === null) next.kill('SIGTERM');
  await backend?.stop();
  process.exit(code);
};
next.once('exit', (code) => void stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(0));
