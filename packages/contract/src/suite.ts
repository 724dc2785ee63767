// Placeholder replaced by the contract suite.
import type { CreatePlatform } from './platform';
export function describeContract(_createPlatform: CreatePlatform): void {}
