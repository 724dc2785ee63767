import { describeContract } from '@parity/contract';
import { inject } from 'vitest';
import { createDeploymentPlatform } from '../../contract/deployment';

// The same contract through the deployment adapter: real ConvexHttpClients against
// tooling/convex-offline, which vitest's global setup started (vitest.config.ts).
describeContract(() => createDeploymentPlatform(inject('convexOffline')));
