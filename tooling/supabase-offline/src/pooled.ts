import { type Pool, type PoolClient } from 'pg';

/**
 * Runs `work` on a client checked out of `pool`, then returns it. A checked-out client whose
 * connection dies (its backend terminated, PostgreSQL restarted mid-request) raises an `error` event
 * that only idle clients have a listener for in pg-pool: unheard, it would end the whole API
 * process. The work's pending queries fail with that error anyway, so it is only kept here, and a
 * client lost that way, or passed to `discard` (a failed ROLLBACK), is dropped instead of reused.
 */
export async function withPooledClient<T>(
  pool: Pool,
  work: (client: PoolClient, discard: (error: unknown) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const discard = (error: unknown) => {
    broken ??= error instanceof Error ? error : new Error(String(error));
  };
  client.on('error', discard);
  try {
    return await work(client, discard);
  } finally {
    client.off('error', discard);
    client.release(broken);
  }
}
