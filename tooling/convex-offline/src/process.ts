import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ConvexOfflineOptions } from './index';

export interface ConvexOfflineProcess {
  url: string;
  siteUrl: string;
  adminKey: string;
  /** ConvexOffline.restart in the child: the same ports, every connection closed, the data kept. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const RESTARTED = JSON.stringify({ restarted: true });
const CLI = fileURLToPath(new URL('../bin/convex-offline.mjs', import.meta.url));

/**
 * The server in a process of its own, as tests and the dev stack run it: the functions read
 * process.env and share convex-test's globals, so each deployment gets a process.
 * Rejects (and leaves nothing running) if it does not come up.
 */
export function startConvexOfflineProcess(
  options: Omit<ConvexOfflineOptions, 'log'>,
  timeoutMs = 60_000,
): Promise<ConvexOfflineProcess> {
  const args = [
    CLI,
    '--json',
    '--app',
    options.appDir,
    '--port',
    String(options.port ?? 0),
    '--site-port',
    String(options.sitePort ?? 0),
  ];
  if (options.siteUrl) args.push('--site-url', options.siteUrl);
  if (options.watch) args.push('--watch');
  if (options.faults) args.push('--faults');
  for (const [name, value] of Object.entries(options.env ?? {})) args.push('--env', `${name}=${value}`);
  // Its stdin stays open while this process lives: the server stops when it closes (cli.ts), so it
  // never outlives a parent that was killed before it could call stop().
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`convex-offline did not start within ${timeoutMs / 1000}s`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        const ready = JSON.parse(line) as Omit<ConvexOfflineProcess, 'restart' | 'stop'>;
        const restarts: Array<() => void> = [];
        // Later output (reload notices, function errors) goes on to the parent's; cli.ts prints
        // this one line when a restart is done.
        lines.on('line', (more) => {
          if (more === RESTARTED) restarts.shift()?.();
          else console.log(more);
        });
        const restart = () =>
          new Promise<void>((done, failed) => {
            if (child.exitCode !== null || child.signalCode !== null)
              return failed(new Error('convex-offline is not running'));
            restarts.push(done);
            child.kill('SIGUSR2');
          });
        resolve({ ...ready, restart, stop });
      } catch {
        void stop();
        reject(new Error(`convex-offline printed ${line} instead of its URLs`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`convex-offline exited (${signal ?? `code ${code}`}) before it was ready`));
    });
  });
}
