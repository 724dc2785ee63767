import { createServer } from 'node:net';

/** Resolves once `port` could be bound on `host`; rejects with a readable error when it is taken. */
export function assertPortFree(host: string, port: number, purpose: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Cannot start ${purpose}: port ${port} on ${host} is already in use. ` +
                `Stop whatever listens there (e.g. \`pgrep -a postgres\`, \`ss -ltnp 'sport = :${port}'\`) or choose another port.`,
            )
          : error,
      );
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A port the OS reports as free right now (bound to 0, then released). */
export function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('The OS assigned no port'))));
    });
  });
}
