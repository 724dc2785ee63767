#!/usr/bin/env node
// The CLI is TypeScript like the rest of the repo; tsx's loader runs it, and the app's convex/
// modules it imports, without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
