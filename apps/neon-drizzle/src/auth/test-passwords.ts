import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const derive = promisify(scrypt) as (
  password: string,
  salt: string,
  length: number,
  options: object,
) => Promise<Buffer>;

// scrypt at its smallest work factor: the hash stays salted and verifiable, and costs nothing.
const COST = { N: 2, r: 1, p: 1 };

/**
 * Better Auth's `emailAndPassword.password` hook, for test runs only (NODE_ENV=test, which vitest
 * sets and Next.js never does): suites sign up hundreds of accounts, and Better Auth's default
 * scrypt (N=16384, r=16) would dominate them. Better Auth's own test instance swaps the hash the
 * same way.
 */
export const testPasswordHashing = {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16).toString('hex');
    const key = await derive(password.normalize('NFKC'), salt, 32, COST);
    return `test:${salt}:${key.toString('hex')}`;
  },
  async verify({ hash, password }: { hash: string; password: string }): Promise<boolean> {
    const [scheme, salt, key] = hash.split(':');
    if (scheme !== 'test' || !salt || !key) return false;
    const candidate = await derive(password.normalize('NFKC'), salt, 32, COST);
    const stored = Buffer.from(key, 'hex');
    return stored.length === candidate.length && timingSafeEqual(candidate, stored);
  },
};
