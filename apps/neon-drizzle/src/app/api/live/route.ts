import { getActor } from '@/auth/session';
import { type LiveScope, staleScopes, watchPostChanges } from '@/data/live';

/**
 * Server-Sent Events telling the open page which lists went stale: one JSON array of scopes per
 * event (`["*"]` after the LISTEN session reconnected: anything may have changed). Pages then
 * re-read through the data layer, so the usual visibility rules decide what they show.
 */
export async function GET(request: Request): Promise<Response> {
  const actor = await getActor();
  const encoder = new TextEncoder();
  let stream: ReadableStreamDefaultController<Uint8Array> | null = null;
  const send = (text: string) => stream?.enqueue(encoder.encode(text));
  // Listening before the response starts: what commits after the page's re-read on open is heard.
  const unsubscribe = await watchPostChanges((event) => {
    const scopes: (LiveScope | '*')[] = event === 'reconnected' ? ['*'] : staleScopes(event, actor);
    if (scopes.length > 0) send(`data: ${JSON.stringify(scopes)}\n\n`);
  });
  // A comment now and then keeps proxies from closing an idle stream.
  const keepAlive = setInterval(() => send(': keep-alive\n\n'), 25_000);
  const stop = () => {
    clearInterval(keepAlive);
    unsubscribe();
  };
  request.signal.addEventListener('abort', () => {
    stop();
    stream?.close();
  });
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        stream = controller;
        // The browser's EventSource reconnects by itself, after this many milliseconds.
        send('retry: 1000\n\n');
      },
      cancel: stop,
    }),
    {
      headers: {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
      },
    },
  );
}
