export { erdFromConvexSchema, type ConvexSchema, type ConvexValidator } from './convex';
export { erdDocument, renderMermaid, type Entity, type Relation } from './mermaid';
export { erdFromPostgres } from './postgres';
export { checkErdFile } from './check';
