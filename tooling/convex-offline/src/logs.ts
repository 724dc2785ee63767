import inspect from 'object-inspect';

type Level = 'debug' | 'error' | 'info' | 'log' | 'warn';
const LEVELS: Level[] = ['debug', 'error', 'info', 'log', 'warn'];

/**
 * Runs one function call and collects what it writes through `console`, each line as a deployment
 * puts it in `logLines`: `[LEVEL] ` and the arguments as Convex's runtime formats them (object-inspect,
 * 2-space indent; npm-packages/udf-runtime/src/02_console.ts in get-convex/convex-backend), which the
 * clients print as `[CONVEX Q(path)] [LOG] …`. The lines still reach this server's own output too, as
 * `npx convex dev` shows them. Calls run one at a time (the deployment's lock), so whatever the
 * console receives meanwhile is this call's.
 */
export async function captureLogLines<T>(
  run: () => Promise<T>,
): Promise<{ outcome: { ok: true; value: T } | { ok: false; error: unknown }; logLines: string[] }> {
  const logLines: string[] = [];
  const original = LEVELS.map((level) => [level, console[level]] as const);
  for (const [level, write] of original) {
    console[level] = (...args: unknown[]) => {
      logLines.push(`[${level.toUpperCase()}] ${args.map(format).join(' ')}`);
      write.apply(console, args);
    };
  }
  try {
    return { outcome: { ok: true, value: await run() }, logLines };
  } catch (error) {
    return { outcome: { ok: false, error }, logLines };
  } finally {
    for (const [level, write] of original) console[level] = write;
  }
}

function format(value: unknown): string {
  return inspect(value, { maxStringLength: 32768, indent: 2, customInspect: true });
}
