import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript sources.
  transpilePackages: ['@parity/domain', '@parity/ui'],
};

export default nextConfig;
