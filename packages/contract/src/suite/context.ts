import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { User } from '@parity/domain';
import type { Client, CreatePlatform, Platform } from '../platform';

/** A signed-in client together with the account it acts for. */
export interface Member {
  client: Client;
  user: User;
}

/** What every area of the suite gets: the platform under test and ways to obtain clients. */
export interface ContractContext {
  platform(): Platform;
  anonymous(): Client;
  /** Signs up a new account with a fresh email address. */
  signUp(name?: string): Promise<Member>;
  /** An address no account of this run has used yet. */
  uniqueEmail(): string;
}

// Starting a platform may mean starting a database server and applying migrations.
const PLATFORM_HOOK_TIMEOUT_MS = 120_000;

/** One platform for the whole suite, emptied before every test, closed at the end. */
export function useContractContext(createPlatform: CreatePlatform): ContractContext {
  let platform: Platform | undefined;
  // A per-run prefix keeps addresses unique even if a platform's reset missed the accounts.
  const run = Math.random().toString(36).slice(2, 8);
  let emails = 0;

  beforeAll(async () => {
    platform = await createPlatform();
  }, PLATFORM_HOOK_TIMEOUT_MS);
  beforeEach(async () => {
    await current().reset();
  }, PLATFORM_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await platform?.close();
  }, PLATFORM_HOOK_TIMEOUT_MS);

  function current(): Platform {
    if (!platform) throw new Error('The platform is not started (createPlatform failed?)');
    return platform;
  }

  const uniqueEmail = () => `member.${run}.${++emails}@example.com`;

  return {
    platform: current,
    anonymous: () => current().anonymous(),
    uniqueEmail,
    async signUp(name = 'Member') {
      const client = await current().signUp({ email: uniqueEmail(), name });
      const user = await client.me();
      if (!user) throw new Error('signUp returned a client whose me() is null');
      return { client, user };
    },
  };
}
