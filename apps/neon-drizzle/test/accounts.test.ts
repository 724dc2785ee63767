import { ContractError } from '@parity/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, getDb } from '../src/data/client';
import { truncateAll } from '../src/data/maintenance';
import { getMe } from '../src/data/users';
import { signInWithPassword, signUpWithPassword } from '../src/auth/accounts';

const PASSWORD = 'correct horse battery staple';

async function failureOf(promise: Promise<unknown>): Promise<ContractError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ContractError);
  return error as ContractError;
}

describe('accounts through Better Auth', () => {
  beforeEach(() => truncateAll());
  afterAll(() => closeDb());

  it('signs up into the one users table, normalized by the domain rules', async () => {
    const { userId } = await signUpWithPassword({
      email: '  Ada@Example.COM ',
      name: ' Ada ',
      password: PASSWORD,
    });
    expect(await getMe({ userId })).toMatchObject({ id: userId, email: 'ada@example.com', name: 'Ada' });
  });

  it('reports every bad field at once, the password included, before Better Auth runs', async () => {
    const error = await failureOf(signUpWithPassword({ email: 'nope', name: ' ', password: 'short' }));
    expect(error.code).toBe('VALIDATION');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['email', 'name', 'password']);
  });

  it('refuses a taken email in another letter case with CONFLICT', async () => {
    await signUpWithPassword({ email: 'taken@example.com', name: 'First', password: PASSWORD });
    const error = await failureOf(
      signUpWithPassword({ email: 'TAKEN@example.com', name: 'Second', password: PASSWORD }),
    );
    expect(error.code).toBe('CONFLICT');
  });

  it('lets the unique index decide between concurrent sign-ups: one account, CONFLICT for the rest', async () => {
    // Open a connection per sign-up first, so that every Better Auth lookup runs before the first
    // insert commits and the losers are refused by the unique index, not by the lookup.
    await Promise.all(Array.from({ length: 6 }, () => getDb().execute(sql`select pg_sleep(0.05)`)));
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        signUpWithPassword({ email: 'race@example.com', name: `Racer ${i}`, password: PASSWORD }),
      ),
    );
    const failures = results.filter((result) => result.status === 'rejected');
    expect(results.length - failures.length).toBe(1);
    for (const failure of failures) {
      expect(failure.reason).toBeInstanceOf(ContractError);
      expect((failure.reason as ContractError).code).toBe('CONFLICT');
    }
  });

  it('signs in with the stored password only', async () => {
    await signUpWithPassword({ email: 'grace@example.com', name: 'Grace', password: PASSWORD });
    await expect(
      signInWithPassword({ email: ' GRACE@example.com', password: PASSWORD }, new Headers()),
    ).resolves.toBeUndefined();
    const error = await failureOf(
      signInWithPassword({ email: 'grace@example.com', password: `${PASSWORD}!` }, new Headers()),
    );
    expect(error.code).toBe('UNAUTHENTICATED');
  });
});
