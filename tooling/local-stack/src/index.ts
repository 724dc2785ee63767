export { startPostgres, type PostgresServer, type StartPostgresOptions } from './postgres';
export {
  configureNeonForLocalProxy,
  startNeonProxy,
  type NeonProxy,
  type StartNeonProxyOptions,
} from './neon-proxy';
export { plansInLog, unboundedReads, type PlanNode } from './plans';
