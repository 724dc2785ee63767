/**
 * `pnpm --filter @parity/convex bench:live`: how long a published post takes to reach another
 * visitor's open page. The local deployment (tooling/convex-offline) starts here with this app's
 * functions; a writer signed in through Convex Auth publishes 100 posts one after another, and a
 * signed-out ConvexClient subscribed to the home page's query (posts:listPosts) times each from the
 * start of the write to the subscription's update that shows it. Prints p50 and p95. Offline this is
 * convex-offline over convex-test (every subscription re-run after each write), not Convex's backend.
 */
import { fileURLToPath } from 'node:url';
import { startConvexOfflineProcess } from '@parity/convex-offline/process';
import { createPostInput } from '@parity/domain';
import { ConvexClient, ConvexHttpClient } from 'convex/browser';
import { signUpArgs, tokenOf } from '../contract/auth';
import { api } from '../convex/_generated/api';
import { inputArgument } from '../src/data/convex-args';

const CHANGES = 100;

const server = await startConvexOfflineProcess({
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  env: { AUTH_LOG_LEVEL: 'ERROR' },
});
try {
  const writer = new ConvexHttpClient(server.url);
  writer.setAuth(
    tokenOf(await writer.action(api.auth.signIn, signUpArgs({ email: 'bench@example.com', name: 'Bench' }))),
  );
  const reader = new ConvexClient(server.url);
  let waitingFor = '';
  let arrived: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (arrived = resolve));
  reader.onUpdate(api.posts.listPosts, { query: {} }, (page) => {
    if (waitingFor === '' || page.items.some((post) => post.title === waitingFor)) arrived();
  });
  await ready;
  const latencies: number[] = [];
  const writes: number[] = [];
  for (let index = 0; index < CHANGES; index += 1) {
    const title = `Bench ${index}`;
    const delivered = new Promise<void>((resolve) => (arrived = resolve));
    waitingFor = title;
    const started = performance.now();
    await writer.mutation(api.posts.createPost, {
      post: inputArgument(createPostInput, { title, published: true }),
    });
    writes.push(performance.now() - started);
    await delivered;
    latencies.push(performance.now() - started);
  }
  await reader.close();
  for (const list of [latencies, writes]) list.sort((a, b) => a - b);
  const at = (share: number, list = latencies) => list[Math.ceil(share * list.length) - 1]!.toFixed(0);
  console.log(
    `convex: ${CHANGES} changes, write start → subscriber: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms; the write alone: p50 ${at(0.5, writes)} ms`,
  );
} finally {
  await server.stop();
}
