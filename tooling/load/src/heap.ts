import { once } from 'node:events';
import WebSocket from 'ws';

/**
 * The V8 heap `next start` uses after a full collection, in MB, read through the inspector
 * tooling/e2e/run-app.ts started it with (the DevTools protocol: HeapProfiler.collectGarbage, then
 * Runtime.getHeapUsage). RSS cannot tell a leak from garbage not yet collected, or from pages V8
 * keeps after collecting; the live heap after a full collection can.
 */
export async function heapAfterGcMb(inspectPort: number): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await once(socket, 'open');
  let lastId = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++lastId;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: { message: string };
        };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = (await call('Runtime.getHeapUsage')) as { usedSize: number };
    return Math.round(usedSize / 1024 / 1024);
  } finally {
    socket.close();
  }
}
