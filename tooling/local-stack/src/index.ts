export { branchDatabase, dropDatabase } from './databases';
export { startPostgres, type PostgresServer, type StartPostgresOptions } from './postgres';
export {
  configureNeonForLocalProxy,
  startNeonProxy,
  type NeonProxy,
  type StartNeonProxyOptions,
} from './neon-proxy';
export { plansInLog, unboundedReads, type PlanNode } from './plans';
export { FAULTS_PATH, type FaultPoint, type NeonFault } from './neon-faults';
