import { fileURLToPath } from 'node:url';
import { ConvexClient } from 'convex/browser';
import { makeFunctionReference } from 'convex/server';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateAuthKeys } from '../src/auth';
import { startConvexOfflineProcess, type ConvexOfflineProcess } from '../src/process';
import { AUDIENCE } from './helpers';

// restart() (README § Restart) on a server of this test's own, so the shared one stays up: the
// ports close and open again with every connection cut, and the data and keys stay.

const list = makeFunctionReference<'query', Record<string, never>, { author: string; body: string }[]>(
  'messages:list',
);
const send = makeFunctionReference<'mutation', { body: string }>('messages:send');

let server: ConvexOfflineProcess;
let keys: Awaited<ReturnType<typeof generateAuthKeys>>;
const clients: ConvexClient[] = [];

beforeAll(async () => {
  keys = await generateAuthKeys();
  server = await startConvexOfflineProcess({
    appDir: fileURLToPath(new URL('fixture', import.meta.url)),
    env: keys,
  });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server?.stop();
});

async function token(subject: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject(subject)
    .setIssuer(server.siteUrl)
    .setAudience(AUDIENCE)
    .setExpirationTime('1h')
    .sign(await importPKCS8(keys.JWT_PRIVATE_KEY, 'RS256'));
}

async function until(check: () => boolean, what: string): Promise<void> {
  // The client's backoff between reconnect attempts grows to 16 s.
  const deadline = Date.now() + 40_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('a restart cuts every connection; the same client reconnects, its session and the data intact', async () => {
  const reader = new ConvexClient(server.url);
  const writer = new ConvexClient(server.url);
  clients.push(reader, writer);
  const seen: { author: string; body: string }[][] = [];
  reader.onUpdate(list, {}, (messages) => seen.push(messages));
  const adaToken = await token('ada');
  writer.setAuth(() => Promise.resolve(adaToken));
  await writer.mutation(send, { body: 'before' });
  await until(() => seen.at(-1)?.length === 1, 'the reader sees the first message');

  const { url, siteUrl } = server;
  await server.restart();
  expect([server.url, server.siteUrl]).toEqual([url, siteUrl]);

  // The writer's session is the same token, still valid: the keys stayed.
  await writer.mutation(send, { body: 'after' });
  await until(() => seen.at(-1)?.length === 2, 'the reader sees the second message');
  expect(seen.at(-1)).toEqual([
    { author: 'ada', body: 'before' },
    { author: 'ada', body: 'after' },
  ]);
}, 90_000);
