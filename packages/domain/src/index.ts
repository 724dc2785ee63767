export * from './audit';
export * from './cursor';
export * from './errors';
export * from './normalize';
export * from './rules';
export * from './schemas';
export * from './types';
