export type * from './platform';
export type { AuditEntry, Page, Post, Profile, PublicUser, Tag, User } from '@parity/domain';
export { ContractError } from '@parity/domain';
export { describeContract } from './suite';
