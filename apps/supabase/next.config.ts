import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript sources.
  transpilePackages: ['@parity/domain', '@parity/ui'],
  // `pnpm typecheck` (next typegen && tsc) checks the app, tests included; `next build` need not again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
