export { startPostgres, type PostgresServer, type StartPostgresOptions } from './postgres';
export { startNeonProxy, type NeonProxy, type StartNeonProxyOptions } from './neon-proxy';
