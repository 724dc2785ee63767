import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript sources.
  transpilePackages: ['@parity/domain', '@parity/ui'],
  // `pnpm typecheck` (next typegen && tsc) checks the app, tests included; `next build` need not again.
  typescript: { ignoreBuildErrors: true },
  // ws is the Neon driver's WebSocket in Node.js; bundled, it loses its optional native helpers.
  serverExternalPackages: ['ws'],
};

export default nextConfig;
